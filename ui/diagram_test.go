package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

func printers(t *testing.T) []*msg.Printer {
	t.Helper()
	var out []*msg.Printer
	for _, l := range []string{"en", "zh"} {
		p, err := msg.New(l)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

// Every arc of fsm.Table between two states is drawn with its label, or
// named in the legend, in both languages; lines are connected, no two
// states overlap, and the legend fits the three lines it has at 120×40.
func TestDiagramFromTable(t *testing.T) {
	type pair struct{ from, to fsm.State }
	for _, p := range printers(t) {
		want := map[pair]bool{}
		abrupts := map[string]bool{}
		for i := 1; i < len(fsm.Table); i++ {
			r := &fsm.Table[i]
			if r.On.Optional() {
				continue // a profile's option, left out of the drawing (TestDiagramLeavesOutOptionalArcs)
			}
			for _, s := range r.From.States() {
				if to := r.To(s); to != s {
					if r.On.Abrupt() && to == fsm.Closed {
						abrupts[arcLabel(p, r)] = true
					} else {
						want[pair{s, to}] = true
					}
				}
			}
		}
		l := layoutFor(diagMinW, p)
		d := &diagram{tl: &timeline{p: p}}
		legend := strings.Join(d.legend(l), " · ")
		got := map[pair]bool{}
		for _, e := range l.edges {
			from, to := l.nodes[e.from].state, l.nodes[e.to].state
			got[pair{from, to}] = true
			if !e.routed || !e.placed {
				if e.routed || e.placed || !strings.Contains(legend, e.label+"→ "+to.String()) || !strings.Contains(legend, from.String()) {
					t.Errorf("%s: %s → %s (%s) is neither drawn with its label nor in the legend %q", p.Lang(), from, to, e.label, legend)
				}
				continue
			}
			for i := 1; i < len(e.path); i++ {
				if abs(e.path[i].x-e.path[i-1].x)+abs(e.path[i].y-e.path[i-1].y) != 1 {
					t.Fatalf("%s: %s → %s: broken path", p.Lang(), from, to)
				}
			}
		}
		for pr := range want {
			if !got[pr] {
				t.Errorf("%s: the table's %s → %s is not in the diagram", p.Lang(), pr.from, pr.to)
			}
		}
		if len(got) != len(want) {
			t.Errorf("%d arcs in the diagram, the table has %d", len(got), len(want))
		}
		for ev := range abrupts {
			if !strings.Contains(legend, ev) {
				t.Errorf("%s: the legend %q does not name %q", p.Lang(), legend, ev)
			}
		}
		if len(l.abrupt) != len(abrupts) {
			t.Errorf("legend has %d abrupt events, want %d", len(l.abrupt), len(abrupts))
		}
		if n := len(legendLines(d.legend(l), p.T(msg.DiagramSep, nil), diagMinW-2)); n > diagH-diagGridH+2 {
			t.Errorf("%s: the legend takes %d lines, the panel has %d", p.Lang(), n, diagH-diagGridH+2)
		}
		checkNoOverlap(t, l)
	}
}

// checkNoOverlap: states keep apart (with room for the A and B marks),
// stay inside the grid, and labels sit on nothing but their own line.
func checkNoOverlap(t *testing.T, l *diagLayout) {
	t.Helper()
	for i, a := range l.nodes {
		if a.x-2 < 0 || a.x+a.w+1 >= l.w || a.y < 0 || a.y >= l.h {
			t.Errorf("width %d: %s at %d,%d leaves the grid", l.w, a.state, a.x, a.y)
		}
		for _, b := range l.nodes[i+1:] {
			if a.y == b.y && a.x-2 < b.x+b.w+2 && b.x-2 < a.x+a.w+2 {
				t.Errorf("width %d: %s and %s overlap", l.w, a.state, b.state)
			}
		}
	}
	used := map[pt]string{}
	for _, n := range l.nodes {
		for x := n.x - 1; x <= n.x+n.w; x++ {
			used[pt{x, n.y}] = n.state.String()
		}
	}
	for _, e := range l.edges {
		if !e.placed {
			continue
		}
		for x := e.lab.x; x < e.lab.x+e.lab.w; x++ {
			c := pt{x, e.lab.y}
			if o, ok := used[c]; ok && o != e.label {
				t.Errorf("width %d: label %q overlaps %q at %v", l.w, e.label, o, c)
			}
			used[c] = e.label
			if r := l.glyph[c.y][c.x]; r != ' ' && r != '─' {
				t.Errorf("width %d: label %q sits on %q", l.w, e.label, r)
			}
		}
	}
}

// The last transition's arc is drawn in the colour of the side that took
// it, and both sides' states are highlighted.
func TestDiagramHighlights(t *testing.T) {
	m := newTest(t, "normal-close", normalClose(), 160, 48)
	press(m, "end") // last: A TIME-WAIT → CLOSED (2MSL)
	d := &diagram{th: m.th, tl: m.tl, cur: m.cur, title: true}
	c := newCanvas(60, 22)
	d.draw(c.full())
	count := func(p pen) int {
		n := 0
		for _, cl := range c.cells {
			if cl.p == p {
				n++
			}
		}
		return n
	}
	if count(pEdgeHiA) == 0 || count(pEdgeHiB) != 0 {
		t.Fatalf("last arc: %d cells in A's colour, %d in B's", count(pEdgeHiA), count(pEdgeHiB))
	}
	if !strings.Contains(canvasText(c, pEdgeHiA), "2MSL") {
		t.Fatalf("the last arc's label is not highlighted: %q", canvasText(c, pEdgeHiA))
	}
	if count(pBothHi) == 0 {
		t.Fatal("A and B, both CLOSED, are not highlighted together")
	}
	// Mid-handshake: A and B in different states, B took the last step.
	m.seek(-1, 0)
	for m.stateName(trace.B) != fsm.SynReceived {
		press(m, "right")
	}
	d = &diagram{th: m.th, tl: m.tl, cur: m.cur, title: true}
	c = newCanvas(60, 22)
	d.draw(c.full())
	if count(pAHi) == 0 || count(pBHi) == 0 || count(pEdgeHiB) == 0 {
		t.Fatal("A's and B's states or B's last arc are not highlighted")
	}
}

// canvasText is the text painted with one pen, in reading order.
func canvasText(c *canvas, p pen) string {
	var b strings.Builder
	for _, cl := range c.cells {
		if cl.p == p && cl.r != 0 {
			b.WriteRune(cl.r)
		}
	}
	return b.String()
}

// At 120×40, 160×44 and 200×40 the lab draws the diagram, not the list.
func TestLabDrawsDiagram(t *testing.T) {
	for _, sz := range [][2]int{{120, 40}, {160, 44}, {200, 40}, {200, 60}} {
		m := newTest(t, "normal-close", normalClose(), sz[0], sz[1])
		press(m, "end")
		in := computeLayout(sz[0], sz[1]).diagram.inner()
		d := &diagram{th: m.th, tl: m.tl, cur: m.cur, now: m.now, title: true}
		if !d.fits(in.w, in.h) {
			t.Errorf("%dx%d: the diagram gets %dx%d, too small", sz[0], sz[1], in.w, in.h)
			continue
		}
		// The frame holds the drawn diagram's bottom row (TIME-WAIT → CLOSED).
		var row string
		for _, l := range strings.Split(ansi.Strip(d.Render(in.w, in.h)), "\n") {
			if strings.Contains(l, "TIME-WAIT") {
				row = strings.TrimSpace(l)
			}
		}
		if !strings.Contains(row, "CLOSED") || !strings.Contains(plain(m), row) {
			t.Errorf("%dx%d: no drawn diagram in the frame (row %q)", sz[0], sz[1], row)
		}
	}
}

// No label of an arc is ever cut, in the drawn diagram or the mini one,
// in either language, at any moment of the classic scenarios.
func TestDiagramLabelsWhole(t *testing.T) {
	for _, p := range printers(t) {
		var labels []string
		for i := 1; i < len(fsm.Table); i++ {
			r := &fsm.Table[i]
			if r.Next == fsm.Same {
				continue // no arc, no label
			}
			if l := arcLabel(p, r); !contains(labels, l) {
				labels = append(labels, l)
			}
		}
		for _, tc := range []testCase{{"normal-close", normalClose}, {"simultaneous-close", simultaneousClose}, {"simultaneous-open", simultaneousOpen}} {
			m := newTest(t, tc.name, tc.cfg(), 120, 40)
			m.tl.p = p
			for k := -1; k < len(m.tl.ev); k++ {
				m.seek(k, 0)
				for _, sz := range [][2]int{{16, 17}, {16, 12}, {48, 13}, {48, 16}, {66, 16}} {
					d := &diagram{th: m.th, tl: m.tl, cur: m.cur, now: m.now, title: true}
					out := ansi.Strip(d.Render(sz[0], sz[1]))
					checkFrame(t, out, sz[0], sz[1])
					if strings.Contains(out, "…") {
						t.Fatalf("%s %s event %d %dx%d: something is cut:\n%s", p.Lang(), tc.name, k, sz[0], sz[1], out)
					}
					checkLabelsWhole(t, out, labels, p.T(msg.DiagramSep, nil))
				}
			}
		}
	}
}

// checkLabelsWhole: a line that shows part of a label shows all of it
// (a label longer than the line may wrap only at its separators).
func checkLabelsWhole(t *testing.T, out string, labels []string, sep string) {
	t.Helper()
	for _, line := range strings.Split(out, "\n") {
		for _, l := range labels {
			for _, word := range strings.Split(l, sep) {
				if len(word) >= 4 && strings.Contains(line, word[:len(word)-1]) && !strings.Contains(line, word) {
					t.Fatalf("label %q is cut in %q", word, line)
				}
			}
		}
	}
}

// Goldens of the state panel at the sizes it gets in a 120×40, 80×24 and
// 200×60 terminal, in English and Chinese, at key moments.
func TestDiagramGolden(t *testing.T) {
	for _, p := range printers(t) {
		for _, tc := range []testCase{{"normal-close", normalClose}, {"simultaneous-open", simultaneousOpen}, {"simultaneous-close", simultaneousClose}} {
			for _, sz := range sizes {
				t.Run(fmt.Sprintf("%s/%s/%dx%d", p.Lang(), tc.name, sz[0], sz[1]), func(t *testing.T) {
					m := newTest(t, tc.name, tc.cfg(), sz[0], sz[1])
					m.tl.p = p
					for i := 0; i < 14; i++ {
						press(m, "right")
					}
					in := computeLayout(sz[0], sz[1]).diagram.inner()
					d := &diagram{th: m.th, tl: m.tl, cur: m.cur, now: m.now, title: true}
					out := d.Render(in.w, in.h)
					checkFrame(t, out, in.w, in.h)
					golden.RequireEqual(t, ansi.Strip(out))
				})
			}
		}
	}
}

// The next arcs out of SYN-SENT name both outcomes of a SYN, each with
// what tells them apart; SYN-RECEIVED's way back to LISTEN says when.
func TestNextArcsGuards(t *testing.T) {
	p := msg.English()
	got := map[fsm.State]string{}
	for _, a := range nextArcs(p, fsm.SynSent) {
		got[a.to] = a.label
	}
	if got[fsm.Established] != "SYN,ACK" || got[fsm.SynReceived] != "SYN" {
		t.Errorf("SYN-SENT: %v", got)
	}
	for _, a := range nextArcs(p, fsm.SynReceived) {
		if a.to == fsm.Listen && a.guard != p.T(msg.DiagramGuardPassive, nil) {
			t.Errorf("SYN-RECEIVED → LISTEN without its condition: %+v", a)
		}
	}
	for _, a := range nextArcs(p, fsm.FinWait1) {
		if a.to == fsm.FinWait2 && a.guard != p.T(msg.DiagramGuardAcksFIN, nil) {
			t.Errorf("FIN-WAIT-1 → FIN-WAIT-2 without its condition: %+v", a)
		}
	}
}

// simultaneousOpen: both sides connect at once (SYN-SENT → SYN-RECEIVED).
func simultaneousOpen() *sim.Config {
	c := baseConfig()
	c.Timeline = []sim.Action{
		{Side: trace.A, Op: trace.OpConnect},
		{Side: trace.B, Op: trace.OpConnect},
		{At: 500 * ms, Side: trace.A, Op: trace.OpClose},
		{At: 600 * ms, Side: trace.B, Op: trace.OpClose},
	}
	return c
}

// The TIME-WAIT reopen (MAY-2) is a profile's option: neither the full
// diagram nor the next-arcs list of TIME-WAIT offers it.
func TestDiagramLeavesOutOptionalArcs(t *testing.T) {
	for _, p := range printers(t) {
		l := layoutFor(diagMinW, p)
		for _, e := range l.edges {
			if l.nodes[e.from].state == fsm.TimeWait && l.nodes[e.to].state == fsm.SynReceived {
				t.Errorf("%s: the full diagram draws TIME-WAIT → SYN-RECEIVED", p.Lang())
			}
		}
		for _, a := range nextArcs(p, fsm.TimeWait) {
			if a.to == fsm.SynReceived {
				t.Errorf("%s: TIME-WAIT offers an arc to SYN-RECEIVED", p.Lang())
			}
		}
	}
}
