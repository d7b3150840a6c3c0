package ui

import (
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"

	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// header is the status line at the top of the screen.
type header struct {
	th      *theme
	title   string
	playing bool
	atEnd   bool
	speed   string
	now     time.Duration
	cur, n  int
	links   [2]sim.LinkConfig
	profile string
	branch  string
}

func (hd *header) Render(w, h int) string {
	c := newCanvas(w, h)
	hd.draw(c.full())
	return c.String(hd.th)
}

func (hd *header) draw(v view) {
	if v.h < 1 {
		return
	}
	v.fill(0, 0, v.w, 1, ' ', pHeader)
	state := "⏸ paused"
	switch {
	case hd.playing:
		state = "▶ playing"
	case hd.atEnd:
		state = "■ end"
	}
	items := []struct {
		s    string
		p    pen
		prio int
	}{
		{" tcpsim", pHeader, 0},
		{hd.title, pHeader, 1},
		{state + " " + hd.speed, pHeader, 0},
		{"t=" + trace.FormatDuration(hd.now), pHeader, 0},
		{"event " + strconv.Itoa(hd.cur+1) + "/" + strconv.Itoa(hd.n), pHeaderDim, 3},
		{"A→B " + linkText(hd.links[0]), pHeaderDim, 4},
		{"B→A " + linkText(hd.links[1]), pHeaderDim, 5},
		{hd.profile, pHeaderDim, 6},
		{hd.branch, pHeader, 2},
	}
	// Drop the least important items until the rest fit.
	keep := make([]bool, len(items))
	for i := range items {
		keep[i] = items[i].s != ""
	}
	width := func() int {
		n := 0
		for i, it := range items {
			if keep[i] {
				n += textWidth(it.s) + 3
			}
		}
		return n
	}
	for prio := 6; prio > 0 && width() > v.w; prio-- {
		for i := range items {
			if items[i].prio == prio {
				keep[i] = false
			}
		}
	}
	x := 0
	first := true
	for i, it := range items {
		if !keep[i] {
			continue
		}
		if !first {
			x = v.text(x, 0, " · ", pHeaderDim)
		}
		first = false
		x = v.textClip(x, 0, it.s, v.w-x, it.p)
	}
}

// helpBar is the bottom line: a message, then the most useful keys.
type helpBar struct {
	th   *theme
	msg  string
	pen  pen
	keys []key.Binding
}

func (hb *helpBar) Render(w, h int) string {
	c := newCanvas(w, h)
	hb.draw(c.full())
	return c.String(hb.th)
}

func (hb *helpBar) draw(v view) {
	keyW := func(k key.Binding) int {
		hk := k.Help()
		return textWidth(hk.Key) + 1 + textWidth(hk.Desc) + 2
	}
	put := func(x int, k key.Binding) int {
		hk := k.Help()
		x = v.text(x, 0, hk.Key, pKey)
		return v.text(x+1, 0, hk.Desc, pDim) + 2
	}
	// The first two keys (help, quit) always show, at the right.
	fixed := min(2, len(hb.keys))
	right := v.w
	for i := fixed - 1; i >= 0; i-- {
		right -= keyW(hb.keys[i])
	}
	if right < 1 {
		right = v.w
		fixed = 0
	} else {
		x := right
		for i := 0; i < fixed; i++ {
			x = put(x, hb.keys[i])
		}
	}
	x := 1
	if hb.msg != "" {
		x = v.textClip(x, 0, hb.msg, right-2, hb.pen) + 3
	}
	for _, k := range hb.keys[fixed:] {
		if x+keyW(k) > right {
			break
		}
		x = put(x, k)
	}
}

// eventLog lists the trace up to the present, the current event last.
type eventLog struct {
	th  *theme
	tl  *timeline
	cur int
	sel int // selected arrow: its events are marked

	moment func(k int) bool // event k is a key moment of the scenario
}

func (lg *eventLog) Render(w, h int) string {
	c := newCanvas(w, h)
	lg.draw(c.full())
	return c.String(lg.th)
}

// first is the first event shown in h lines.
func (lg *eventLog) first(h int) int { return max(0, lg.cur-h+1) }

func (lg *eventLog) draw(v view) {
	if lg.cur < 0 {
		v.textClip(1, 0, "The trace appears here as it happens.", v.w-1, pDim)
		return
	}
	numW := len(strconv.Itoa(len(lg.tl.ev)))
	start := lg.first(v.h)
	for y, k := 0, start; k <= lg.cur && y < v.h; y, k = y+1, k+1 {
		ev := &lg.tl.ev[k]
		num := strconv.Itoa(k + 1)
		x := 0
		line := pNone
		if k == lg.cur {
			v.fill(0, y, v.w, 1, ' ', pCursor)
			line = pCursor
		}
		pick := func(p pen) pen {
			if line != pNone {
				return line
			}
			return p
		}
		x = v.text(x, y, strings.Repeat(" ", numW-len(num)+1)+num, pick(pFaint))
		if lg.moment != nil && lg.moment(k) {
			v.set(0, y, '★', pick(pAccent)) // a key moment (moments.go), in the number's margin
		}
		x = v.text(x+1, y, padRight(fmtClock(ev.T), 8), pick(pDim))
		x = v.text(x+1, y, ev.Side.Upper(), pick(sidePen(uint8(ev.Side), true)))
		text, p := describe(ev, lg.tl.p)
		if lg.sel >= 0 && int(lg.tl.evArrow[k]) == lg.sel {
			x = v.text(x+1, y, "▸", pick(pAccent))
		} else {
			x++
		}
		v.textClip(x+1, y, text, v.w-x-1, pick(p))
	}
}
