package glossary

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Problem is one finding in one entry.
type Problem struct {
	ID    string // the entry's id: "lost-fin.description", a message ID
	Found string // the offending words as written
	Term  string // the glossary's English term
	Use   string // the glossary's Chinese for it
	Kind  Kind
}

// Kind of problem.
type Kind int

const (
	Untranslated Kind = iota // an English term in Chinese text
	Variant                  // another translation of a glossary term
)

func (p Problem) String() string {
	if p.Kind == Untranslated {
		return fmt.Sprintf("%s: %q left in English; the glossary says %s", p.ID, p.Found, p.Use)
	}
	return fmt.Sprintf("%s: %s is another translation of %q; the glossary says %s", p.ID, p.Found, p.Term, p.Use)
}

// Text that is not prose: `code`, --flags and {{.Template}} fields.
var notProse = regexp.MustCompile("`[^`]*`|--[A-Za-z][A-Za-z0-9-]*|\\{\\{[^}]*\\}\\}")

// Check reports the problems in the Chinese texts, by id in sorted order
// and, within an entry, in the order of the text.
func (g *Glossary) Check(zh map[string]string) []Problem {
	var out []Problem
	for _, id := range slices.Sorted(maps.Keys(zh)) {
		text := notProse.ReplaceAllStringFunc(zh[id], func(s string) string { return strings.Repeat(" ", len(s)) })
		out = append(out, g.untranslated(id, text)...)
		out = append(out, g.variants(id, text)...)
	}
	return out
}

type hit struct {
	at, end int
	p       Problem
}

// untranslated finds English terms, longest first so that "zero window"
// is one finding and not also "window"; a plural counts too.
func (g *Glossary) untranslated(id, text string) []Problem {
	type cand struct {
		en, use string
	}
	var cands []cand
	for _, t := range g.Terms {
		for _, en := range t.English {
			cands = append(cands, cand{en, strings.Join(t.Chinese, ", ")})
		}
	}
	slices.SortStableFunc(cands, func(a, b cand) int { return len(b.en) - len(a.en) })
	lower := asciiLower(text)
	var hits []hit
	for _, c := range cands {
		for i := 0; ; {
			j := strings.Index(string(lower[i:]), c.en)
			if j < 0 {
				break
			}
			at, end := i+j, i+j+len(c.en)
			i = end
			for _, suffix := range []string{"es", "s"} {
				if strings.HasPrefix(string(lower[end:]), suffix) && !wordByte(lower, end+len(suffix)) {
					end += len(suffix)
					break
				}
			}
			if wordByte(lower, at-1) || wordByte(lower, end) {
				continue // part of a longer word
			}
			hits = append(hits, hit{at, end, Problem{ID: id, Found: text[at:end], Term: c.en, Use: c.use, Kind: Untranslated}})
			copy(lower[at:end], strings.Repeat(" ", end-at))
		}
	}
	return ordered(hits)
}

// asciiLower lowers ASCII letters only, so byte offsets match text.
func asciiLower(s string) []byte {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return b
}

// wordByte reports whether b[i] is an ASCII letter, digit or hyphen (a
// neighbour that makes a match part of a longer word).
func wordByte(b []byte, i int) bool {
	if i < 0 || i >= len(b) {
		return false
	}
	c := b[i]
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}

// variants finds the words of the "not" column, except inside a word to
// use (窗口探测 is fine inside 零窗口探测).
func (g *Glossary) variants(id, text string) []Problem {
	var hits []hit
	for _, t := range g.Terms {
		for _, v := range t.Not {
			for i := 0; ; {
				j := strings.Index(text[i:], v)
				if j < 0 {
					break
				}
				at := i + j
				i = at + len(v)
				if g.insideTerm(text, at, at+len(v)) {
					continue
				}
				hits = append(hits, hit{at, at + len(v), Problem{ID: id, Found: v, Term: strings.Join(t.English, ", "), Use: strings.Join(t.Chinese, ", "), Kind: Variant}})
			}
		}
	}
	return ordered(hits)
}

// insideTerm reports whether text[at:end] lies within an occurrence of a
// word the glossary asks for.
func (g *Glossary) insideTerm(text string, at, end int) bool {
	for _, t := range g.Terms {
		for _, w := range t.Chinese {
			// Look from far enough back for w to cover at..end.
			from := max(0, end-len(w))
			for from < len(text) && !utf8.RuneStart(text[from]) {
				from++
			}
			for i := from; i <= at; {
				j := strings.Index(text[i:], w)
				if j < 0 || i+j > at {
					break
				}
				if i+j+len(w) >= end {
					return true
				}
				i += j + 1
			}
		}
	}
	return false
}

func ordered(hits []hit) []Problem {
	slices.SortStableFunc(hits, func(a, b hit) int { return a.at - b.at })
	out := make([]Problem, len(hits))
	for i, h := range hits {
		out[i] = h.p
	}
	return out
}
