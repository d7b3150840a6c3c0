package lesson

import (
	"fmt"
	"testing"

	"github.com/tcpsim/tcpsim/internal/glossary"
)

// Every bundled lesson loads, and what it says about its run holds: its
// moments happen in order, each question has exactly one answer among
// its options, a challenge can be met within its limit.
func TestBundled(t *testing.T) {
	names := Names()
	if len(names) == 0 {
		t.Fatal("no bundled lessons")
	}
	for _, n := range names {
		l, err := Lookup(n)
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		if err := l.Check(); err != nil {
			t.Errorf("%s: %v", n, err)
		}
		for _, lang := range []string{"en", "zh"} {
			if l.Title[lang] == "" {
				t.Errorf("%s: no %s title", n, lang)
			}
			for i := range l.Beats {
				if l.Beats[i].Say[lang] == "" {
					t.Errorf("%s: beats[%d]: no %s narration", n, i, lang)
				}
			}
		}
	}
}

// The Chinese texts of the bundled lessons use the glossary's words and
// Chinese punctuation, as the catalogue and the Chinese docs do.
func TestBundledChinese(t *testing.T) {
	g, err := glossary.Load("../docs/glossary-zh.md")
	if err != nil {
		t.Fatal(err)
	}
	zh := map[string]string{}
	for _, l := range Bundled() {
		add := func(where string, tx Text) {
			if s := tx["zh"]; s != "" {
				zh[l.Name+":"+where] = s
			}
		}
		add("title", l.Title)
		add("summary", l.Summary)
		for i, b := range l.Beats {
			p := fmt.Sprintf("beats[%d]", i)
			add(p+".say", b.Say)
			if q := b.Ask; q != nil {
				add(p+".ask.prompt", q.Prompt)
				add(p+".ask.hint", q.Hint)
				add(p+".ask.explain", q.Explain)
				for j, c := range q.Choices {
					add(fmt.Sprintf("%s.ask.choose[%d]", p, j), c.Text)
				}
			}
		}
		if l.Goal != nil {
			add("goal.say", l.Goal.Say)
		}
	}
	for _, p := range g.Check(zh) {
		t.Error(p)
	}
	for _, p := range glossary.Punctuation(zh) {
		t.Error(p)
	}
}
