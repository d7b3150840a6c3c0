package main

import (
	"regexp"
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
	checkRoff(t, out)
	desc := between(out, ".SH DESCRIPTION\n", ".SH OPTIONS\n")
	if n := strings.Count(desc, ".PP\n"); n != 2 {
		t.Errorf("DESCRIPTION has %d paragraphs, want 2 (one per paragraph of the text):\n%s", n, desc)
	}
	if strings.Count(desc, "\n") != 4 {
		t.Errorf("each DESCRIPTION paragraph should be one filled line:\n%s", desc)
	}
	checkManCommands(t, out)
	for _, want := range []string{`\fB\-v\fR, \fB\-\-verbose\fR`, ".SH \"EXIT STATUS\"\n", ".SS \"tcpsim man"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q", want)
		}
	}
}

// checkRoff fails on a line that starts with a dot but is no man(7)
// macro, an empty paragraph, or a shorthand written as a long flag.
func checkRoff(t *testing.T, out string) {
	t.Helper()
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
}

// checkManCommands fails when a verb has no section or one of its flags
// is missing from the page.
func checkManCommands(t *testing.T, out string) {
	t.Helper()
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
}

// `tcpsim man --lang zh` is the same well-formed page in Chinese: every
// flag of every verb, the catalogue's texts, and no English sentence
// outside command lines (the heuristic of TestChineseHelpHasNoEnglish).
func TestManPageChinese(t *testing.T) {
	out, errs, code := cli(t, "man", "--lang", "zh")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d: %s", code, errs)
	}
	checkRoff(t, out)
	checkManCommands(t, out)
	for _, name := range strings.Fields(flagNames(newRoot())) {
		if !strings.Contains(between(out, ".SH 选项\n", ".SH 子命令\n"), `\fB\-\-`+roffFlag(name)+`\fR`) {
			t.Errorf("--%s is not in OPTIONS", name)
		}
	}
	if !strings.HasPrefix(out, `.TH TCPSIM 1 "" "tcpsim `) || !strings.Contains(out, "\"用户命令\"\n") {
		t.Errorf("header: %q", out[:strings.Index(out, "\n")])
	}
	lines := manTextLines(out)
	if len(lines) < 150 { // every verb's summary, description and flags
		t.Errorf("only %d lines of text", len(lines))
	}
	for _, l := range lines {
		if m := englishRun.FindString(backquoted.ReplaceAllString(l, "")); m != "" {
			t.Errorf("English %q in %q", m, l)
		}
		if m := unbreakable.FindString(l); m != "" {
			t.Errorf("%q: no break point between Chinese characters (groff 1.22 would not wrap the line) in %q", m, l)
		}
	}
}

// unbreakable is two Chinese characters with no break point between them
// (punctuation may cling to its neighbour: cjkBreaks keeps "，" off a
// line's start).
var unbreakable = regexp.MustCompile(`[\x{3400}-\x{9FFF}]{2}`)

func TestCJKBreaks(t *testing.T) {
	for in, want := range map[string]string{
		"plain English, untouched": "plain English, untouched",
		"输出手册页（roff 格式）：x":         `输\:出\:手\:册\:页\:（roff 格\:式）：\:x`,
		"A 发 SYN。":                 `A 发 SYN。`,
		"我们，他们":                    `我\:们，\:他\:们`,
	} {
		if got := cjkBreaks(in); got != want {
			t.Errorf("cjkBreaks(%q) = %q, want %q", in, got, want)
		}
	}
}

// Only an explicit --lang changes the page: a Chinese locale or
// TCPSIM_LANG installs the same English tcpsim.1 as everyone's.
func TestManPageIgnoresLocale(t *testing.T) {
	en, _, _ := cli(t, "man", "--lang", "en")
	t.Setenv("TCPSIM_LANG", "zh")
	t.Setenv("LANG", "zh_CN.UTF-8")
	out, errs, code := cli(t, "man")
	if code != 0 || errs != "" || out != en {
		t.Errorf("exit %d, %s; the page under a Chinese locale differs from --lang en: %v", code, errs, out != en)
	}
	if _, errs, code := cli(t, "man", "--lang", "fr"); code != 2 || !strings.Contains(errs, "--lang") {
		t.Errorf("--lang fr: exit %d, %q", code, errs)
	}
}

// manTextLines are the page's lines a reader reads as prose: not macros,
// not a flag's tag after .TP, not the command lines between .nf and .fi
// (but their # comments).
func manTextLines(out string) []string {
	var text []string
	inCode, tag := false, false
	for _, l := range strings.Split(out, "\n") {
		switch {
		case l == ".nf" || l == ".fi":
			inCode = l == ".nf"
		case l == ".TP":
			tag = true
		case strings.HasPrefix(l, "."):
		case tag:
			tag = false
		case !inCode || strings.HasPrefix(l, "# "):
			text = append(text, l)
		}
	}
	return text
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
