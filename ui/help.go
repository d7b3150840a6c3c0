package ui

import (
	"strings"

	"github.com/tcpsim/tcpsim/msg"
)

// The full help (?): every key, the mouse and the ladder's legend, in
// the lab's language. It scrolls, so that at 80×24 nothing is out of
// reach: ↑↓ j k, PgUp PgDn, home end, and the mouse wheel.

const (
	helpW    = 78 // the box, borders included
	helpMaxH = 40
	keyCol   = 11 // "  " + the key, padded, a space
)

// helpBox is the help's box on a screen of w×h cells.
func helpBox(w, h int) (bw, bh int) { return min(helpW, w), min(helpMaxH, h) }

// helpLines is the help's text, wrapped to w cells.
func (m *Model) helpLines(w int) [][]span {
	b := &lines{w: w}
	item := func(k string, kp pen, desc string) {
		ls := wrap(desc, max(w-keyCol, 10))
		for i, l := range ls {
			if i == 0 {
				b.add(span{"  " + padRight(k, keyCol-2), kp}, span{l, pNone})
			} else {
				b.add(span{strings.Repeat(" ", keyCol) + l, pNone})
			}
		}
	}
	for _, g := range m.keys.groups() {
		b.add(span{m.t(g.title, nil), pTitle})
		for _, k := range g.keys {
			key, desc := keyText(m.p, k)
			item(key, pKey, desc)
		}
		b.blank()
	}
	b.add(span{m.t(msg.LabMouse, nil), pTitle})
	for _, id := range []msg.ID{msg.LabMouseLog, msg.LabMouseArrow, msg.LabMouseWheel} {
		item("·", pKey, m.t(id, nil))
	}
	b.blank()
	b.add(span{m.t(msg.LabLegend, nil), pTitle})
	item("───▶", pA, m.t(msg.LabLegendArrow, nil))
	item("──✕ "+m.t(msg.LabLost, nil), pLost, m.t(msg.LabLegendLost, nil))
	item("╌╌╌▶", pA, m.t(msg.LabLegendDashed, nil))
	item("┊", pFaint, m.t(msg.LabLegendGap, nil))
	item("★", pAccent, m.t(msg.PolishLegendMoment, nil))
	return b.out
}

// helpPage is how many lines of help show at once.
func (m *Model) helpPage() int {
	_, bh := helpBox(m.w, m.h)
	return max(bh-3, 1) // borders and the footer
}

// helpMax is the last first line: the end of the help at the bottom.
func (m *Model) helpMax() int {
	bw, _ := helpBox(m.w, m.h)
	return max(len(m.helpLines(bw-4))-m.helpPage(), 0)
}

// helpKey handles a key while the help is open.
func (m *Model) helpKey(k string) {
	switch k {
	case "esc", "?", "q", "enter":
		m.modal = modalNone
	case "up", "k":
		m.helpTop--
	case "down", "j":
		m.helpTop++
	case "pgup", "b":
		m.helpTop -= m.helpPage()
	case "pgdown", " ", "space", "f":
		m.helpTop += m.helpPage()
	case "home", "g":
		m.helpTop = 0
	case "end", "G":
		m.helpTop = m.helpMax()
	}
	m.helpTop = min(max(m.helpTop, 0), m.helpMax())
}

// wheel scrolls the help when it is open, else the ladder.
func (m *Model) wheel(d int) {
	if m.modal == modalHelp {
		m.helpTop = min(max(m.helpTop+d, 0), m.helpMax())
		return
	}
	m.scroll(d)
}

// drawHelp draws the help over v.
func (m *Model) drawHelp(v view) {
	bw, bh := helpBox(v.w, v.h)
	in := overlay(v, bw, bh, m.t(msg.LabHelpTitle, nil))
	body := in.sub(1, 0, in.w-2, in.h-1)
	all := m.helpLines(body.w)
	top := min(max(m.helpTop, 0), max(len(all)-body.h, 0))
	b := &lines{w: body.w, out: all[top:]}
	b.draw(body)
	foot := m.t(msg.LabHelpClose, nil)
	if end := top + body.h; end < len(all) {
		more := m.t(msg.LabHelpMore, msg.Args{"N": min(end, len(all)), "Total": len(all)})
		x := in.w - 1 - textWidth(more)
		in.text(x, in.h-1, more, pAccent)
		in.textClip(1, in.h-1, foot, x-2, pDim)
		return
	}
	in.textClip(1, in.h-1, foot, in.w-2, pDim)
}
