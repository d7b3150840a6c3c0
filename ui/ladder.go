package ui

import (
	"fmt"
	"math"
	"time"

	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/trace"
)

// ladder is the sequence diagram: two lifelines, time running down, one
// arrow per segment from its sending to its arrival. It draws only the
// rows on screen: groups and arrows are found through the timeline's
// indexes, so a frame costs the same for a short or a very long trace.
type ladder struct {
	th      *theme
	tl      *timeline
	cur     int           // last revealed event
	now     time.Duration // virtual time of the present
	row     float64       // the present, in rows
	top     int           // first row shown; -1 follows the present
	sel     int           // selected arrow, -1 for none
	titles  [2]string     // "A 10.0.0.1:49152"
	playing bool
	chosen  bool  // sel was picked by the user: its band opens
	rel     bool  // seq and ack relative to each side's ISS (key #)
	placed  []box // the labels drawn last (tests)
	moments []int // the scenario's key moments, by event (-1: not in this run)
}

// ladderGeom is where things go for a size.
type ladderGeom struct {
	w, timeW, noteW int // noteW: the cells a note's text may use
	xa, xb          int // lifeline columns
	bodyY, bodyH    int
	top             int
}

const ladderHeader = 2

func (l *ladder) geom(w, h int) ladderGeom {
	g := ladderGeom{w: w}
	if w >= 56 {
		g.timeW = 9
	}
	// A note keeps one blank cell from its lifeline and one from the
	// time column or the panel's border; it grows with the width and
	// wraps below noteTextW (rows reserved by the timeline).
	g.noteW = min(max((w-g.timeW)/5-2, noteTextW), 18)
	g.xa = max(g.timeW, 1) + g.noteW + 1
	g.xb = w - g.noteW - 3
	g.bodyY = ladderHeader
	g.bodyH = max(h-ladderHeader, 0)
	g.top = l.top
	if g.top < 0 {
		pr := int(math.Floor(l.row))
		g.top = max(0, pr-g.bodyH+2+l.wrappedBelow(pr))
	}
	return g
}

// wrappedBelow is how many rows, beyond the one under the present, a
// revealed note wraps onto: following keeps them on screen too.
func (l *ladder) wrappedBelow(pr int) int {
	if l.cur < 0 || l.cur >= len(l.tl.evGroup) {
		return 0
	}
	gr := &l.tl.groups[l.tl.evGroup[l.cur]]
	end := pr
	for k := int(gr.first); k <= l.cur; k++ {
		if rows := l.tl.noteRows(k); rows > 1 {
			end = max(end, int(l.tl.evRow[k])+int(rows)-1)
		}
	}
	return max(end-pr-1, 0)
}

// followTop is the first row shown when following the present.
func (l *ladder) followTop(h int) int {
	saved := l.top
	l.top = -1
	g := l.geom(80, h)
	l.top = saved
	return g.top
}

// Render draws the ladder into a width × height block.
func (l *ladder) Render(w, h int) string {
	c := newCanvas(w, h)
	l.draw(c.full())
	return c.String(l.th)
}

func (l *ladder) draw(v view) {
	g := l.geom(v.w, v.h)
	if g.xb-g.xa < 8 || v.h < ladderHeader+1 {
		v.textClip(0, 0, l.tl.p.T(msg.LabLadderTooSmall, nil), v.w, pDim)
		return
	}
	l.drawHeader(v, g)
	body := v.sub(0, g.bodyY, v.w, g.bodyH)
	if l.cur < 0 {
		l.drawLifelines(body, g, g.top, g.top+g.bodyH)
		hint := l.tl.p.T(msg.LabPressPlay, nil)
		if l.playing {
			hint = l.tl.p.T(msg.LabStarting, nil)
		}
		body.text(g.xa+max(1, (g.xb-g.xa-textWidth(hint))/2), 1, truncate(hint, g.xb-g.xa-2), pDim)
		return
	}
	top, bottom := g.top, g.top+g.bodyH
	l.drawLifelines(body, g, top, bottom)
	l.drawTimes(body, g, top, bottom)
	l.drawNotes(body, g, top, bottom)
	l.drawArrows(body, g, top, bottom)
	l.drawMoments(body, g, top, bottom) // ladder_moments.go: last, into blank cells only
}

func (l *ladder) drawHeader(v view, g ladderGeom) {
	if g.timeW > 0 {
		if z := l.tl.zoom; z != 0 {
			v.text(0, 0, truncate(l.tl.p.T(msg.LadderZoomMark, msg.Args{"Level": fmt.Sprintf("%+d", z)}), g.timeW-1), pAccent)
		}
		if l.rel {
			v.text(0, 1, truncate(l.tl.p.T(msg.LadderNumbersMark, nil), g.timeW-1), pDim)
		}
	}
	// Centred on each lifeline, B's pushed right of A's so the two never
	// overlap: a state's name is never cut.
	var end [2]int
	for s := trace.A; s <= trace.B; s++ {
		x := g.xa
		if s == trace.B {
			x = g.xb
		}
		title := truncate(l.titles[s], v.w/2-1)
		state := " " + l.tl.stateOf(l.cur, s).String() + " "
		hi := pAHi
		if s == trace.B {
			hi = pBHi
		}
		for y, it := range []struct {
			str string
			p   pen
		}{{title, sidePen(uint8(s), true)}, {state, hi}} {
			wd := textWidth(it.str)
			x0 := max(x-wd/2, 0)
			if s == trace.B {
				x0 = max(min(x0, v.w-wd), end[y]+1)
			}
			end[y] = v.text(x0, y, it.str, it.p)
		}
	}
}

// drawLifelines draws both lifelines down to the present; compressed
// stretches of time are dashed.
func (l *ladder) drawLifelines(v view, g ladderGeom, top, bottom int) {
	pr := int(math.Floor(l.row))
	if l.cur < 0 {
		pr = top
	}
	last := min(pr, bottom-1)
	for r := top; r <= last; r++ {
		v.set(g.xa, r-top, '│', pDim)
		v.set(g.xb, r-top, '│', pDim)
	}
	gl, gh := l.tl.groupsIn(top, bottom+int(l.tl.maxGap()))
	for gi := gl; gi < gh && gi < len(l.tl.groups); gi++ {
		gr := &l.tl.groups[gi]
		if !gr.compressed {
			continue
		}
		for r := int(gr.start - gr.gap); r < int(gr.start); r++ {
			if r > last {
				break
			}
			v.set(g.xa, r-top, '┊', pFaint)
			v.set(g.xb, r-top, '┊', pFaint)
		}
		if mid := int(gr.start-gr.gap) + int(gr.gap)/2; g.timeW > 0 && mid <= last && gi > 0 {
			skip := "+" + fmtGap(gr.t-l.tl.groups[gi-1].t)
			v.textRight(g.timeW-1, mid-top, truncate(skip, g.timeW-1), pFaint)
		}
	}
}

func (l *ladder) drawTimes(v view, g ladderGeom, top, bottom int) {
	if g.timeW == 0 {
		return
	}
	gl, gh := l.tl.groupsIn(top, bottom)
	prev := ""
	if gl > 0 {
		prev = fmtClock(l.tl.groups[gl-1].t)
	}
	for gi := gl; gi < gh; gi++ {
		gr := &l.tl.groups[gi]
		if int(gr.first) > l.cur {
			break
		}
		// A time the clock's precision cannot tell from the one above
		// (microseconds apart, on a LAN) is written as the step from it.
		txt, p := fmtClock(gr.t), pDim
		if txt == prev && gi > 0 {
			txt, p = "+"+fmtGap(gr.t-l.tl.groups[gi-1].t), pFaint
		} else {
			prev = txt
		}
		v.textRight(g.timeW-1, int(gr.start)-top, truncate(txt, g.timeW-1), p)
	}
	pr := int(math.Floor(l.row))
	if pr < top || pr >= bottom {
		return
	}
	gr := &l.tl.groups[l.tl.evGroup[l.cur]]
	switch {
	case int(gr.start) == pr:
		v.textRight(g.timeW-1, pr-top, fmtClock(l.now), pAccent)
	case l.now == gr.t:
		v.set(g.timeW-2, pr-top, '▸', pAccent)
	default:
		v.hline(0, pr-top, g.timeW-1, ' ', pNone)
		v.textRight(g.timeW-1, pr-top, fmtClock(l.now), pAccent)
	}
}

func (l *ladder) drawNotes(v view, g ladderGeom, top, bottom int) {
	gl, gh := l.tl.groupsIn(top, bottom)
	for gi := gl; gi < gh; gi++ {
		gr := &l.tl.groups[gi]
		for k := gr.first; k < gr.end && int(k) <= l.cur; k++ {
			ev := &l.tl.ev[k]
			text, p, ok := l.tl.note(int(k))
			if !ok {
				continue
			}
			y := int(l.tl.evRow[k]) - top
			ls := []string{text}
			if textWidth(text) > g.noteW {
				ls = noteLines(text, g.noteW)
			}
			for i, s := range ls {
				if ev.Side == trace.A {
					v.textRight(g.xa-1, y+i, s, p)
				} else {
					v.text(g.xb+2, y+i, s, p)
				}
			}
		}
	}
}

// run is the part of an arrow drawn on one row: offsets [lo, hi) from
// the sender's side.
func runOf(k, n, span int) (int, int) {
	return k * span / (n + 1), (k + 1) * span / (n + 1)
}

// arrowShape is an arrow's geometry on screen.
type arrowShape struct {
	x0, dir, span int // first cell next to the sender, direction (+1 A→B), cells
	r0, n         int
	limit         float64 // drawn up to this offset (exclusive), in cells
	limRow        int     // ... and this row
	head          bool    // draw a head at the limit (in flight)
	arrived       bool
	cross         bool // lost: a cross at the limit
	band          bool // a closed band of arrows (bands.go)
}

func (l *ladder) shape(g ladderGeom, a int) arrowShape {
	ar := &l.tl.arrows[a]
	s := arrowShape{r0: int(ar.r0), n: int(ar.r1 - ar.r0), span: g.xb - g.xa - 1}
	if ar.from == trace.A {
		s.x0, s.dir = g.xa+1, 1
	} else {
		s.x0, s.dir = g.xb-1, -1
	}
	// Where the segment is now, in rows along the arrow.
	send := &l.tl.ev[ar.send]
	pos := float64(s.n) + 1
	switch {
	case l.tl.arrived(a, l.cur):
		s.arrived = true
	case s.n > 0:
		pos = l.row - float64(s.r0)
	default:
		if d := send.Arrive - send.T; d > 0 {
			pos = float64(l.now-send.T) / float64(d)
		}
	}
	if ar.lost {
		mid := float64(s.n+1) / 2
		if pos >= mid {
			pos, s.cross = mid, true
		}
	}
	pos = math.Max(0, math.Min(pos, float64(s.n+1)))
	if !s.arrived {
		s.head = !s.cross
	}
	s.limit = pos * float64(s.span) / float64(s.n+1)
	s.limRow = s.r0 + min(int(pos), s.n)
	if s.arrived {
		s.limit, s.limRow = float64(s.span), s.r0+s.n
	}
	return s
}

func (s *arrowShape) cellAt(off int) int { return s.x0 + s.dir*off }

// headOff is where an in-flight head is drawn: a segment just sent shows
// one cell of line before its head, never a head alone by the sender.
func (s *arrowShape) headOff() int {
	return min(max(int(s.limit), 1), s.span-1)
}

func (l *ladder) drawLine(v view, a int, s *arrowShape, top, bottom int) {
	ar := &l.tl.arrows[a]
	selected := a == l.sel
	linePen := sidePen(uint8(ar.from), selected)
	ev := &l.tl.ev[ar.send]
	glyph := '─'
	switch {
	case s.band:
		glyph = '═'
	case ar.dup || ev.Injected:
		glyph = '┄'
	case (ev.Reorder || ev.Held) && !ar.lost:
		glyph = '╌'
	}
	lim := int(math.Ceil(s.limit))
	for k := 0; k <= s.n; k++ {
		r := s.r0 + k
		if r > s.limRow || r >= bottom {
			break
		}
		if r < top {
			continue
		}
		lo, hi := runOf(k, s.n, s.span)
		for off := lo; off < hi && off < lim; off++ {
			v.set(s.cellAt(off), r-top, glyph, linePen)
		}
	}
	endRow := s.limRow - top
	head := '▶'
	if s.dir < 0 {
		head = '◀'
	}
	switch {
	case s.arrived:
		v.set(s.cellAt(s.span-1), endRow, head, linePen)
	case s.cross:
		off := min(int(s.limit), s.span-1)
		v.set(s.cellAt(off), endRow, '✕', pLost)
		if s.dir > 0 {
			v.text(s.cellAt(off)+2, endRow, l.tl.p.T(msg.LabLost, nil), pLost)
		} else {
			v.textRight(s.cellAt(off)-1, endRow, l.tl.p.T(msg.LabLost, nil), pLost)
		}
	case s.head:
		off := s.headOff()
		if off == 1 && s.limRow == s.r0 {
			v.set(s.cellAt(0), endRow, glyph, linePen)
		}
		v.set(s.cellAt(off), endRow, head, pAccent)
	}
}

// hit finds the arrow drawn nearest a click at (x, y) in a w × h ladder.
func (l *ladder) hit(w, h, x, y int) int {
	g := l.geom(w, h)
	r := g.top + y - g.bodyY
	if y < g.bodyY || l.cur < 0 {
		return -1
	}
	best, bestD := -1, 4
	for _, a32 := range l.tl.arrowsIn(r, r+1, nil) {
		a := int(a32)
		if !l.tl.revealed(a, l.cur) {
			continue
		}
		s := l.shape(g, a)
		k := r - s.r0
		if k < 0 || k > s.n || r > s.limRow {
			continue
		}
		lo, hi := runOf(k, s.n, s.span)
		if k == 0 {
			hi = max(hi, min(s.span, lo+textWidth(l.tl.labels(a, l.rel)[0])+2))
		}
		x0, x1 := s.x0+s.dir*lo, s.x0+s.dir*(hi-1)
		if x0 > x1 {
			x0, x1 = x1, x0
		}
		d := 0
		if x < x0 {
			d = x0 - x
		} else if x > x1 {
			d = x - x1
		}
		if d < bestD {
			best, bestD = a, d
		}
	}
	return best
}
