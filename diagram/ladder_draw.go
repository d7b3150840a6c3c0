package diagram

import (
	"image/color"
	"math"
	"strings"
	"time"
)

func (l *ladder) lifelines() {
	bottom := l.end + 6
	for s := range 2 {
		x := l.x[s]
		prev := l.top - 6
		for _, b := range l.breaks {
			y0, y1 := l.ys[b]+4, l.ys[b+1]-4
			l.d.line(l.th.Fg, 1.5, false, "lifeline", pt{x, prev}, pt{x, y0})
			l.d.line(l.th.Dim, 1, true, "lifeline break", pt{x, y0}, pt{x, y1})
			prev = y1
		}
		l.d.line(l.th.Fg, 1.5, false, "lifeline", pt{x, prev}, pt{x, bottom})
	}
}

func lane(name string) int {
	switch {
	case strings.HasPrefix(name, "RTO"):
		return 0
	case strings.HasPrefix(name, "delayed"):
		return 1
	}
	return 2
}

// bracketX is where a timer lane runs beside a lifeline.
func (l *ladder) bracketX(s Side, ln int) (x, dir float64) {
	dir = -1
	if s == 1 {
		dir = 1
	}
	return l.x[s] + dir*(7+float64(ln)*laneW), dir
}

func (l *ladder) timerBrackets() {
	for _, sp := range l.spans {
		x, dir := l.bracketX(sp.Side, lane(sp.Name))
		y0, y1 := l.y(sp.Start), l.y(sp.End)
		c := l.th.Timer
		l.d.line(c, 1.5, false, "timer", pt{x - dir*4, y0}, pt{x, y0}, pt{x, y1}, pt{x - dir*4, y1})
		if sp.Fired {
			l.d.poly(c, "timer fired", circle(x, y1, 3)...)
		}
	}
}

func circle(x, y, r float64) []pt {
	out := make([]pt, 12)
	for i := range out {
		a := float64(i) * math.Pi / 6
		out[i] = pt{x + r*math.Cos(a), y + r*math.Sin(a)}
	}
	return out
}

type labelDraw struct {
	b     box
	lines []string
	c     color.NRGBA
	x, y  float64
}

func (l *ladder) arrows() {
	sent := map[[2]int64]int{}
	arrived := map[[2]int64]int{}
	var labels []labelDraw
	var crosses []pt // drawn last, so no label hides where a segment died
	var p placer
	for i := range l.r.Arrows {
		a := &l.r.Arrows[i]
		ks := sent[[2]int64{int64(a.From), int64(a.Send)}]
		sent[[2]int64{int64(a.From), int64(a.Send)}]++
		ka := arrived[[2]int64{int64(1 - a.From), int64(a.Arrive)}]
		arrived[[2]int64{int64(1 - a.From), int64(a.Arrive)}]++
		x0, x1 := l.x[a.From], l.x[1-a.From]
		y0, y1 := l.y(a.Send)+float64(ks)*stagger, l.y(a.Arrive)+float64(ka)*stagger
		c := l.th.Side[a.From]
		if a.Dup || a.Reorder {
			c = l.th.Odd
		}
		if a.Fate == Lost {
			c = l.th.Lost
			x1, y1 = (x0+x1)/2, (y0+y1)/2
		}
		l.d.line(c, 1.6, a.Dup, "seg", pt{x0, y0}, pt{x1, y1})
		if a.Fate == Lost {
			crosses = append(crosses, pt{x1, y1})
		} else {
			l.d.poly(c, "head", head(x0, y0, x1, y1)...)
		}
		lines := append([]string{l.label(a)}, a.Notes...)
		if a.Fate == Lost {
			lines = append(lines, l.r.lostLabel())
		}
		mx, my := (x0+x1)/2, (y0+y1)/2-5
		if a.Fate == Lost {
			mx, my = x0+(x1-x0)*0.45, y0+(y1-y0)*0.45-5
		}
		b := labelBox(mx, my, lines)
		// Keep the label between the lifelines (a lost arrow's middle is
		// near its sender).
		if lo := l.x[0] + 6 - b.x0; lo > 0 {
			mx, b.x0, b.x1 = mx+lo, b.x0+lo, b.x1+lo
		}
		if hi := b.x1 - (l.x[1] - 6); hi > 0 {
			mx, b.x0, b.x1 = mx-hi, b.x0-hi, b.x1-hi
		}
		dy := p.down(b, 1)
		b.y0, b.y1 = b.y0+dy, b.y1+dy
		labels = append(labels, labelDraw{b: b, lines: lines, c: c, x: mx, y: my + dy})
	}
	for _, lb := range labels {
		halo := l.th.LabelHalo
		halo.A = 235
		l.d.rect(lb.b.x0-2, lb.b.y0, lb.b.x1-lb.b.x0+4, lb.b.y1-lb.b.y0, 2, halo, color.NRGBA{}, 0, "halo")
		l.d.text(lb.x, lb.y, lb.lines[0], fontSize, fMono, aMiddle, lb.c, "label")
		for j, n := range lb.lines[1:] {
			l.d.text(lb.x, lb.y+float64(j+1)*13, n, noteSize, fRegular, aMiddle, l.th.Dim, "note")
		}
	}
	for _, x := range crosses {
		l.d.line(l.th.Lost, 2.2, false, "lost", pt{x.X - 6, x.Y - 6}, pt{x.X + 6, x.Y + 6})
		l.d.line(l.th.Lost, 2.2, false, "lost", pt{x.X - 6, x.Y + 6}, pt{x.X + 6, x.Y - 6})
	}
}

func labelBox(x, y float64, lines []string) box {
	b := textBox(x, y, lines[0], fontSize, fMono, aMiddle)
	for j, n := range lines[1:] {
		nb := textBox(x, y+float64(j+1)*13, n, noteSize, fRegular, aMiddle)
		b.x0, b.x1, b.y1 = min(b.x0, nb.x0), max(b.x1, nb.x1), nb.y1
	}
	return b
}

// head is an arrowhead at (x1, y1) pointing away from (x0, y0).
func head(x0, y0, x1, y1 float64) []pt {
	dx, dy := x1-x0, y1-y0
	n := math.Hypot(dx, dy)
	if n == 0 {
		return nil
	}
	ux, uy := dx/n, dy/n
	const length, half = 10.0, 4.0
	bx, by := x1-ux*length, y1-uy*length
	return []pt{{x1, y1}, {bx - uy*half, by + ux*half}, {bx + uy*half, by - ux*half}}
}

// sideText writes calls, states and timer names beside the lifelines,
// stacked where they share an instant and never on top of each other.
func (l *ladder) sideText() {
	var p [2]placer
	last := [2]time.Duration{-1, -1}
	row := [2]int{}
	for _, it := range l.items {
		s := it.side
		if it.t != last[s] {
			last[s], row[s] = it.t, 0
		}
		y := l.y(it.t) + 4 + float64(row[s])*lineH
		row[s]++
		tx := l.x[0] - nLanes*laneW - 10
		a := aEnd
		if s == 1 {
			tx, a = l.x[1]+nLanes*laneW+10, aStart
		}
		st := fRegular
		if it.kind == 1 {
			st = fBold
		}
		b := textBox(tx, y, it.text, fontSize, st, a)
		b.y0, b.y1 = b.y0-3, b.y1+2
		y += p[s].down(b, 0)
		switch it.kind {
		case 1:
			l.stateBox(s, y, it.text)
		case 2:
			sp := l.spans[it.span]
			bx, dir := l.bracketX(s, lane(sp.Name))
			l.d.line(l.th.Timer, 0.8, true, "timer", pt{tx + dir*2, y - 4}, pt{bx - dir*4, l.y(sp.Start)})
			l.d.text(tx, y, it.text, fontSize, fRegular, a, l.th.Timer, "timer")
		case 3:
			l.d.text(tx, y, it.text, fontSize, fRegular, a, l.th.Lost, "signal")
		default:
			l.d.text(tx, y, it.text, fontSize, fRegular, a, l.th.Dim, "call")
		}
	}
}

// stateBox draws a state name beside a lifeline, on baseline y.
func (l *ladder) stateBox(s Side, y float64, name string) {
	w := measure(name, fontSize, fBold) + 10
	x := l.x[0] - nLanes*laneW - 10 - w + 5
	if s == 1 {
		x = l.x[1] + nLanes*laneW + 10 - 5
	}
	l.d.rect(x, y-13, w, 17, 3, l.th.StateFill, l.th.Side[s], 1, "state")
	l.d.text(x+w/2, y, name, fontSize, fBold, aMiddle, l.th.Fg, "state")
}
