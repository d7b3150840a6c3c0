package main

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tcpsim/tcpsim/internal/textwrap"
)

// helpAt is `tcpsim ARGS --help` as printed to a pipe with $COLUMNS=width.
func helpAt(t *testing.T, width int, lang string, args ...string) string {
	t.Helper()
	t.Setenv("COLUMNS", strconv.Itoa(width))
	out, errs, code := cli(t, append(args, "--help", "--lang", lang)...)
	if code != 0 || errs != "" {
		t.Fatalf("%v --help: exit %d, %s", args, code, errs)
	}
	return out
}

var (
	asciiWord    = regexp.MustCompile(`[\x21-\x7e]+`)
	continuation = regexp.MustCompile(` \\\n|\n *# `) // a command line's " \", a comment's "# "
)

// wordsOf is the help's text as a sequence of ASCII words and of all
// its other characters: moving a line break changes neither; cutting a
// word in two changes the first.
func wordsOf(s string) (ascii []string, text string) {
	s = continuation.ReplaceAllString(s, "\n ")
	return asciiWord.FindAllString(s, -1), strings.Join(strings.Fields(s), "")
}

// Help fits the width, at 60, 80 and 120 columns, in English and Chinese:
// no line wider, and the same words in the same order at every width, so
// that none was cut.
func TestHelpFitsWidth(t *testing.T) {
	var verbs [][]string
	for _, c := range newRoot().Commands() {
		if c.IsAvailableCommand() {
			verbs = append(verbs, []string{c.Name()})
		}
	}
	verbs = append(verbs, nil, []string{"completion", "bash"})
	for _, lang := range []string{"en", "zh"} {
		for _, v := range verbs {
			var first []string
			var firstText string
			for _, w := range []int{60, 80, 120} {
				out := helpAt(t, w, lang, v...)
				for i, l := range strings.Split(out, "\n") {
					if textwrap.Width(l) > w {
						t.Errorf("%s %v at %d: line %d is %d wide: %q", lang, v, w, i+1, textwrap.Width(l), l)
					}
					if strings.HasSuffix(l, " ") {
						t.Errorf("%s %v at %d: line %d ends with spaces", lang, v, w, i+1)
					}
				}
				words, text := wordsOf(out)
				if first == nil {
					first, firstText = words, text
					continue
				}
				if strings.Join(words, " ") != strings.Join(first, " ") || text != firstText {
					t.Errorf("%s %v: the words at %d differ from those at 60:\n%s", lang, v, w, out)
				}
			}
		}
	}
}

// The help lists every verb, man included, and speaks the chosen language.
func TestHelpListsVerbs(t *testing.T) {
	en := helpAt(t, 80, "en")
	zh := helpAt(t, 80, "zh")
	for _, c := range newRoot().Commands() {
		if c.IsAvailableCommand() && !strings.Contains(en, "\n  "+c.Name()+" ") {
			t.Errorf("--help does not list %s", c.Name())
		}
	}
	for _, want := range []string{"  man ", "COMMANDS", "Exit status: 0 success"} {
		if !strings.Contains(en, want) {
			t.Errorf("English help lacks %q", want)
		}
	}
	for _, want := range []string{"命令", "选项", "退出码", "输出手册页"} {
		if !strings.Contains(zh, want) {
			t.Errorf("Chinese help lacks %q", want)
		}
	}
}

// A narrow terminal puts descriptions under their names instead of in a
// column too thin to read.
func TestHelpNarrowStacks(t *testing.T) {
	out := helpAt(t, 40, "en", "run")
	if !strings.Contains(out, "\n      --max-in-flight int\n") {
		t.Errorf("at 40 columns the flag is not on a line of its own:\n%s", out)
	}
}
