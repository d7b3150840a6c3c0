package ui

import (
	"time"

	"github.com/tcpsim/tcpsim/msg"
)

// This file: the time zoom of the ladder (keys [ and ]). Each step in
// halves the time a row of gap stands for, so a busy stretch spreads
// out and its bands open; each step out doubles it.

const (
	minZoom = -3
	maxZoom = 3
)

// zoomUnit is the time a row stands for at a zoom level.
func zoomUnit(unit time.Duration, zoom int) time.Duration {
	if zoom >= 0 {
		return max(unit>>zoom, 1)
	}
	return unit << -zoom
}

// zoomBy changes the zoom and keeps the present (and the selected
// segment) on screen.
func (m *Model) zoomBy(d int) {
	z := min(max(m.zoom+d, minZoom), maxZoom)
	if z == m.zoom {
		m.say(m.tl.p.T(msg.LadderZoomLimit, nil), pDim)
		return
	}
	m.zoom = z
	m.top = -1
	m.seek(m.cur, m.now)
	if m.sel >= 0 {
		m.reveal(m.sel)
	}
	m.say(m.tl.p.T(msg.LadderZoom, msg.Args{"Row": fmtShort(m.tl.unit)}), pDim)
}

// syncZoom lays the timeline out again when it was built for another
// zoom (a new run, a fork, an undo): called by seek.
func (m *Model) syncZoom() {
	if m.tl == nil || m.tl.zoom == m.zoom {
		return
	}
	m.tl = newTimelineIn(m.tl.tr, m.zoom, m.tl.p)
}

// in is the timeline laid out again for another language: set the
// lab's language through it, never by changing tl.p alone (notes wrap
// by their words).
func (tl *timeline) in(p *msg.Printer) *timeline {
	n := newTimelineIn(tl.tr, tl.zoom, p)
	n.stop, n.labBudget = tl.stop, tl.labBudget
	return n
}
