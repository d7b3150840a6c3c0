package ui

import (
	"strings"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/trace"
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

// fits says whether the drawn diagram, with its whole legend, fits a
// width × height panel.
func (d *diagram) fits(w, h int) bool {
	if w < diagMinW {
		return false
	}
	l := layoutFor(diagMinW, d.tl.p)
	return h >= l.h+len(legendLines(d.legend(l), d.tl.p.T(msg.DiagramSep, nil), w-2))
}

func (d *diagram) draw(v view) {
	if !d.fits(v.w, v.h) {
		d.drawList(v)
		return
	}
	p := d.tl.p
	// One compact layout at every width, centred: the picture a reader
	// learns does not change when the terminal grows.
	w := diagMinW
	l := layoutFor(w, p)
	ox := (v.w - w) / 2
	g := v.sub(ox, 0, w, l.h)
	for y := 0; y < l.h; y++ {
		for x := 0; x < w; x++ {
			if r := l.glyph[y][x]; r != ' ' {
				g.set(x, y, r, pEdge)
			}
		}
	}
	for _, e := range l.edges {
		if e.placed {
			g.text(e.lab.x, e.lab.y, e.lab.text, pDim)
		}
	}
	last := lastTransition(d.tl, d.cur)
	lastDrawn := last != nil && d.drawLast(g, l, last)
	d.drawNodes(g, l)
	y := l.h
	if !d.title || y >= v.h {
		return
	}
	lp := pFaint
	if last != nil && !lastDrawn {
		lp = pWarn
	}
	for _, line := range legendLines(d.legend(l), d.tl.p.T(msg.DiagramSep, nil), v.w-2) {
		v.text(1, y, line, lp)
		y++
	}
}

// legend names the arcs the picture leaves out: those with no room for
// their label, and the abrupt ones to CLOSED.
func (d *diagram) legend(l *diagLayout) []string {
	p := d.tl.p
	items := undrawn(p, l)
	return append(items, p.T(msg.DiagramAlso, msg.Args{"Events": strings.Join(l.abrupt, p.T(msg.DiagramSep, nil))}))
}

// legendLines fills lines of width w with the legend's items, breaking
// only between items or between the events of one item, so that no
// label is split; a piece wider than a line is wrapped at its spaces.
func legendLines(items []string, sep string, w int) []string {
	var pieces []string
	for i, it := range items {
		ps := strings.SplitAfter(it, sep)
		if i < len(items)-1 {
			ps[len(ps)-1] += " ·"
		}
		pieces = append(pieces, ps...)
	}
	var out []string
	cur := ""
	for _, pc := range pieces {
		join := cur
		if join != "" && !strings.HasSuffix(join, sep) {
			join += " "
		}
		switch {
		case cur == "":
			cur = pc
		case textWidth(join+pc) <= w:
			cur = join + pc
		default:
			out = append(out, cur)
			cur = pc
		}
		if textWidth(cur) > w {
			ls := wrap(cur, w)
			out = append(out, ls[:len(ls)-1]...)
			cur = ls[len(ls)-1]
		}
	}
	return append(out, cur)
}

// drawLast paints the last transition's arc and label in the colour of
// the side that took it; false when the arc is one the legend sums up.
func (d *diagram) drawLast(g view, l *diagLayout, last *trace.Event) bool {
	f := nodeIndex(l.nodes, last.From, false)
	t := nodeIndex(l.nodes, last.To, last.To == fsm.Closed && toBottom(last.From))
	ei, ok := l.bypair[[2]int{f, t}]
	if !ok || !l.edges[ei].routed {
		return false
	}
	p := pEdgeHiA
	if last.Side == trace.B {
		p = pEdgeHiB
	}
	e := &l.edges[ei]
	for _, c := range e.path {
		g.set(c.x, c.y, l.glyph[c.y][c.x], p)
	}
	if e.placed {
		g.text(e.lab.x, e.lab.y, e.lab.text, p)
	}
	return true
}

// drawNodes paints the states, A's and B's highlighted and marked.
func (d *diagram) drawNodes(g view, l *diagLayout) {
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
}

// drawList is the narrow form: the mini diagram, then the running timers
// with countdowns when room is left.
func (d *diagram) drawList(v view) {
	y := d.drawMini(v) + 1
	if !d.title || y+1 >= v.h {
		return
	}
	p := d.tl.p
	v.text(0, y, p.T(msg.DiagramTimers, nil), pTitle)
	y++
	ts := d.tl.timersAt(d.cur)
	if len(ts) == 0 {
		v.text(1, y, p.T(msg.DiagramNoTimer, nil), pDim)
	}
	for _, t := range ts {
		if y >= v.h {
			break
		}
		x := v.text(0, y, t.side.Upper(), sidePen(uint8(t.side), true))
		x = v.text(x+1, y, t.timer.String(), pNone)
		left := trace.FormatDuration(max(t.deadline-d.now, 0))
		if x+1+textWidth(left) > v.w { // the countdown goes below, whole
			x, y = 1, y+1
		}
		v.text(x+1, y, left, pAccent)
		y++
	}
}
