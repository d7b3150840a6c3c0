package msg

import (
	"regexp"
	"slices"
	"testing"

	"github.com/tcpsim/tcpsim/internal/glossary"
)

// Every Chinese entry uses the glossary's terms and Chinese punctuation.
func TestChineseGlossary(t *testing.T) {
	g, err := glossary.Load("../docs/glossary-zh.md")
	if err != nil {
		t.Fatal(err)
	}
	zh, err := Entries("zh")
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{}
	for id, s := range zh {
		texts[string(id)] = s
	}
	if len(texts) < 100 {
		t.Fatalf("only %d Chinese entries", len(texts))
	}
	for _, p := range g.Check(texts) {
		t.Error(p)
	}
	for _, p := range glossary.Punctuation(texts) {
		t.Error(p)
	}
}

var param = regexp.MustCompile(`\{\{\.(\w+)\}\}`)

// A translation has the same parameters as the English message: a
// missing one loses information, an unknown one prints "<no value>".
func TestSameParameters(t *testing.T) {
	en, err := Entries("en")
	if err != nil {
		t.Fatal(err)
	}
	names := func(s string) []string {
		var out []string
		for _, m := range param.FindAllStringSubmatch(s, -1) {
			if !slices.Contains(out, m[1]) {
				out = append(out, m[1])
			}
		}
		slices.Sort(out)
		return out
	}
	for _, lang := range Languages() {
		m, err := Entries(lang)
		if err != nil {
			t.Fatal(err)
		}
		for id, s := range m {
			want := names(en[id])
			got := names(s)
			// A language without a singular form may say the count
			// only where English does.
			if !slices.Equal(got, want) {
				t.Errorf("%s: %s has parameters %v, English %v", lang, id, got, want)
			}
		}
	}
}

func TestChinesePrinter(t *testing.T) {
	p, err := New("zh")
	if err != nil {
		t.Fatal(err)
	}
	if got := p.T(SendRetransmit, Args{"N": 2, "RTO": "4s"}); got != "第 2 次重传（RTO 4s）" {
		t.Errorf("parameters: %q", got)
	}
	if got := p.N(AppReads, 1, Args{"Side": "A"}); got != "A 读到 1 字节" {
		t.Errorf("plural: %q", got)
	}
	if got := p.Or(RulePrefix+"time-wait.ack", "x"); got == "x" || got == "" {
		t.Errorf("rule: %q", got)
	}
	if got := p.Or("rule.no-such-row", "fallback"); got != "fallback" {
		t.Errorf("missing rule: %q", got)
	}
}
