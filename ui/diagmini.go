package ui

import (
	"strings"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/trace"
)

// The mini diagram: where the drawn diagram does not fit (the side column
// at 80×24, a short right column), each side's neighbourhood in the
// machine: the state it came from and the arc it took, its state, and
// the arcs fsm.Table offers out of it, with the condition where one event
// can end in two places. Abrupt ends (abort(), RST, timeouts) are left
// out, as in the legend of the drawn diagram.

// nextArc is one way out of a state: the events (joined labels), the
// state they lead to, and their condition when it decides.
type nextArc struct {
	label string
	to    fsm.State
	guard string
}

// ambiguous says whether another row fires on the same words from s
// with another outcome, so that r's condition must be shown.
func ambiguous(p *msg.Printer, r *fsm.Row, s fsm.State) bool {
	for i := 1; i < len(fsm.Table); i++ {
		o := &fsm.Table[i]
		if o != r && o.From.Has(s) && o.On == r.On && o.To(s) != r.To(s) && arcLabel(p, o) == arcLabel(p, r) {
			return true
		}
	}
	return false
}

// nextArcs lists, from fsm.Table, the arcs out of s, grouped by target.
func nextArcs(p *msg.Printer, s fsm.State) []nextArc {
	var out []nextArc
	var labels, guards [][]string
	for i := 1; i < len(fsm.Table); i++ {
		r := &fsm.Table[i]
		to := r.To(s)
		if !r.From.Has(s) || to == s || r.On.Abrupt() && to == fsm.Closed || r.On.Optional() {
			continue
		}
		k := 0
		for k < len(out) && out[k].to != to {
			k++
		}
		if k == len(out) {
			out = append(out, nextArc{to: to})
			labels, guards = append(labels, nil), append(guards, nil)
		}
		if l := arcLabel(p, r); !contains(labels[k], l) {
			labels[k] = append(labels[k], l)
		}
		if g, ok := guardLabel(p, r.If); ok && ambiguous(p, r, s) && !contains(guards[k], g) {
			guards[k] = append(guards[k], g)
		}
	}
	sep := p.T(msg.DiagramSep, nil)
	for k := range out {
		out[k].label = strings.Join(labels[k], sep)
		out[k].guard = strings.Join(guards[k], sep)
	}
	return out
}

// miniLine is one line of the mini diagram.
type miniLine struct {
	segs []miniSeg
}

type miniSeg struct {
	s string
	p pen
}

func (l miniLine) width() int {
	n := 0
	for _, s := range l.segs {
		n += textWidth(s.s)
	}
	return n
}

func line(segs ...miniSeg) miniLine { return miniLine{segs} }

// miniBlock is one side's part of the mini diagram, at a level of detail:
// prev adds where the side came from, guards the conditions.
func (d *diagram) miniBlock(s trace.Side, w int, prev, guards bool) []miniLine {
	p := d.tl.p
	st := d.tl.stateOf(d.cur, s)
	var out []miniLine
	if k := d.sideTransition(s); prev && k >= 0 && d.tl.ev[k].Rule() != nil {
		ev := &d.tl.ev[k]
		ap := pDim
		if last := lastTransition(d.tl, d.cur); last == ev {
			ap = sidePen(uint8(s), true)
		}
		out = append(out, line(miniSeg{"  " + diagName(ev.From), pFaint}),
			line(miniSeg{"  ▼ ", ap}, miniSeg{arcLabel(p, ev.Rule()), ap}))
	}
	head := line(miniSeg{s.Upper(), sidePen(uint8(s), true)}, miniSeg{" " + diagName(st) + " ", pAHi})
	switch {
	case d.bothIn():
		head = line(miniSeg{"A", pABold}, miniSeg{" " + diagName(st) + " ", pBothHi}, miniSeg{"B", pBBold})
	case s == trace.B:
		head.segs[1].p = pBHi
	}
	out = append(out, head)
	nexts := nextArcs(p, st)
	if len(nexts) == 0 {
		return append(out, line(miniSeg{"  " + p.T(msg.DiagramNoNext, nil), pFaint}))
	}
	for i, n := range nexts {
		fork, bar := " ├", " │"
		if i == len(nexts)-1 {
			fork, bar = " ╰", "  "
		}
		one := line(miniSeg{fork, pEdge}, miniSeg{n.label, pDim}, miniSeg{" ▶ ", pEdge}, miniSeg{diagName(n.to), pNode})
		tight := line(miniSeg{fork, pEdge}, miniSeg{n.label, pDim}, miniSeg{"▶", pEdge}, miniSeg{diagName(n.to), pNode})
		switch {
		case one.width() <= w:
			out = append(out, one)
		case tight.width() <= w:
			out = append(out, tight)
		default:
			for j, l := range wrapLabels(n.label, p.T(msg.DiagramSep, nil), w-2) {
				f := fork
				if j > 0 {
					f = " │"
				}
				out = append(out, line(miniSeg{f, pEdge}, miniSeg{l, pDim}))
			}
			out = append(out, line(miniSeg{bar, pEdge}, miniSeg{"▶", pEdge}, miniSeg{diagName(n.to), pNode}))
		}
		if guards && n.guard != "" {
			for _, g := range wrap(n.guard, max(w-2, 1)) {
				out = append(out, line(miniSeg{bar, pEdge}, miniSeg{g, pFaint}))
			}
		}
	}
	return out
}

// drawMini draws both sides' blocks, with as much detail as the height
// allows, then the running timers if room is left.
func (d *diagram) drawMini(v view) int {
	var lines []miniLine
	// Less detail until it fits: the previous states go first, then the
	// conditions, then the blank line between the sides.
	for _, lv := range [][3]bool{{true, true, true}, {false, true, true}, {false, false, true}, {false, false, false}} {
		if d.bothIn() {
			// One block: the side that moved last says where they came from.
			s := trace.A
			if last := lastTransition(d.tl, d.cur); last != nil {
				s = last.Side
			}
			lines = d.miniBlock(s, v.w, lv[0], lv[1])
		} else {
			lines = d.miniBlock(trace.A, v.w, lv[0], lv[1])
			if lv[2] {
				lines = append(lines, line())
			}
			lines = append(lines, d.miniBlock(trace.B, v.w, lv[0], lv[1])...)
		}
		if len(lines) <= v.h {
			break
		}
	}
	for y, l := range lines {
		if y >= v.h {
			break
		}
		x := 0
		for _, s := range l.segs {
			x = v.text(x, y, s.s, s.p)
		}
	}
	return len(lines)
}

// sideTransition is the event of side s's last state change, or -1.
func (d *diagram) sideTransition(s trace.Side) int {
	if d.cur < 0 {
		return -1
	}
	return int(d.tl.idx[d.cur].state[s])
}

// wrapLabels splits an arc's joined labels into lines of at most w cells,
// at the separators, so that no single label is cut.
func wrapLabels(label, sep string, w int) []string {
	var out []string
	cur := ""
	for i, l := range strings.Split(label, sep) {
		if i < strings.Count(label, sep) {
			l += sep
		}
		if cur != "" && textWidth(cur+l) > w {
			out = append(out, cur)
			cur = ""
		}
		cur += l
	}
	return append(out, cur)
}

// bothIn says whether A and B are in the same state (one block for both).
func (d *diagram) bothIn() bool {
	return d.tl.stateOf(d.cur, trace.A) == d.tl.stateOf(d.cur, trace.B)
}
