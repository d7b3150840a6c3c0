package ui

import (
	"strings"
	"testing"
)

// Every key moment the run has reached is starred on its row of the
// ladder, in both languages and at the three sizes, and the star takes
// only a cell the time column left blank.
func TestLadderStarsKeyMoments(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		for _, sz := range [][2]int{{80, 24}, {120, 40}, {200, 60}} {
			m := bundledIn(t, "lost-final-ack", lang, sz[0], sz[1])
			press(m, "G")
			c, g := ladderCanvas(m)
			lines := strings.Split(c.Plain(), "\n")
			stars := 0
			for _, k := range m.momentEvents() {
				r := int(m.tl.evRow[k]) - g.top + g.bodyY
				if k < 0 || r < g.bodyY || r >= len(lines) {
					continue
				}
				rs := []rune(lines[r])
				if rs[0] != '★' && rs[g.timeW-1] != '★' {
					t.Errorf("%s %v: moment %d not starred: %q", lang, sz, k, lines[r])
				}
				stars++
			}
			if stars == 0 {
				t.Errorf("%s %v: no key moment on screen at the end", lang, sz)
			}
			m.seek(0, 0)
			if c, _ := ladderCanvas(m); strings.Contains(c.Plain(), "★") {
				t.Errorf("%s %v: a star before the moment", lang, sz)
			}
		}
	}
}
