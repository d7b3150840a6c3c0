package ui

import (
	"sort"
	"strings"

	"github.com/tcpsim/tcpsim/fsm"
)

// This file: the arrows of the ladder and where their labels go. The
// rule: labels never overlap or touch. The selected arrow's label is
// placed first, then the most important ones (control segments, losses,
// data, plain ACKs); a label that cannot be placed without touching
// another is shortened, split over two rows of its arrow, or left out —
// the inspector and the log still have it.

// drawn is one thing on the ladder: an arrow, or a closed band of them.
type drawn struct {
	a      int // the arrow (a band's first)
	band   int // -1, or the band
	s      arrowShape
	labels []string
	prio   int
}

// labelGap is the blank cells two labels on one row keep between their
// padded boxes, so neither reads as part of the other.
const labelGap = 3

// box is a placed label: cells [x0, x1) of row y.
type box struct{ x0, x1, y int }

func (b box) near(o box) bool {
	return b.y == o.y && b.x0 < o.x1+labelGap && o.x0 < b.x1+labelGap
}

func (l *ladder) drawArrows(v view, g ladderGeom, top, bottom int) {
	var buf [64]int32
	as := l.tl.arrowsIn(top, bottom, buf[:0])
	items := make([]drawn, 0, len(as))
	seen := map[int]bool{}
	for _, a32 := range as {
		a := int(a32)
		if !l.tl.revealed(a, l.cur) {
			continue
		}
		if b := l.closedBand(a); b >= 0 {
			if !seen[b] {
				seen[b] = true
				items = append(items, drawn{a: int(l.tl.bands[b].members[0]), band: b, s: l.bandShape(g, b),
					labels: l.tl.bandLabels(b, l.cur, l.rel), prio: 2})
			}
			continue
		}
		items = append(items, drawn{a: a, band: -1, s: l.shape(g, a), labels: l.tl.labels(a, l.rel), prio: l.tl.importance(a)})
	}
	sel := func(it *drawn) bool { return it.band < 0 && it.a == l.sel }
	// Lines first, the selected arrow's last (on top); then the labels.
	sort.SliceStable(items, func(i, j int) bool { return !sel(&items[i]) && sel(&items[j]) })
	for i := range items {
		l.drawLine(v, items[i].a, &items[i].s, top, bottom)
	}
	sort.SliceStable(items, func(i, j int) bool {
		si, sj := sel(&items[i]), sel(&items[j])
		if si != sj {
			return si
		}
		return items[i].prio < items[j].prio
	})
	var placed []box
	for i := range items {
		placed = l.drawLabel(v, &items[i], top, bottom, placed)
	}
	l.placed = placed
}

// importance orders labels: the lower, the sooner it is placed.
func (tl *timeline) importance(a int) int {
	ar := &tl.arrows[a]
	ev := &tl.ev[ar.send]
	switch {
	case ar.dup:
		return 4
	case ev.Seg.Flags&(fsm.SYN|fsm.FIN|fsm.RST) != 0 || ev.Injected:
		return 0
	case ar.lost || ev.Reason == fsm.ReasonRetransmit:
		return 1
	case ev.Seg.Len > 0:
		return 2
	}
	return 3
}

// candidates are the ways to write a label, best first: each is the
// lines it takes on consecutive rows of the arrow. The full label may be
// split in two when a row is too short for it.
func candidates(opts []string) [][]string {
	out := make([][]string, 0, len(opts)+1)
	for i, o := range opts {
		out = append(out, []string{o})
		if i == 0 {
			if a, b, ok := splitTwo(o); ok {
				out = append(out, []string{a, b})
			}
		}
	}
	return out
}

// splitTwo cuts a label at the space that best balances its two halves.
func splitTwo(s string) (string, string, bool) {
	best, bestW := -1, 1<<30
	for i, r := range s {
		if r != ' ' {
			continue
		}
		if w := max(textWidth(s[:i]), textWidth(s[i+1:])); w < bestW {
			best, bestW = i, w
		}
	}
	if best < 0 {
		return "", "", false
	}
	return s[:best], s[best+1:], true
}

// labelAt places one line of a label on row k of an arrow: its first
// cell, or false when the row has no room.
func labelAt(s *arrowShape, k int, txt string) (int, bool) {
	wd := textWidth(txt) + 2
	lo, _ := runOf(k, s.n, s.span)
	if k == 0 {
		lo = max(lo, 1)
	}
	if s.n == 0 {
		// A flat arrow: the label in the middle of what is drawn of it,
		// line on both sides.
		drawn := s.span
		if !s.arrived {
			drawn = int(s.limit)
		}
		lo = max(lo, (drawn-wd)/2)
	}
	if s.head && s.r0+k == s.limRow {
		lo = max(lo, s.headOff()+2) // ahead of the head, a cell apart
	} else if wd > s.span-lo-1 {
		lo = max(1, s.span-wd-1) // slide back towards the sender
	}
	if wd > s.span-lo-1 {
		return 0, false
	}
	x0 := s.cellAt(lo)
	if s.dir < 0 {
		x0 = s.cellAt(lo) - wd + 1
	}
	return x0, true
}

// drawLabel writes an arrow's label where it hides the fewest other
// marks, preferring the sender's end and the longest text, and returns
// the boxes placed so far.
func (l *ladder) drawLabel(v view, it *drawn, top, bottom int, placed []box) []box {
	s := &it.s
	selected := it.band < 0 && it.a == l.sel
	lp := pNone
	switch {
	case selected:
		lp = pSel
	case it.band < 0 && l.tl.arrows[it.a].lost:
		lp = pLost
	}
	var best []box
	var bestTxt []string
	bestCost := 200
	if selected {
		bestCost = 1 << 30
	}
	for rank, lines := range candidates(it.labels) {
		for k := 0; k+len(lines)-1 <= s.n; k++ {
			r := s.r0 + k
			cost := 2*k + 10*rank
			if r+len(lines)-1 > s.limRow || r+len(lines) > bottom || cost >= bestCost {
				break // no later row can do better
			}
			if r < top {
				continue
			}
			boxes, c, ok := l.tryLabel(v, s, k, lines, top, placed, selected)
			cost += c
			if !ok || cost >= bestCost || rank >= 3 && c >= 100 {
				continue // the shortest labels only where they hide nothing
			}
			best, bestTxt, bestCost = boxes, lines, cost
		}
	}
	for i, b := range best {
		v.text(b.x0, b.y, " "+bestTxt[i]+" ", lp)
		if selected {
			v.restyle(b.x0, b.y, pNone)
			v.restyle(b.x1-1, b.y, pNone)
		}
	}
	return append(placed, best...)
}

// tryLabel costs a label's lines on rows k… of an arrow: the crossing
// lines they would hide; never near a label already placed, nor over a
// head or a cross (the selected label may cover those, at a cost).
func (l *ladder) tryLabel(v view, s *arrowShape, k int, lines []string, top int, placed []box, sel bool) ([]box, int, bool) {
	boxes := make([]box, 0, len(lines))
	cost := 0
	for i, txt := range lines {
		x0, ok := labelAt(s, k+i, txt)
		if !ok {
			return nil, 0, false
		}
		b := box{x0, x0 + textWidth(txt) + 2, s.r0 + k + i - top}
		for _, o := range placed {
			if b.near(o) {
				return nil, 0, false
			}
		}
		runLo, hi := runOf(k+i, s.n, s.span)
		for x := b.x0 - 1; x < b.x1+1; x++ {
			off := (x - s.x0) * s.dir
			if off < 0 || off >= s.span {
				continue // a lifeline
			}
			c := v.get(x, b.y)
			switch {
			case c.r == ' ' || c.r == 0 || off >= runLo && off < hi && isLine(c):
				// blank, or its own line (or one just like it)
			case isLine(c):
				cost += 4 // a crossing line shows on either side of it
			case !sel:
				return nil, 0, false // never over a head, a cross, a mark
			default:
				cost += 100
			}
		}
		boxes = append(boxes, b)
	}
	return boxes, cost, true
}

// isLine reports whether a cell is a plain piece of an arrow's line.
func isLine(c cell) bool {
	switch c.p {
	case pA, pB, pABold, pBBold:
		return strings.ContainsRune("─┄╌═", c.r)
	}
	return false
}
