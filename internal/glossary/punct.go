package glossary

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// fullWidth maps ASCII punctuation to the form Chinese text uses.
var fullWidth = map[rune]string{',': "，", ';': "；", ':': "：", '?': "？", '!': "！", '(': "（", ')': "）"}

// Punctuation reports ASCII punctuation touching a Chinese character
// ("连接,等待", "拒绝(ECONNREFUSED)"): Chinese text takes full-width
// punctuation, while protocol tokens keep theirs ("FIN,ACK", "seq=100").
// It is separate from Check because it is a matter of style, not of terms.
func Punctuation(zh map[string]string) []string {
	var out []string
	for _, id := range slices.Sorted(maps.Keys(zh)) {
		rs := []rune(notProse.ReplaceAllStringFunc(zh[id], func(s string) string { return strings.Repeat(" ", len(s)) }))
		for i, r := range rs {
			fw, ok := fullWidth[r]
			if !ok {
				continue
			}
			before := i > 0 && chinese(rs[i-1])
			after := i+1 < len(rs) && chinese(rs[i+1]) && r != ')' // "close()，" is a call, not prose
			if before || after {
				lo, hi := max(0, i-4), min(len(rs), i+5)
				out = append(out, fmt.Sprintf("%s: %q in %q; Chinese text takes %s", id, string(r), string(rs[lo:hi]), fw))
			}
		}
	}
	return out
}

// chinese reports a CJK character or CJK punctuation.
func chinese(r rune) bool {
	return r >= 0x2E80 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF || r >= 0xFF00 && r <= 0xFF60 || r == '“' || r == '”'
}
