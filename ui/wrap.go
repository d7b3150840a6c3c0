package ui

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Wrapping Chinese: a line may break between any two Han characters, not
// only at spaces; a closing mark (，。：）…) never starts a line and an
// opening one (（“) never ends one, as Chinese typesetting has it.

// token is a piece of text that is never broken (unless it is wider than
// a line), and whether a space preceded it.
type token struct {
	s     string
	space bool
}

// cjk reports a character a line may break after.
func cjk(r rune) bool {
	return unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFF60 ||
		unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)
}

// Marks that stay with the character before (closing) or after (opening).
const (
	closing = "，。、：；！？）》」』”’…—"
	opening = "（《「『“‘"
)

// tokens splits a paragraph into unbreakable pieces.
func tokens(para string) []token {
	var out []token
	var cur strings.Builder
	space, glue := false, false // glue: the next piece joins the current one
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, token{cur.String(), space})
			cur.Reset()
			space = false
		}
	}
	for _, r := range para {
		switch {
		case r == ' ' || r == '\t':
			flush()
			space = len(out) > 0
			glue = false
		case strings.ContainsRune(closing, r):
			if cur.Len() == 0 && len(out) > 0 && !space {
				out[len(out)-1].s += string(r) // stays on the line before
				continue
			}
			cur.WriteRune(r)
		case strings.ContainsRune(opening, r):
			flush()
			cur.WriteRune(r)
			glue = true
		case cjk(r):
			if !glue {
				flush()
			}
			cur.WriteRune(r)
			glue = false
		default:
			if cur.Len() > 0 && !glue && cjk(lastRune(cur.String())) {
				flush()
			}
			cur.WriteRune(r)
			glue = false
		}
	}
	flush()
	return out
}

func lastRune(s string) rune {
	r := []rune(s)
	if len(r) == 0 {
		return ' '
	}
	return r[len(r)-1]
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return ' '
}

// wide reports a character of a language written without spaces, or
// its full-width punctuation.
func wide(r rune) bool {
	return unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xff60
}

// wrapCells breaks text into lines of at most w cells: at spaces, and
// between Chinese characters.
func wrapCells(s string, w int) []string {
	if w <= 0 {
		return nil
	}
	var out []string
	for _, para := range strings.Split(s, "\n") {
		toks := tokens(para)
		line := ""
		for _, t := range toks {
			word := t.s
			for textWidth(word) > w { // wider than a line: cut it, at a character
				if line != "" {
					out = append(out, line)
					line = ""
				}
				cut := rw.Truncate(word, w, "")
				if cut == "" { // a wide character on a one-cell line
					_, n := utf8.DecodeRuneInString(word)
					cut = word[:n]
				}
				out = append(out, cut)
				word = word[len(cut):]
			}
			sep := ""
			if t.space && line != "" {
				sep = " "
			}
			switch {
			case line == "":
				line = word
			case textWidth(line)+textWidth(sep)+textWidth(word) <= w:
				line += sep + word
			default:
				out = append(out, line)
				line = word
			}
		}
		if line != "" || len(toks) == 0 {
			out = append(out, line)
		}
	}
	return out
}

// noteLines wraps a lifeline note. A note mixing a protocol token and
// Chinese ("TIME-WAIT 重新计时") breaks at its spaces when that takes no
// more lines than breaking between characters, so a word is not split
// ("重 / 新计时") only to fill a line.
func noteLines(s string, w int) []string {
	byChar := wrap(s, w)
	if len(byChar) < 2 || !strings.Contains(s, " ") {
		return byChar
	}
	var out []string
	line := ""
	for _, word := range strings.Fields(s) {
		switch {
		case line == "":
			line = word
		case textWidth(line)+1+textWidth(word) <= w:
			line += " " + word
		default:
			out = append(out, line)
			line = word
		}
		for textWidth(line) > w { // a word wider than the note: between characters
			ls := wrap(line, w)
			out = append(out, ls[:len(ls)-1]...)
			line = ls[len(ls)-1]
		}
	}
	if line != "" {
		out = append(out, line)
	}
	if len(out) > len(byChar) {
		return byChar
	}
	return out
}
