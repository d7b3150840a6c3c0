package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tcpsim/tcpsim/msg"
)

// allCommands is every verb and sub-verb, the root first.
func allCommands(c *cobra.Command) []*cobra.Command {
	out := []*cobra.Command{c}
	for _, sc := range c.Commands() {
		out = append(out, allCommands(sc)...)
	}
	return out
}

func printers(t *testing.T) (en, zh *msg.Printer) {
	t.Helper()
	zh, err := msg.New("zh")
	if err != nil {
		t.Fatal(err)
	}
	return msg.English(), zh
}

// entry is the first of ids that p's catalogue has.
func entry(p *msg.Printer, ids ...msg.ID) (msg.ID, string) {
	for _, id := range ids {
		if s := p.Or(id, ""); s != "" {
			return id, s
		}
	}
	return "", ""
}

// Every flag of every verb has its usage in both languages, under the
// same ID, and the English one is the verb's own words: a flag added or
// reworded in a verb's file without its catalogue entries fails here.
func TestEveryFlagHasEntries(t *testing.T) {
	en, zh := printers(t)
	n := 0
	for _, c := range allCommands(newRoot()) {
		c.InitDefaultHelpFlag()
		c.LocalFlags().VisitAll(func(f *pflag.Flag) {
			_, usage := pflag.UnquoteUsage(f)
			if f.Name == "help" || f.Name == "version" || f.Name == "lang" {
				return // one entry for all verbs (flagUsage)
			}
			n++
			enID, enText := entry(en, flagIDs(c, f)...)
			zhID, _ := entry(zh, flagIDs(c, f)...)
			switch {
			case enID == "":
				t.Errorf("%s --%s: no entry %s", c.CommandPath(), f.Name, flagIDs(c, f)[0])
			case zhID != enID:
				t.Errorf("%s --%s: English from %s, Chinese from %q", c.CommandPath(), f.Name, enID, zhID)
			case enText != usage:
				t.Errorf("%s --%s: %s says %q, the verb %q", c.CommandPath(), f.Name, enID, enText, usage)
			}
		})
	}
	if n < 40 {
		t.Errorf("only %d flags seen", n)
	}
}

// Every verb's summary, description and example comments are in both
// catalogues, the English equal to the verb's own.
func TestEveryVerbHasTexts(t *testing.T) {
	en, zh := printers(t)
	for _, c := range allCommands(newRoot()) {
		if c == c.Root() {
			continue
		}
		k := cmdKey(c)
		for _, p := range []*msg.Printer{en, zh} {
			if _, ok := longText(c, p); !ok && c.Long != "" && c.Long != exitCodesHelp {
				t.Errorf("%s: no %s%s in %s", c.CommandPath(), msg.LongPrefix, k, p.Lang())
			}
			if commandShort(c, p) == c.Short && p == zh {
				t.Errorf("%s: summary not translated", c.CommandPath())
			}
		}
		long, _ := strings.CutSuffix(c.Long, exitCodesHelp)
		if s, ok := longText(c, en); ok && strings.TrimSpace(s) != strings.TrimSpace(long) {
			t.Errorf("%s: the catalogue's English description is not the verb's:\n%q\n%q", c.CommandPath(), s, long)
		}
	}
	for _, c := range allCommands(newRoot()) {
		n := 0
		for _, l := range strings.Split(c.Example, "\n") {
			t0, ok := strings.CutPrefix(strings.TrimSpace(l), "#")
			if !ok {
				continue
			}
			if s := exampleComment(c, n, "", en); s != strings.TrimSpace(t0) {
				t.Errorf("%s: example comment %d is %q in the catalogue, %q in the verb", c.CommandPath(), n, s, t0)
			}
			if exampleComment(c, n, "", zh) == "" {
				t.Errorf("%s: example comment %d has no Chinese", c.CommandPath(), n)
			}
			n++
		}
	}
}

// englishRun is a run of four or more English words: a sentence left
// untranslated. Backquoted text is code.
var (
	englishRun = regexp.MustCompile(`[A-Za-z']+(?:[ ,]+[A-Za-z']+){3,}`)
	backquoted = regexp.MustCompile("`[^`]*`")
)

// The Chinese help of every verb has no English sentence outside its
// command lines (usage, examples): what a Chinese-reading student reads
// is Chinese, with protocol tokens, flags and names as they are.
func TestChineseHelpHasNoEnglish(t *testing.T) {
	_, zh := printers(t)
	code := map[string]bool{zh.T(msg.CLIHelpUsage, nil): true, zh.T(msg.CLIHelpExamples, nil): true}
	for _, c := range allCommands(newRoot()) {
		args := strings.Fields(strings.TrimPrefix(c.CommandPath(), "tcpsim"))
		out := helpAt(t, 80, "zh", args...)
		inCode := false
		for _, l := range strings.Split(out, "\n") {
			if l != "" && l[0] != ' ' {
				inCode = code[l]
			}
			t0 := strings.TrimSpace(l)
			if inCode && !strings.HasPrefix(t0, "# ") {
				continue
			}
			if m := englishRun.FindString(backquoted.ReplaceAllString(l, "")); m != "" {
				t.Errorf("tcpsim %s --help --lang zh: English %q in %q", strings.Join(args, " "), m, l)
			}
		}
	}
}
