package ui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/tcpsim/tcpsim/msg"
)

// This file: the selected arrow, scrolling and the mouse.

func (m *Model) selected() int {
	if m.sel >= 0 && m.tl.revealed(m.sel, m.cur) {
		return m.sel
	}
	return m.tl.latestArrow(m.cur)
}

func (m *Model) selectStep(d int) {
	latest := m.tl.latestArrow(m.cur)
	if latest < 0 {
		return
	}
	base := m.sel
	if base < 0 {
		base = latest
		if d > 0 {
			return
		}
	}
	m.sel = min(max(base+d, 0), latest)
	m.reveal(m.sel)
}

// reveal scrolls the ladder so an arrow is on screen.
func (m *Model) reveal(a int) {
	bh := m.ladderBodyH()
	if bh <= 0 {
		return
	}
	top := m.top
	if top < 0 {
		top = m.ladderView().followTop(bh + ladderHeader)
	}
	ar := &m.tl.arrows[a]
	if int(ar.r0) >= top && int(ar.r0) < top+bh {
		return
	}
	m.top = max(int(ar.r0)-bh/3, 0)
}

func (m *Model) scroll(d int) {
	bh := m.ladderBodyH()
	top := m.top
	if top < 0 {
		top = m.ladderView().followTop(bh + ladderHeader)
	}
	follow := m.ladderView().followTop(bh + ladderHeader)
	top = min(max(top+d, 0), max(follow, 0))
	if top == follow {
		m.top = -1
		return
	}
	m.top = top
}

func (m *Model) ladderBodyH() int {
	l := computeLayout(m.w, m.h)
	return max(l.ladder.h-2-ladderHeader, 0)
}

// click selects the segment under the mouse, or jumps to a logged event.
func (m *Model) click(mo tea.Mouse) {
	if m.modal != modalNone {
		return
	}
	l := computeLayout(m.w, m.h)
	if r := l.ladder.inner(); r.has(mo.X, mo.Y) {
		lv := m.ladderView()
		if a := lv.hit(r.w, r.h, mo.X-r.x, mo.Y-r.y); a >= 0 {
			m.sel = a
			m.say(m.t(msg.LabSelected, msg.Args{"N": a + 1}), pDim)
		}
		return
	}
	if r := l.log.inner(); r.has(mo.X, mo.Y) && m.cur >= 0 {
		lg := m.logView()
		k := lg.first(r.h) + mo.Y - r.y
		if k >= 0 && k <= m.cur {
			m.pause()
			m.seek(k, 0)
			if a := m.tl.evArrow[k]; a >= 0 {
				m.sel = int(a)
			}
		}
	}
}
