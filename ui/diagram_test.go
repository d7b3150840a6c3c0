package ui

import (
	"testing"

	"github.com/tcpsim/tcpsim/trace"

	"github.com/tcpsim/tcpsim/fsm"
)

// Every arc of fsm.Table between two states is drawn (or named in the
// legend), at every width the diagram is drawn at.
func TestDiagramFromTable(t *testing.T) {
	type pair struct{ from, to fsm.State }
	want := map[pair]bool{}
	legend := map[string]bool{}
	for i := 1; i < len(fsm.Table); i++ {
		r := &fsm.Table[i]
		for _, s := range r.From.States() {
			if to := r.To(s); to != s {
				if abrupt(r.On) && to == fsm.Closed {
					legend[r.On.String()] = true
				} else {
					want[pair{s, to}] = true
				}
			}
		}
	}
	for w := diagMinW; w <= 64; w++ {
		l := layoutFor(w)
		got := map[pair]bool{}
		for _, e := range l.edges {
			if !e.routed {
				t.Errorf("width %d: %s → %s not routed", w, l.nodes[e.from].state, l.nodes[e.to].state)
			}
			got[pair{l.nodes[e.from].state, l.nodes[e.to].state}] = true
			// The path is connected and ends next to its target.
			for i := 1; i < len(e.path); i++ {
				if abs(e.path[i].x-e.path[i-1].x)+abs(e.path[i].y-e.path[i-1].y) != 1 {
					t.Fatalf("width %d: broken path", w)
				}
			}
		}
		for p := range want {
			if !got[p] {
				t.Errorf("width %d: the table's %s → %s is not drawn", w, p.from, p.to)
			}
		}
		if len(got) != len(want) {
			t.Errorf("width %d: %d arcs drawn, the table has %d", w, len(got), len(want))
		}
		for _, ev := range l.abrupt {
			if !legend[ev] {
				t.Errorf("legend names %q, not an abrupt event of the table", ev)
			}
		}
		if len(l.abrupt) != len(legend) {
			t.Errorf("legend has %d events, want %d", len(l.abrupt), len(legend))
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
