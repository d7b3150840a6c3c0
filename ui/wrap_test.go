package ui

import (
	"strings"
	"testing"
)

// Chinese wraps between characters, never wider than the line, never
// with a closing mark at the start of a line, and loses no character.
func TestWrapChinese(t *testing.T) {
	texts := []string{
		"2MSL 过去了，没有再收到重传的 FIN：旧的重复报文段都已消失，删掉 TCB。",
		"对方的 FIN 完成了关闭：确认它，并在 TIME-WAIT 中停留 2MSL，以便最后的 ACK 丢失时还能重传。",
		"The peer's FIN completes the close: ACK it and linger 2MSL in TIME-WAIT so a lost ACK can be repeated.",
		"（括号）里的字，“引号”里的字。",
	}
	for _, s := range texts {
		for w := 1; w <= 40; w++ {
			ls := wrap(s, w)
			for _, l := range ls {
				if textWidth(l) > w && w > 1 {
					t.Errorf("w=%d: %q is %d cells", w, l, textWidth(l))
				}
				// (below 8 cells a token such as "FIN：" is itself cut)
				if w >= 8 && l != "" && strings.ContainsRune(closing, []rune(l)[0]) {
					t.Errorf("w=%d: line starts with a closing mark: %q", w, l)
				}
			}
			strip := func(x string) string { return strings.ReplaceAll(x, " ", "") }
			if got := strip(strings.Join(ls, "")); got != strip(s) {
				t.Errorf("w=%d: lost text:\n%q\n%q", w, got, strip(s))
			}
		}
	}
	// English still breaks only at spaces.
	if got := wrap("lost on the way", 8); strings.Join(got, "|") != "lost on|the way" {
		t.Errorf("English: %q", got)
	}
	// Chinese fills the line instead of breaking at the next space.
	if got := wrap("2MSL 过去了，没有再收到重传的 FIN：旧的", 20); textWidth(got[0]) < 18 {
		t.Errorf("short first line: %q", got)
	}
}

// A note breaks at its space rather than inside a Chinese word, when
// that costs no extra line; otherwise between characters, as before.
func TestNoteLines(t *testing.T) {
	for _, c := range []struct {
		s    string
		w    int
		want []string
	}{
		{"TIME-WAIT 重新计时", 12, []string{"TIME-WAIT", "重新计时"}},
		{"TIME-WAIT 重新计时", 18, []string{"TIME-WAIT 重新计时"}},
		{"TIME-WAIT restart", 12, []string{"TIME-WAIT", "restart"}},
		{"重传超时重传超时重传", 12, []string{"重传超时重传", "超时重传"}},
	} {
		got := noteLines(c.s, c.w)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("noteLines(%q, %d) = %q, want %q", c.s, c.w, got, c.want)
		}
	}
}
