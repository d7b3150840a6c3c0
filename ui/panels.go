package ui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/trace"
)

// helpBar is the bottom line: a message, then the most useful keys.
type helpBar struct {
	th   *theme
	p    *msg.Printer
	msg  string
	pen  pen
	keys []key.Binding
}

func (hb *helpBar) Render(w, h int) string {
	c := newCanvas(w, h)
	hb.draw(c.full())
	return c.String(hb.th)
}

// keyW is the width a key takes in the bar.
func (hb *helpBar) keyW(k key.Binding) int {
	hk, desc := keyText(hb.p, k)
	return textWidth(hk) + 1 + textWidth(desc) + 2
}

// fits says whether the message shows whole on a bar w cells wide.
func (hb *helpBar) fits(w int) bool {
	right := w
	for i := min(2, len(hb.keys)) - 1; i >= 0; i-- {
		right -= hb.keyW(hb.keys[i])
	}
	if right < 1 {
		right = w
	}
	return 1+textWidth(hb.msg) <= right-2
}

func (hb *helpBar) draw(v view) {
	keyW := hb.keyW
	put := func(x int, k key.Binding) int {
		hk, desc := keyText(hb.p, k)
		x = v.text(x, 0, hk, pKey)
		return v.text(x+1, 0, desc, pDim) + 2
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
	// fixedTW: TIME-WAIT lasts what the profile says, not 2MSL (linux).
	fixedTW bool

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
		v.textClip(1, 0, lg.tl.p.T(msg.LabLogEmpty, nil), v.w-1, pDim)
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
		x = v.text(x+1, y, padRight(lg.tl.connName(ev.Side, ev.Conn), lg.tl.nameW), pick(sidePen(uint8(ev.Side), true)))
		text, p := describe(ev, lg.tl.p)
		if ev.Kind == trace.KTimer && ev.Timer == fsm.TimerTimeWait && ev.TimerEv == trace.TimerArmed {
			text, p = timeWaitArmed(lg.tl, k, lg.fixedTW), pWarn
		}
		if lg.sel >= 0 && int(lg.tl.evArrow[k]) == lg.sel {
			x = v.text(x+1, y, "▸", pick(pAccent))
		} else {
			x++
		}
		v.textClip(x+1, y, text, v.w-x-1, pick(p))
	}
}
