package ui

import (
	"strconv"
	"strings"
	"testing"

	"github.com/tcpsim/tcpsim/replay"
	"github.com/tcpsim/tcpsim/sim"
)

// Labels never overlap or touch, at any size, moment or zoom.
func TestLabelsNeverTouch(t *testing.T) {
	for _, tc := range cases {
		m := newTest(t, tc.name, tc.cfg(), 80, 24)
		n := len(m.tl.ev)
		for _, zoom := range []string{"", "]", "[["} {
			press(m, strings.Split(zoom, "")...)
			for _, at := range []int{n / 4, n / 2, n - 1} {
				m.seek(at, 0)
				for _, sz := range [][2]int{{80, 24}, {120, 40}, {200, 60}} {
					m.w, m.h = sz[0], sz[1]
					lv := m.ladderView()
					r := computeLayout(m.w, m.h).ladder.inner()
					lv.draw(newCanvas(r.w, r.h).full())
					for i, a := range lv.placed {
						for _, b := range lv.placed[i+1:] {
							if a.near(b) {
								t.Errorf("%s %v at %d: labels %v and %v touch", tc.name, sz, at, a, b)
							}
						}
					}
				}
			}
		}
	}
}

// # switches the ladder between raw and relative numbers; a capture's
// ten-digit numbers start relative.
func TestNumbersToggle(t *testing.T) {
	res, err := replay.ReadFile("../replay/testdata/c_half_close.pcap", replay.Options{})
	if err != nil {
		t.Fatal(err)
	}
	m := newModelOf(recorded("cap", "cap", res.Trace), Options{}, modelOptions{dark: true})
	m.Update(resize(200, 60))
	for i := 0; i < 8; i++ {
		press(m, "right")
	}
	if out := plain(m); !strings.Contains(out, "SYN seq=0") || !strings.Contains(out, "rel #") {
		t.Fatalf("a capture does not start with relative numbers:\n%s", out)
	}
	press(m, "#")
	raw := "SYN seq=" + strconv.Itoa(int(m.tl.iss[0]))
	if out := plain(m); !strings.Contains(out, raw) || strings.Contains(out, "rel #") {
		t.Fatalf("# did not switch to raw numbers (%s):\n%s", raw, out)
	}
	press(m, "end")
	// The inspector says the window is scaled (RFC 7323).
	if out := plain(m); !strings.Contains(out, "window scale") {
		t.Fatalf("the scaled window is not explained:\n%s", out)
	}
	m = newTest(t, "normal-close", normalClose(), 120, 40)
	for i := 0; i < 8; i++ {
		press(m, "right")
	}
	if out := plain(m); !strings.Contains(out, "SYN seq=100") {
		t.Fatalf("a scenario's small numbers are not raw:\n%s", out)
	}
	press(m, "#")
	if out := plain(m); !strings.Contains(out, "SYN seq=0") {
		t.Fatalf("# did not switch to relative numbers:\n%s", out)
	}
}

// A burst is one band; zooming in or choosing one of its segments opens
// it; the zoom stops at its limits.
func TestBandsAndZoom(t *testing.T) {
	m := newTest(t, "bulk", func() *sim.Config { return bulk(30000) }(), 120, 40)
	if len(m.tl.bands) == 0 {
		t.Fatal("a bulk transfer has no bands")
	}
	b := m.tl.bands[0]
	last := int(b.members[len(b.members)-1])
	m.seek(int(m.tl.arrows[last].send), 0)
	if out := plain(m); !strings.Contains(out, "segs seq=") || !strings.Contains(out, "═") {
		t.Fatalf("no band drawn:\n%s", out)
	}
	press(m, "]")
	if out := plain(m); strings.Contains(out, "segs seq=") || m.tl.zoom != 1 {
		t.Fatalf("zooming in did not open the bands (zoom %d):\n%s", m.tl.zoom, out)
	}
	press(m, "[")
	m.sel = int(b.members[1])
	lv := m.ladderView()
	if lv.closedBand(int(b.members[0])) >= 0 {
		t.Fatal("choosing a segment of a band did not open it")
	}
	m.sel = -1
	if m.ladderView().closedBand(int(b.members[0])) < 0 {
		t.Fatal("the band stays open with nothing chosen")
	}
	for i := 0; i < 10; i++ {
		press(m, "]")
	}
	if m.zoom != maxZoom || m.tl.zoom != maxZoom {
		t.Fatalf("zoom %d, timeline %d; want %d", m.zoom, m.tl.zoom, maxZoom)
	}
	rows := m.tl.rows
	press(m, "[", "[", "[", "[", "[", "[")
	if m.tl.rows >= rows {
		t.Fatalf("zooming out kept %d rows (was %d)", m.tl.rows, rows)
	}
}

// At 80×24 there is no inspector panel: a chosen segment's numbers and
// story take the strip under the ladder, and enter shows all of it.
func TestCompactSegment(t *testing.T) {
	m := newTest(t, "normal-close", normalClose(), 80, 24)
	for i := 0; i < 12; i++ {
		press(m, "right")
	}
	press(m, "up")
	out := plain(m)
	lines := strings.Split(out, "\n")
	strip := strings.Join(lines[len(lines)-4:len(lines)-1], "\n")
	if !strings.Contains(strip, "A → B") || !strings.Contains(strip, "seq 100") || !strings.Contains(strip, "why:") {
		t.Fatalf("the strip does not show the chosen segment:\n%s", out)
	}
	press(m, "enter")
	if out := plain(m); !strings.Contains(out, "Segment #") {
		t.Fatalf("enter did not open the segment's details:\n%s", out)
	}
	press(m, "esc")
	if out := plain(m); strings.Contains(out, "Segment #") || m.details {
		t.Fatalf("esc did not close the details:\n%s", out)
	}
}
