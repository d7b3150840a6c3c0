// Package textwrap breaks text into lines of a given display width for the
// command line: at spaces in English, and between characters in Chinese
// (which has no spaces), never before closing punctuation nor after an
// opening one. Widths are terminal cells: a CJK character takes two.
package textwrap

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
)

// cells measures text as terminals draw it. Box-drawing glyphs and arrows
// are "ambiguous" in Unicode; a CJK locale would make go-runewidth count
// them as two cells while terminals draw one, so the condition is fixed.
var cells = &runewidth.Condition{EastAsianWidth: false}

// Width is the display width of s in terminal cells.
func Width(s string) int { return cells.StringWidth(s) }

// Pad pads s with spaces to w cells.
func Pad(s string, w int) string {
	if d := w - Width(s); d > 0 {
		return s + strings.Repeat(" ", d)
	}
	return s
}

// Wrap breaks s into lines of at most w cells. Newlines in s are kept.
// A word longer than w (a long path, a URL) is the only thing ever cut,
// since it cannot fit any other way.
func Wrap(s string, w int) []string {
	if w < 1 {
		w = 1
	}
	var out []string
	for _, para := range strings.Split(s, "\n") {
		out = append(out, wrapLine(para, w)...)
	}
	return out
}

// wrapLine wraps one line; consecutive spaces collapse at a break.
func wrapLine(s string, w int) []string {
	var out []string
	line := ""
	for _, tok := range tokens(s) {
		if tok == " " {
			if line != "" {
				line += " "
			}
			continue
		}
		if Width(line)+Width(tok) <= w {
			line += tok
			continue
		}
		if t := strings.TrimRight(line, " "); t != "" {
			out = append(out, t)
		}
		line = ""
		for Width(tok) > w { // only a word wider than the whole line
			cut := cells.Truncate(tok, w, "")
			if cut == "" { // w is narrower than one character
				_, n := utf8.DecodeRuneInString(tok)
				cut = tok[:n]
			}
			out = append(out, cut)
			tok = tok[len(cut):]
		}
		line = tok
	}
	if t := strings.TrimRight(line, " "); t != "" || len(out) == 0 {
		out = append(out, t)
	}
	return out
}

// tokens splits s into unbreakable pieces and single " " break points: a
// run of non-CJK letters is one piece; each CJK character is its own
// piece, joined to the closing punctuation after it and the opening
// punctuation before it.
func tokens(s string) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	prevWide, prevOpen := false, false
	for _, r := range s {
		switch {
		case r == ' ' || r == '\t':
			flush()
			out = append(out, " ")
			prevWide, prevOpen = false, false
			continue
		case noBreakBefore(r):
			// stays with what precedes it
		case prevOpen:
			// stays with the opening punctuation before it
		case wide(r) || prevWide:
			flush()
		}
		cur.WriteRune(r)
		prevWide = wide(r)
		prevOpen = noBreakAfter(r)
	}
	flush()
	return out
}

// wide tells a character that takes two cells (CJK ideographs, kana,
// fullwidth punctuation): a line may break on either side of it.
func wide(r rune) bool { return cells.RuneWidth(r) == 2 || unicode.Is(unicode.Han, r) }

// noBreakBefore: closing punctuation never starts a line.
func noBreakBefore(r rune) bool {
	return strings.ContainsRune("，。、；：！？）》」』】〉”’…,.;:!?)]}%", r)
}

// noBreakAfter: opening punctuation never ends a line.
func noBreakAfter(r rune) bool { return strings.ContainsRune("（《「『【〈“‘([{", r) }

// Indent wraps s to w cells with every line after the first indented by
// indent spaces, and the first line by first spaces.
func Indent(s string, w, first, indent int) []string {
	lines := Wrap(s, w-max(first, indent))
	for i := range lines {
		n := indent
		if i == 0 {
			n = first
		}
		lines[i] = strings.Repeat(" ", n) + lines[i]
	}
	return lines
}

// MinWidth is the width of the widest piece of s that Wrap will not
// break: the narrowest column s fits in without a cut.
func MinWidth(s string) int {
	n := 0
	for _, t := range tokens(s) {
		n = max(n, Width(t))
	}
	return n
}
