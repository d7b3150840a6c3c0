package ui

import "github.com/tcpsim/tcpsim/msg"

// This file: the selected segment on a small screen. Below fullW×fullH
// there is no inspector panel, so a chosen segment (↑↓ or a click) takes
// the strip under the ladder: one line of numbers, then why it was sent
// and what became of it; enter opens every detail over the ladder.

// drawCompactSegment draws the chosen segment in the compact view and
// reports whether it did (else the strip explains the last transition).
func (m *Model) drawCompactSegment(l layout, v view) bool {
	if l.full || m.sel < 0 || !m.tl.revealed(m.sel, m.cur) {
		m.details = false
		return false
	}
	in := &inspector{th: m.th, tl: m.tl, cur: m.cur, now: m.now, sel: m.sel, chosen: true}
	if m.details {
		r := l.ladder
		box := v.sub(r.x+1, r.y+1, r.w-2, r.h-2)
		box.clear(pNone)
		inner := box.box("", pTitle)
		b := &lines{w: inner.w - 2}
		in.segment(b)
		b.draw(inner.sub(1, 0, inner.w-2, inner.h))
	}
	s := l.why.view(v)
	b := &lines{w: s.w - 2}
	in.segmentLine(b)
	b.draw(s.sub(1, 0, s.w-2, s.h))
	return true
}

// segmentLine is the one-line inspector: the numbers on the first line,
// then the segment's fate and why it was sent.
func (in *inspector) segmentLine(b *lines) {
	full := &lines{w: 1 << 20}
	in.segment(full)
	ar := &in.tl.arrows[in.sel]
	head := []span{{in.tl.p.T(msg.InspectSegLine, msg.Args{"ID": in.tl.ev[ar.send].ID, "Dir": dirText(in.tl, in.sel)}) + "  ", sidePen(uint8(ar.from), true)}}
	// Lines 2 and 3 of the section are the numbers (seq/ack, flags…).
	for i := 2; i < len(full.out) && i < 4; i++ {
		for _, sp := range full.out[i] {
			head = append(head, span{trimIndent(sp.s) + "  ", sp.p})
		}
	}
	b.add(head...)
	for _, l := range full.out[4:] {
		for _, sp := range l {
			b.para(0, trimIndent(sp.s), sp.p)
		}
	}
}

func dirText(tl *timeline, a int) string {
	if tl.arrows[a].from == 0 {
		return "A → B"
	}
	return "B → A"
}

func trimIndent(s string) string {
	for len(s) > 0 && s[0] == ' ' {
		s = s[1:]
	}
	return s
}

// detailsKey: enter opens the chosen segment's details only where there
// is no inspector (the compact view); elsewhere enter finds the next
// search match (dialog_search.go).
func (m *Model) detailsKey() bool {
	return computeLayout(m.w, m.h).inspector.w == 0 && (m.sel >= 0 || m.details)
}
