package textwrap

import (
	"strings"
	"testing"
)

func TestWrapEnglish(t *testing.T) {
	got := Wrap("Run scenarios and check their expectations", 20)
	want := []string{"Run scenarios and", "check their", "expectations"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q", got)
	}
}

func TestWrapChinese(t *testing.T) {
	s := "运行场景并检查它的预期，不打开实验室。"
	for w := 4; w <= 40; w++ {
		lines := Wrap(s, w)
		if strings.Join(lines, "") != s {
			t.Fatalf("w=%d: text changed: %q", w, lines)
		}
		for _, l := range lines {
			if Width(l) > w {
				t.Errorf("w=%d: %q is %d cells", w, l, Width(l))
			}
			if strings.HasPrefix(l, "，") || strings.HasPrefix(l, "。") {
				t.Errorf("w=%d: line starts with closing punctuation: %q", w, l)
			}
		}
	}
}

// Mixed text breaks at spaces and between Chinese characters, never inside
// a protocol token such as SYN,ACK or TIME-WAIT.
func TestWrapMixed(t *testing.T) {
	s := "B 在 LAST-ACK 中重传 FIN,ACK（第 1 次重传，RTO 1s）"
	for w := 12; w <= 50; w++ {
		lines := Wrap(s, w)
		all := strings.Join(lines, "\n")
		for _, tok := range []string{"LAST-ACK", "FIN,ACK", "1s"} {
			if !strings.Contains(all, tok) {
				t.Errorf("w=%d: %s was cut: %q", w, tok, lines)
			}
		}
		for _, l := range lines {
			if Width(l) > w {
				t.Errorf("w=%d: %q too wide", w, l)
			}
			if strings.HasPrefix(l, "）") || strings.HasSuffix(l, "（") {
				t.Errorf("w=%d: punctuation rule broken: %q", w, l)
			}
		}
	}
}

func TestWrapKeepsNewlinesAndCutsOnlyHugeWords(t *testing.T) {
	got := Wrap("a\n\nbb cccccccccc", 4)
	want := []string{"a", "", "bb", "cccc", "cccc", "cc"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q", got)
	}
	if got := Indent("one two three", 9, 2, 4); strings.Join(got, "|") != "  one|    two|    three" {
		t.Errorf("indent: %q", got)
	}
}

func TestMinWidth(t *testing.T) {
	for s, want := range map[string]int{"a bb ccc": 3, "运行场景。": 4, "": 0, "(default $HOME/x)": 8} {
		if got := MinWidth(s); got != want {
			t.Errorf("MinWidth(%q) = %d, want %d", s, got, want)
		}
	}
}
