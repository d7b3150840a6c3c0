package ui

import (
	"strings"
	"time"

	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/trace"

	"github.com/tcpsim/tcpsim/fsm"
)

// The state diagram is generated from fsm.Table: every transition of the
// table between two different states becomes an edge, routed on a
// character grid between nodes placed where RFC 9293's figure puts them.
// Only the node positions are a layout choice; which arcs exist, and where
// they run, comes from the table. Arcs that exist from nearly every state
// to CLOSED (ABORT, RST, crash, giving up) would turn the picture into a
// hairball, so they are summed up in one legend line, also from the table.

// diagram is the state-diagram component.
type diagram struct {
	th    *theme
	tl    *timeline
	cur   int
	now   time.Duration
	title bool // draw the legend (and, in the list form, the timers)
}

// Render draws the diagram into a width × height block.
func (d *diagram) Render(w, h int) string {
	c := newCanvas(w, h)
	d.draw(c.full())
	return c.String(d.th)
}

// nodeOf is the node a side is in after event cur.
func (d *diagram) nodeOf(l *diagLayout, s trace.Side) int {
	st := d.tl.stateOf(d.cur, s)
	return nodeIndex(l.nodes, st, st == fsm.Closed && d.tl.closedAtBottom(d.cur, s))
}

// lastTransition is the last state change by either side, or nil.
func lastTransition(tl *timeline, cur int) *trace.Event {
	if cur < 0 {
		return nil
	}
	k := tl.idx[cur].trans
	if k < 0 {
		return nil
	}
	return &tl.ev[k]
}

func (d *diagram) draw(v view) {
	if v.w < diagMinW || v.h < diagH {
		d.drawList(v)
		return
	}
	w := min(v.w, 58)
	l := layoutFor(w)
	ox := (v.w - w) / 2
	g := v.sub(ox, 0, w, l.h)
	for y := 0; y < l.h; y++ {
		for x := 0; x < w; x++ {
			if r := l.glyph[y][x]; r != ' ' {
				g.set(x, y, r, pEdge)
			}
		}
	}
	// The last transition's arc.
	last := lastTransition(d.tl, d.cur)
	lastDrawn := false
	if last != nil {
		f := nodeIndex(l.nodes, last.From, false)
		t := nodeIndex(l.nodes, last.To, last.To == fsm.Closed && toBottom(last.From))
		if ei, ok := l.bypair[[2]int{f, t}]; ok && l.edges[ei].routed {
			p := pEdgeHiA
			if last.Side == trace.B {
				p = pEdgeHiB
			}
			e := &l.edges[ei]
			for i, c := range e.path {
				r := l.glyph[c.y][c.x]
				if i == len(e.path)-1 {
					r = headGlyph(c, l.nodes[e.to])
				}
				g.set(c.x, c.y, r, p)
			}
			lastDrawn = true
		}
	}
	na, nb := d.nodeOf(l, trace.A), d.nodeOf(l, trace.B)
	if d.cur < 0 {
		na, nb = -1, -1
	}
	for i, n := range l.nodes {
		p := pNode
		switch {
		case i == na && i == nb:
			p = pBothHi
		case i == na:
			p = pAHi
		case i == nb:
			p = pBHi
		}
		g.text(n.x-1, n.y, " "+diagName(n.state)+" ", p)
		if i == na {
			g.set(n.x-2, n.y, 'A', pABold)
		}
		if i == nb {
			g.set(n.x+n.w+1, n.y, 'B', pBBold)
		}
	}
	y := l.h
	if !d.title || y >= v.h {
		return
	}
	abrupt := make([]string, len(l.abrupt))
	for i, e := range l.abrupt {
		abrupt[i] = eventNamed(e, d.tl.p)
	}
	legend := d.tl.p.T(msg.LabDiagramAlso, msg.Args{"Events": strings.Join(abrupt, d.tl.p.T(msg.LabListSep, nil))})
	lp := pFaint
	if last != nil && !lastDrawn {
		lp = pWarn
	}
	for _, line := range wrap(legend, v.w-2) {
		if y >= v.h {
			break
		}
		v.text(1, y, line, lp)
		y++
	}
}

// drawList is the compact diagram: the states in the RFC's order with
// A and B marked.
func (d *diagram) drawList(v view) {
	order := []fsm.State{fsm.Closed, fsm.Listen, fsm.SynSent, fsm.SynReceived, fsm.Established,
		fsm.FinWait1, fsm.FinWait2, fsm.CloseWait, fsm.Closing, fsm.LastAck, fsm.TimeWait}
	sa, sb := d.tl.stateOf(d.cur, trace.A), d.tl.stateOf(d.cur, trace.B)
	last := lastTransition(d.tl, d.cur)
	for i, s := range order {
		if i >= v.h {
			break
		}
		name := shortState(s.String(), v.w-5)
		p := pDim
		switch {
		case d.cur >= 0 && s == sa && s == sb:
			p = pBothHi
		case d.cur >= 0 && s == sa:
			p = pAHi
		case d.cur >= 0 && s == sb:
			p = pBHi
		}
		if d.cur >= 0 && s == sa {
			v.set(0, i, 'A', pABold)
		}
		if last != nil && s == last.From && s != sa {
			v.set(0, i, '·', pFaint)
		}
		x := v.text(1, i, " "+name+" ", p)
		if d.cur >= 0 && s == sb {
			v.set(x, i, 'B', pBBold)
			x++
		}
		// Wide enough: where the table lets this state go next.
		if d.cur >= 0 && (s == sa || s == sb) && v.w-x >= 24 {
			v.textClip(x+1, i, d.tl.p.T(msg.LabDiagramNext, msg.Args{"Next": nextStates(s, d.tl.p)}), v.w-x-1, pFaint)
		}
	}
	// Room left: the running timers, with countdowns.
	y := len(order) + 1
	if !d.title || y+1 >= v.h {
		return
	}
	v.text(0, y, d.tl.p.T(msg.InspectTimers, nil), pTitle)
	y++
	ts := d.tl.timersAt(d.cur)
	if len(ts) == 0 {
		v.text(1, y, d.tl.p.T(msg.InspectNoTimers, nil), pDim)
	}
	for _, t := range ts {
		if y >= v.h {
			break
		}
		x := v.text(0, y, t.side.Upper(), sidePen(uint8(t.side), true))
		x = v.text(x+1, y, trace.TimerText(t.timer, d.tl.p), pNone)
		v.textClip(x+1, y, fitClock(max(t.deadline-d.now, 0), v.w-x-1), v.w-x-1, pAccent)
		y++
	}
}

// nextStates lists, from fsm.Table, the events that move a state
// elsewhere ("SYN → ESTABLISHED, CLOSE → CLOSED"), leaving out the
// abrupt ones every state has.
func nextStates(s fsm.State, p *msg.Printer) string {
	var out []string
	for i := 1; i < len(fsm.Table); i++ {
		r := &fsm.Table[i]
		if !r.From.Has(s) || r.To(s) == s || abrupt(r.On) && r.To(s) == fsm.Closed {
			continue
		}
		t := eventText(r.On, p) + "→" + r.To(s).String()
		if !contains(out, t) {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return p.T(msg.LabDiagramOnlyAbort, nil)
	}
	return strings.Join(out, " · ")
}
