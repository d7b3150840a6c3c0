package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

var sizes = [][2]int{{80, 24}, {120, 40}, {200, 60}}

// TestScreenGolden renders the whole screen for several scenarios, sizes
// and moments (goldens are ANSI-stripped; update with -update).
func TestScreenGolden(t *testing.T) {
	for _, tc := range cases {
		for _, sz := range sizes {
			for _, at := range []string{"step12", "end"} {
				t.Run(fmt.Sprintf("%s/%dx%d/%s", tc.name, sz[0], sz[1], at), func(t *testing.T) {
					m := newTest(t, tc.name, tc.cfg(), sz[0], sz[1])
					if at == "end" {
						press(m, "end")
					} else {
						for i := 0; i < 12; i++ {
							press(m, "right")
						}
					}
					out := m.render()
					checkFrame(t, out, sz[0], sz[1])
					golden.RequireEqual(t, ansi.Strip(out))
				})
			}
		}
	}
}

// TestComponentsGolden renders each component alone.
func TestComponentsGolden(t *testing.T) {
	for _, tc := range cases {
		m := newTest(t, tc.name, tc.cfg(), 160, 48)
		for i := 0; i < 20; i++ {
			press(m, "right")
		}
		comps := []struct {
			name string
			w, h int
			r    func(w, h int) string
		}{
			{"ladder", 100, 30, m.ladderView().Render},
			{"diagram", 60, 22, (&diagram{th: m.th, tl: m.tl, cur: m.cur, now: m.now, title: true}).Render},
			{"diagram-list", 18, 20, (&diagram{th: m.th, tl: m.tl, cur: m.cur, now: m.now, title: true}).Render},
			{"inspector", 62, 30, (&inspector{th: m.th, tl: m.tl, cur: m.cur, now: m.now, sel: m.selected()}).Render},
			{"log", 100, 10, m.logView().Render},
			{"header", 160, 1, m.headerView().Render},
			{"helpbar", 120, 1, (&helpBar{th: m.th, p: m.p, keys: m.keys.barKeys(false, true)}).Render},
		}
		for _, c := range comps {
			t.Run(tc.name+"/"+c.name, func(t *testing.T) {
				out := c.r(c.w, c.h)
				checkFrame(t, out, c.w, c.h)
				golden.RequireEqual(t, ansi.Strip(out))
			})
		}
	}
}

// TestNoLineTooWide sweeps terminal sizes, from too small to large, and
// moments of every scenario: no line may exceed the width, no frame the
// height, and nothing may panic.
func TestNoLineTooWide(t *testing.T) {
	var sizes [][2]int
	for w := 20; w <= 220; w += 13 {
		for h := 6; h <= 70; h += 9 {
			sizes = append(sizes, [2]int{w, h})
		}
	}
	sizes = append(sizes, [2]int{59, 24}, [2]int{60, 16}, [2]int{109, 31}, [2]int{110, 32}, [2]int{1, 1})
	for _, tc := range cases {
		m := newTest(t, tc.name, tc.cfg(), 80, 24)
		n := len(m.tl.ev)
		for _, at := range []int{-1, 3, n / 3, n / 2, n - 1} {
			m.seek(at, 0)
			for _, sz := range sizes {
				m.w, m.h = sz[0], sz[1]
				checkFrame(t, m.render(), sz[0], sz[1])
			}
		}
	}
}

// TestTooSmall asks for a larger terminal instead of drawing garbage.
func TestTooSmall(t *testing.T) {
	m := newTest(t, "normal-close", normalClose(), 50, 12)
	out := plain(m)
	if !strings.Contains(out, "larger") || !strings.Contains(out, "50×12") {
		t.Fatalf("no clear message:\n%s", out)
	}
	checkFrame(t, m.render(), 50, 12)
	// Growing the terminal brings the lab back.
	m.Update(resize(80, 24))
	if strings.Contains(plain(m), "larger") {
		t.Fatal("still asking for a larger terminal at 80×24")
	}
}
