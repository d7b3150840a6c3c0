package ui

import (
	"github.com/tcpsim/tcpsim/explore"
	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/trace"
)

// coverArcs is, per side, every state change some run of an exploration
// made (explore.Report.StatesRun, the picture of --states).
type coverArcs [2][fsm.NumStates][fsm.NumStates]bool

func coveredArcs(rep *explore.Report) *coverArcs {
	var c coverArcs
	byName := map[string]fsm.State{}
	for st := fsm.State(0); st < fsm.NumStates; st++ {
		byName[st.String()] = st
	}
	for _, m := range rep.StatesRun("").States {
		c[m.Side][byName[m.From]][byName[m.State]] = true
	}
	return &c
}

// drawCoverDiagram draws the lab's state diagram with every arc some run
// took lit in the colour of the side that took it (both: the shared
// highlight), and every state reached lit likewise. It reports false,
// drawing nothing, when the diagram does not fit v.
func drawCoverDiagram(v view, rep *explore.Report, p *msg.Printer) bool {
	l := layoutFor(diagMinW, p)
	if v.w < diagMinW || v.h < l.h {
		return false
	}
	g := v.sub(0, 0, diagMinW, l.h)
	for y := 0; y < l.h; y++ {
		for x := 0; x < diagMinW; x++ {
			if r := l.glyph[y][x]; r != ' ' {
				g.set(x, y, r, pFaint)
			}
		}
	}
	c := coveredArcs(rep)
	var reached [2][]bool
	for s := range reached {
		reached[s] = make([]bool, len(l.nodes))
	}
	for f := fsm.State(0); f < fsm.NumStates; f++ {
		for t := fsm.State(0); t < fsm.NumStates; t++ {
			a, b := c[trace.A][f][t], c[trace.B][f][t]
			if !a && !b {
				continue
			}
			fi := nodeIndex(l.nodes, f, false)
			ti := nodeIndex(l.nodes, t, t == fsm.Closed && toBottom(f))
			for s, on := range [2]bool{a, b} {
				if on && ti >= 0 {
					reached[s][ti] = true
				}
			}
			ei, ok := l.bypair[[2]int{fi, ti}]
			if !ok || !l.edges[ei].routed {
				continue // an abrupt arc: the legend of the lab's diagram sums them up
			}
			pn := bothPen(a, b, pEdgeHiA, pEdgeHiB, pBothHi)
			e := &l.edges[ei]
			for _, pt := range e.path {
				g.set(pt.x, pt.y, l.glyph[pt.y][pt.x], pn)
			}
			if e.placed {
				g.text(e.lab.x, e.lab.y, e.lab.text, pn)
			}
		}
	}
	for i, n := range l.nodes {
		pn := bothPen(reached[0][i], reached[1][i], pAHi, pBHi, pBothHi)
		if i == nodeIndex(l.nodes, fsm.Closed, false) {
			pn = pBothHi // where every run starts
		}
		if pn == pNone {
			pn = pNode
		}
		g.text(n.x-1, n.y, " "+diagName(n.state)+" ", pn)
	}
	return true
}

// bothPen picks a's pen, b's, or the shared one; pNone for neither.
func bothPen(a, b bool, pa, pb, both pen) pen {
	switch {
	case a && b:
		return both
	case a:
		return pa
	case b:
		return pb
	}
	return pNone
}
