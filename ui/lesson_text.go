package ui

import (
	"strings"
	"unicode"
)

// The lesson panel's text: narration written in YAML blocks is reflowed
// and wrapped to the panel, English at spaces, Chinese between characters.

// labelled puts a label before a text: a space after "Hint:", none after
// the full-width "提示：".
func labelled(l, s string) string {
	if wide(lastRune(l)) {
		return l + s
	}
	return l + " " + s
}

// reflow joins the lines of a paragraph: a space between words, nothing
// between Chinese characters. A blank line stays a paragraph break.
func reflow(s string) string {
	paras := strings.Split(strings.TrimSpace(s), "\n\n")
	for i, para := range paras {
		ls := strings.Split(para, "\n")
		out := strings.TrimSpace(ls[0])
		for _, l := range ls[1:] {
			l = strings.TrimSpace(l)
			if l == "" {
				continue
			}
			if joinSpace(lastRune(out), firstRune(l)) {
				out += " "
			}
			out += l
		}
		paras[i] = out
	}
	return strings.Join(paras, "\n")
}

// joinSpace says whether joining two lines puts a space between them:
// between words, and between a word and a Chinese character, but not
// between Chinese characters or next to Chinese punctuation.
func joinSpace(a, b rune) bool {
	punct := func(r rune) bool { return wide(r) && !unicode.Is(unicode.Han, r) }
	return !punct(a) && !punct(b) && !(wide(a) && wide(b))
}

// wrapProse wraps narration to the panel: the lab's one wrapper (wrap.go).
func wrapProse(s string, w int) []string { return wrapCells(s, w) }
