package ui

import (
	"strings"
	"unicode"
)

// The lesson panel's text: narration written in YAML blocks is reflowed
// and wrapped to the panel, English at spaces, Chinese between characters.

// label puts a label before a text: a space after "Hint:", none after
// the full-width "提示：".
func label(l, s string) string {
	if wide(lastRune(l)) {
		return l + s
	}
	return l + " " + s
}

func itoa(n int) string {
	if n < 0 {
		return "-" + itoa(-n)
	}
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
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

// joinSpace says whether joining two lines puts a space between them:
// between words, and between a word and a Chinese character, but not
// between Chinese characters or next to Chinese punctuation.
func joinSpace(a, b rune) bool {
	punct := func(r rune) bool { return wide(r) && !unicode.Is(unicode.Han, r) }
	return !punct(a) && !punct(b) && !(wide(a) && wide(b))
}

// wide reports a character of a language written without spaces.
func wide(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef)
}

// noLineStart are the marks a Chinese line must not begin with.
const noLineStart = "，。、；：！？）」』”"

// wrapProse wraps text at spaces and between Chinese characters, never
// inside a Latin word or token (seq=91, TIME-WAIT) unless it alone is
// wider than the line.
func wrapProse(s string, w int) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		out = append(out, wrapPara(para, w)...)
	}
	return out
}

func wrapPara(para string, w int) []string {
	var out []string
	var line []string // the tokens of the line being filled
	width := func(ts []string) int { return textWidth(strings.Join(ts, "")) }
	flush := func() {
		out = append(out, strings.TrimRight(strings.Join(line, ""), " "))
		line = nil
	}
	for _, tok := range tokens(para) {
		switch {
		case tok == " " && len(line) == 0:
		case len(line) == 0 || width(line)+textWidth(tok) <= w:
			line = append(line, tok)
		case strings.Contains(noLineStart, tok) && len(line) > 1:
			// A mark may not begin a line: the character before it goes down too.
			last := line[len(line)-1]
			line = line[:len(line)-1]
			flush()
			line = []string{last, tok}
		default:
			flush()
			if tok != " " {
				line = []string{tok}
			}
		}
	}
	if len(line) > 0 || len(out) == 0 {
		flush()
	}
	var fitted []string
	for _, l := range out { // a token wider than the line is cut
		for textWidth(l) > w && w > 0 {
			cut := rw.Truncate(l, w, "")
			fitted = append(fitted, cut)
			l = l[len(cut):]
		}
		fitted = append(fitted, l)
	}
	return fitted
}

// tokens splits text into Latin words, single spaces and single wide
// characters.
func tokens(s string) []string {
	var out []string
	word := ""
	for _, r := range s {
		switch {
		case r == ' ':
			if word != "" {
				out, word = append(out, word), ""
			}
			out = append(out, " ")
		case wide(r):
			if word != "" {
				out, word = append(out, word), ""
			}
			out = append(out, string(r))
		default:
			word += string(r)
		}
	}
	if word != "" {
		out = append(out, word)
	}
	return out
}
