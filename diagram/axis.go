package diagram

import (
	"fmt"
	"sort"
	"time"
)

// The time axis. Time runs down at one scale, chosen so a typical one-way
// delay is `hop` tall, so an arrow's slope is its link delay. Two things
// bend it: an instant with several things to say gets the room they need,
// and a long quiet stretch (TIME-WAIT's minutes) is cut short and marked
// as a break on the axis and lifelines.

func (l *ladder) timeAxis() {
	set := map[time.Duration]bool{}
	for _, a := range l.r.Arrows {
		set[a.Send], set[a.Arrive] = true, true
	}
	for _, it := range l.items {
		set[it.t] = true
	}
	for _, sp := range l.spans {
		set[sp.Start], set[sp.End] = true, true
	}
	if len(set) == 0 {
		set[l.r.Start] = true
	}
	l.times = make([]time.Duration, 0, len(set))
	for t := range set {
		l.times = append(l.times, t)
	}
	sort.Slice(l.times, func(i, j int) bool { return l.times[i] < l.times[j] })
	need := l.needs()
	typ := l.typicalDelay()
	scale := l.hop(typ) / typ.Seconds()
	l.ys = make([]float64, len(l.times))
	y := l.top + 10
	for i := range l.times {
		l.ys[i] = y
		if i+1 == len(l.times) {
			break
		}
		h := (l.times[i+1] - l.times[i]).Seconds() * scale
		if h > 3*l.hop(typ) {
			l.breaks = append(l.breaks, i)
			h = need[i] + breakGap
		}
		y += max(h, need[i])
	}
	l.end = y + need[len(need)-1]
	l.d.h = l.end + margin + 16
	l.axisTicks()
}

// needs is the room each instant's stacked text and arrows take below it.
func (l *ladder) needs() []float64 {
	var cnt [2]map[time.Duration]int
	var arr [3][2]map[time.Duration]int
	for s := range 2 {
		cnt[s] = map[time.Duration]int{}
		for k := range arr {
			arr[k][s] = map[time.Duration]int{}
		}
	}
	for _, it := range l.items {
		cnt[it.side][it.t]++
	}
	for _, a := range l.r.Arrows {
		arr[0][a.From][a.Send]++
		arr[1][1-a.From][a.Arrive]++
	}
	out := make([]float64, len(l.times))
	for i, t := range l.times {
		n := 0.0
		for s := range 2 {
			n = max(n, float64(cnt[s][t])*lineH, float64(arr[0][s][t])*stagger, float64(arr[1][s][t])*stagger)
		}
		out[i] = max(n, 8)
	}
	return out
}

// hop is the height of one typical delay: taller when many segments are
// in flight at once, so each label stays near its arrow.
func (l *ladder) hop(typ time.Duration) float64 {
	if l.hopH > 0 {
		return l.hopH
	}
	sends := make([]time.Duration, 0, len(l.r.Arrows))
	for _, a := range l.r.Arrows {
		sends = append(sends, a.Send)
	}
	sort.Slice(sends, func(i, j int) bool { return sends[i] < sends[j] })
	most := 0
	for i, j := 0, 0; j < len(sends); j++ {
		for sends[j]-sends[i] >= typ {
			i++
		}
		most = max(most, j-i+1)
	}
	l.hopH = min(max(hop, float64(most)*26), 6*hop)
	return l.hopH
}

func (l *ladder) typicalDelay() time.Duration {
	var ds []time.Duration
	for _, a := range l.r.Arrows {
		if d := a.Arrive - a.Send; d > 0 {
			ds = append(ds, d)
		}
	}
	if len(ds) == 0 {
		return 50 * time.Millisecond
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[len(ds)/2]
}

// y is the height of instant t (which must be one of l.times).
func (l *ladder) y(t time.Duration) float64 {
	i := sort.Search(len(l.times), func(i int) bool { return l.times[i] >= t })
	if i == len(l.times) {
		i--
	}
	return l.ys[i]
}

func (l *ladder) axisTicks() {
	x := margin + measure("00m00.000s", noteSize, fRegular) + 6
	top, bottom := l.ys[0], l.ys[len(l.ys)-1]
	prev := top
	for _, b := range l.breaks {
		y0, y1 := l.ys[b]+4, l.ys[b+1]-4
		l.d.line(l.th.Dim, 1, false, "axis", pt{x, prev}, pt{x, y0})
		for _, yy := range []float64{(y0+y1)/2 - 3, (y0+y1)/2 + 3} {
			l.d.line(l.th.Dim, 1, false, "axis", pt{x - 5, yy + 2}, pt{x + 5, yy - 2})
		}
		prev = y1
	}
	l.d.line(l.th.Dim, 1, false, "axis", pt{x, prev}, pt{x, bottom})
	var p placer
	for i, t := range l.times {
		s := fmtT(t)
		b := textBox(x-6, l.ys[i]+4, s, noteSize, fRegular, aEnd)
		if p.clear(b) {
			l.d.line(l.th.Dim, 1, false, "axis", pt{x - 3, l.ys[i]}, pt{x, l.ys[i]})
			l.d.text(x-6, l.ys[i]+4, s, noteSize, fRegular, aEnd, l.th.Dim, "time")
		}
	}
}

// fmtT prints virtual time compactly: 0.150s, 12.000s, 2m0.000s.
func fmtT(d time.Duration) string {
	if d < time.Minute {
		return fmt.Sprintf("%.3fs", d.Seconds())
	}
	m := d / time.Minute
	return fmt.Sprintf("%dm%06.3fs", m, (d - m*time.Minute).Seconds())
}
