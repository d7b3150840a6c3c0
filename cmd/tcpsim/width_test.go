package main

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tcpsim/tcpsim/internal/textwrap"
	"github.com/tcpsim/tcpsim/scenarios"
)

// run's and replay's text fits 60, 80 and 120 columns in English and
// Chinese, for every bundled scenario: no line wider, and the same words
// at every width (the notes wrap, nothing is cut).
func TestRunAndReplayFitWidth(t *testing.T) {
	t.Chdir(t.TempDir()) // short capture names: a path wider than the terminal is the one word cut
	var cmds [][]string
	for _, name := range scenarios.Names() {
		cmds = append(cmds, []string{"run", name})
	}
	for _, name := range []string{"lost-final-ack", "data-with-loss"} {
		pcap := name + ".pcap"
		if _, errs, code := cli(t, "export", name, "--tap", "link", "-o", pcap); code != 0 {
			t.Fatal(errs)
		}
		cmds = append(cmds, []string{"replay", pcap})
	}
	for _, lang := range []string{"en", "zh"} {
		for _, args := range cmds {
			var first string
			for _, w := range []int{60, 80, 120} {
				t.Setenv("COLUMNS", strconv.Itoa(w))
				out, errs, code := cli(t, append(args, "--lang", lang)...)
				if code != 0 {
					t.Fatalf("%v: exit %d: %s", args, code, errs)
				}
				for i, l := range strings.Split(out, "\n") {
					if textwrap.Width(l) > w {
						t.Errorf("%s %v at %d: line %d is %d wide: %q", lang, args, w, i+1, textwrap.Width(l), l)
					}
				}
				words := segmentWords(out)
				if first == "" {
					first = words
				} else if words != first {
					t.Errorf("%s %v: the words at %d differ from those at 60", lang, args, w)
				}
			}
		}
	}
}

// segmentWords is the output's words, sorted (a narrow layout moves a
// segment or a note under its line, so the order changes; a cut word
// would change the words), with the dashes that join arrow heads when a
// segment is written under them left out.
func segmentWords(s string) string {
	var out []string
	for _, w := range asciiWord.FindAllString(s, -1) {
		if strings.Trim(w, "-<>X.") != "" {
			out = append(out, w)
		}
	}
	slices.Sort(out)
	return strings.Join(out, " ")
}

// Narrower than the ladder's columns (the CLI's floor is 40), each ladder
// line becomes a block of short lines: still none wider than the terminal.
func TestRunNarrowStacks(t *testing.T) {
	t.Setenv("COLUMNS", "40")
	for _, name := range scenarios.Names() {
		for _, lang := range []string{"en", "zh"} {
			out, errs, code := cli(t, "run", name, "--lang", lang)
			if code != 0 {
				t.Fatalf("%s: exit %d: %s", name, code, errs)
			}
			for i, l := range strings.Split(out, "\n") {
				if w := textwrap.Width(l); w > 40 {
					t.Errorf("%s %s: line %d is %d wide: %q", lang, name, i+1, w, l)
				}
				// A segment breaks between its fields, never inside one.
				if f := strings.TrimSpace(l); strings.HasPrefix(f, "<") && !strings.HasSuffix(f, ">") {
					t.Errorf("%s %s: line %d cuts a segment: %q", lang, name, i+1, l)
				}
			}
		}
	}
}
