package ui

import (
	"time"

	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/trace"
)

// Below this width the two ladders take turns (tab); from it they stand
// side by side, each as wide as the lab's ladder needs for its time column.
const compareWideW = 120

func (m *compareModel) render() string {
	if m.w <= 0 || m.h <= 0 {
		return ""
	}
	return m.frame().String(m.th)
}

// frame paints the view: a title line, the ladders, the row under the
// cursor explained, and the keys.
func (m *compareModel) frame() *canvas {
	c := newCanvas(m.w, m.h)
	v := c.full()
	if m.w < 60 || m.h < 16 {
		ls := wrap(m.p.T(msg.CompareTooSmall, msg.Args{"W": m.w, "H": m.h}), max(v.w, 1))
		for i := 0; i < len(ls) && i < v.h; i++ {
			v.textClip(0, i, ls[i], v.w, pAccent)
		}
		return c
	}
	m.drawTitle(v.sub(0, 0, v.w, 1))
	why, paneH := m.layout()
	for i, r := range m.paneRects(paneH) {
		if r.w > 0 {
			m.drawPane(v.sub(r.x, r.y, r.w, r.h), i)
		}
	}
	m.drawInfo(v.sub(0, 1+paneH, m.w, m.h-2-paneH).box(m.p.T(msg.CompareWhyTitle, nil), pTitle), why)
	keys := msg.CompareKeysWide
	if m.w < compareWideW {
		keys = msg.CompareKeys
	}
	v.textClip(1, m.h-1, m.p.T(keys, nil), m.w-2, pDim)
	return c
}

// layout is the row's explanation, wrapped, and the ladders' height: the
// explanation is never cut while the ladders keep ten rows.
func (m *compareModel) layout() ([]string, int) {
	why := wrap(m.explain(m.cur), max(m.w-4, 1))
	infoH := min(max(3+len(why), 5)+2, m.h-2-10)
	return why, m.h - 2 - infoH
}

// paneRects places the kernel's and the model's ladder (w 0: not shown).
func (m *compareModel) paneRects(paneH int) [2]rect {
	if m.w >= compareWideW {
		lw := m.w / 2
		return [2]rect{{0, 1, lw, paneH}, {lw, 1, m.w - lw, paneH}}
	}
	var rs [2]rect
	rs[m.show] = rect{0, 1, m.w, paneH}
	return rs
}

// click selects the segment drawn nearest a click in either ladder, as
// a click does in the lab.
func (m *compareModel) click(x, y int) {
	if m.w < 60 || m.h < 16 || len(m.rows) == 0 {
		return
	}
	_, paneH := m.layout()
	for i, r := range m.paneRects(paneH) {
		// The ladder sits inside the box's border, right of the gutter.
		lx, ly, lw, lh := r.x+3, r.y+1, r.w-4, r.h-2
		if r.w == 0 || x < lx || x >= lx+lw || y < ly || y >= ly+lh {
			continue
		}
		a := m.ladderOf(i).hit(lw, lh, x-lx, y-ly)
		for row := range m.rows {
			if a >= 0 && m.arrow(i, row) == a {
				m.cur = row
				return
			}
		}
	}
}

// drawTitle is the scenario and the verdict.
func (m *compareModel) drawTitle(v view) {
	res := m.c.Result
	verdict, p := m.p.T(msg.CompareAgree, msg.Args{"Segments": res.Packets, "Gaps": res.Gaps}), pGood
	if !res.Agree() {
		verdict, p = m.p.N(msg.CompareDisagree, len(res.Diffs), nil), pLost
	}
	title := m.p.T(msg.CompareTitle, msg.Args{"Name": m.c.Name})
	// Where both do not fit, the name alone, then the verdict's short form:
	// neither is cut while the terminal is at least 60 wide.
	if textWidth(title)+textWidth(verdict)+4 > v.w {
		title = m.c.Name
	}
	if textWidth(title)+textWidth(verdict)+4 > v.w && res.Agree() {
		verdict = m.p.T(msg.CompareAgreeShort, nil)
	}
	vw := textWidth(verdict)
	x := v.textClip(1, 0, title, max(v.w-vw-4, 0), pBold)
	v.text(max(v.w-vw-1, x+2), 0, verdict, p)
}

// paneTitle names a pane; when only one fits, it says tab shows the other.
func (m *compareModel) paneTitle(i int) string {
	id := msg.CompareKernel
	if i == 1 {
		id = msg.CompareModel
	}
	if m.w < compareWideW {
		return m.p.T(msg.CompareToggle, msg.Args{"Name": m.p.T(id, nil)})
	}
	return m.p.T(id, nil)
}

// drawPane is one ladder, the lab's own renderer, with a two-cell gutter
// on its left: "!" beside a segment that differs, ">" beside the row
// under the cursor.
func (m *compareModel) drawPane(v view, i int) {
	in := v.box(m.paneTitle(i), pTitle)
	l := m.ladderOf(i)
	gut, lv := in.sub(0, 0, 2, in.h), in.sub(2, 0, in.w-2, in.h)
	l.draw(lv)
	g := l.geom(lv.w, lv.h)
	mark := func(row int, col int, r rune, p pen) {
		a := m.arrow(i, row)
		if a < 0 || !l.tl.revealed(a, l.cur) {
			return
		}
		ar := &l.tl.arrows[a]
		y := int(ar.r0)
		if ar.from == trace.B {
			y = int(ar.r1) // the tap at A sees it arrive
		}
		if y -= g.top; y >= 0 && y < g.bodyH {
			gut.set(col, g.bodyY+y, r, p)
		}
	}
	for r := range m.diffs {
		mark(r, 0, '!', pLost)
		if a := m.arrow(i, r); a >= 0 && a != l.sel && l.tl.revealed(a, l.cur) {
			redden(lv, l, g, a)
		}
	}
	mark(m.cur, 1, '>', pAccent)
}

// ladderOf is pane i's ladder with its present where that run's packet
// of the cursor's row was seen at A (the last such packet when this run
// has none in the row), and the whole run once the cursor is on the last
// row.
func (m *compareModel) ladderOf(i int) *ladder {
	pn := m.panes[i]
	tl := pn.tl
	cur := 0
	for r := m.cur; r >= 0; r-- {
		if a := m.arrow(i, r); a >= 0 {
			ar := &tl.arrows[a]
			e := int(ar.send)
			if ar.recv >= 0 {
				e = int(ar.recv)
			}
			// What happened at that instant (the states it changed), but
			// not a segment sent in the same instant: that is a later row.
			end := int(tl.groups[tl.evGroup[e]].end)
			for e+1 < end && tl.ev[e+1].Kind != trace.KSend && tl.ev[e+1].Kind != trace.KDup {
				e++
			}
			cur = e
			break
		}
	}
	if m.cur >= len(m.rows)-1 {
		cur = len(tl.ev) - 1
	}
	var now time.Duration
	if len(tl.ev) == 0 {
		cur = -1
	} else {
		now = tl.ev[cur].T
	}
	return &ladder{
		th: m.th, tl: tl, cur: cur, now: now, row: tl.presentRow(cur, now), top: -1,
		sel: m.arrow(i, m.cur), chosen: true, rel: m.rel,
		titles: [2]string{"A " + tl.tr.Ends[trace.A].String(), "B " + tl.tr.Ends[trace.B].String()},
	}
}

// redden draws a differing segment's line in the colour of a loss; its
// label keeps its own (the selected arrow keeps the selection's colour).
func redden(v view, l *ladder, g ladderGeom, a int) {
	s := l.shape(g, a)
	for k := 0; k <= s.n; k++ {
		r := s.r0 + k
		if r > s.limRow {
			break
		}
		y := g.bodyY + r - g.top
		if y < g.bodyY || y >= g.bodyY+g.bodyH {
			continue
		}
		lo, hi := runOf(k, s.n, s.span)
		for off := lo; off < hi; off++ {
			switch v.get(s.cellAt(off), y).r {
			case '─', '═', '┄', '╌', '▶', '◀':
				v.restyle(s.cellAt(off), y, pLost)
			}
		}
	}
}
