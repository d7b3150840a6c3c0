package ui

import (
	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/trace"
)

// This file: raw or relative sequence numbers in the ladder (key #).
// Real captures carry random 10-digit ISNs (RFC 9293 §3.4.1), which
// hide the arithmetic a student should see; relative numbers count from
// each side's ISS, as Wireshark does.

// Numbering modes; auto is relative for long numbers only.
const (
	numbersAuto = iota
	numbersRaw
	numbersRel
)

// findISS takes each side's ISS from its first SYN (an injected one is
// not the endpoint's), else from its first segment.
func (tl *timeline) findISS() {
	var found, syn [2]bool
	for i := range tl.ev {
		ev := &tl.ev[i]
		if ev.Kind != trace.KSend || ev.Injected || syn[ev.Side] {
			continue
		}
		isSyn := ev.Seg.Flags.Has(fsm.SYN)
		if !found[ev.Side] || isSyn {
			tl.iss[ev.Side], found[ev.Side], syn[ev.Side] = ev.Seg.Seq, true, isSyn
		}
	}
}

// longNumbers reports whether either ISS has more digits than a student
// can follow at a glance.
func (tl *timeline) longNumbers() bool {
	return tl.iss[0] >= 100000 || tl.iss[1] >= 100000
}

// relNumbers reports whether the ladder writes relative numbers now.
func (m *Model) relNumbers() bool {
	switch m.numbers {
	case numbersRaw:
		return false
	case numbersRel:
		return true
	}
	return m.tl.longNumbers()
}

// toggleNumbers switches between raw and relative numbers.
func (m *Model) toggleNumbers() {
	if m.relNumbers() {
		m.numbers = numbersRaw
		m.say(m.tl.p.T(msg.LadderNumbersRaw, nil), pDim)
		return
	}
	m.numbers = numbersRel
	m.say(m.tl.p.T(msg.LadderNumbersRel, nil), pDim)
}

// findScales takes each side's window scale shift from its SYN: -1 when
// it offered none. Windows are scaled only when both SYNs carried the
// option (RFC 7323 §2.2), and never on a SYN itself.
func (tl *timeline) findScales() {
	tl.wscale = [2]int8{-1, -1}
	var seen [2]bool
	for i := range tl.ev {
		ev := &tl.ev[i]
		if ev.Kind != trace.KSend || ev.Injected || seen[ev.Side] || !ev.Seg.Flags.Has(fsm.SYN) {
			continue
		}
		seen[ev.Side] = true
		if ev.Seg.Opts&fsm.OptWScale != 0 {
			tl.wscale[ev.Side] = int8(ev.Seg.WScale)
		}
	}
}

// window is a segment's window as the inspector writes it: the scaled
// bytes, saying so, when window scaling is in use.
func (in *inspector) window(from trace.Side, seg *fsm.Segment) string {
	ws := in.tl.wscale
	if seg.Flags.Has(fsm.SYN) || ws[0] < 0 || ws[1] < 0 || ws[from] == 0 {
		return in.tl.p.T(msg.PolishInspectWin, msg.Args{"N": seg.Wnd})
	}
	return in.tl.p.T(msg.InspectWindowScale, msg.Args{
		"Bytes": uint64(seg.Wnd) << ws[from], "Raw": seg.Wnd, "Shift": ws[from]})
}
