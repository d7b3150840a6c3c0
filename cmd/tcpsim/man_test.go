package main

import (
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

// The man page is well-formed roff: every line that starts with a dot is
// a man(7) macro; each paragraph is one .PP followed by its text, not a
// .PP after every source line; every flag of every verb is listed, with
// its single-dash shorthand spelled once (-v, not --v).
func TestManPage(t *testing.T) {
	out, errs, code := cli(t, "man")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d: %s", code, errs)
	}
	macros := map[string]bool{".TH": true, ".SH": true, ".SS": true, ".PP": true, ".TP": true, ".B": true, ".BR": true,
		".I": true, ".RI": true, ".RS": true, ".RE": true, ".nf": true, ".fi": true, ".br": true, ".nh": true, ".ad": true}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	prevPP := false
	for i, l := range lines {
		if strings.HasPrefix(l, ".") || strings.HasPrefix(l, "'") {
			name, _, _ := strings.Cut(l, " ")
			if !macros[name] {
				t.Errorf("line %d: %q is not a man(7) macro", i+1, l)
			}
		}
		if l == ".PP" && prevPP {
			t.Errorf("line %d: an empty paragraph", i+1)
		}
		prevPP = l == ".PP"
		if strings.Contains(l, `\-\-v `) || strings.Contains(l, "--v ") || strings.Contains(l, `\-\-v\f`) {
			t.Errorf("line %d: a shorthand written as a long flag: %q", i+1, l)
		}
	}
	desc := between(out, ".SH DESCRIPTION\n", ".SH OPTIONS\n")
	if n := strings.Count(desc, ".PP\n"); n != 2 {
		t.Errorf("DESCRIPTION has %d paragraphs, want 2 (one per paragraph of the text):\n%s", n, desc)
	}
	if strings.Count(desc, "\n") != 4 {
		t.Errorf("each DESCRIPTION paragraph should be one filled line:\n%s", desc)
	}
	root := newRoot()
	for _, c := range manCommands(root) {
		if !strings.Contains(out, ".SS \""+c.UseLine()+"\"\n") {
			t.Errorf("no section for %q", c.UseLine())
		}
		for _, name := range strings.Fields(flagNames(c)) {
			if !strings.Contains(out, `\fB\-\-`+roffFlag(name)+`\fR`) {
				t.Errorf("%s: --%s is not in the page", c.Name(), name)
			}
		}
	}
	for _, want := range []string{`\fB\-v\fR, \fB\-\-verbose\fR`, ".SH \"EXIT STATUS\"\n", ".SS \"tcpsim man"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q", want)
		}
	}
}

func between(s, from, to string) string {
	_, rest, _ := strings.Cut(s, from)
	in, _, _ := strings.Cut(rest, to)
	return in
}

// flagNames are a verb's own visible flags, space-separated.
func flagNames(c interface {
	LocalNonPersistentFlags() *pflag.FlagSet
}) string {
	var names []string
	c.LocalNonPersistentFlags().VisitAll(func(f *pflag.Flag) {
		if !f.Hidden {
			names = append(names, f.Name)
		}
	})
	return strings.Join(names, " ")
}
