package ui

import (
	"sort"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/trace"
)

// This file: what the timeline says about one moment: states, TCBs,
// timers, the arrows in flight.

// stateOf is a side's state after event cur.
func (tl *timeline) stateOf(cur int, s trace.Side) fsm.State { return tl.ix.StateAfter(cur, s) }

// everLeftClosed reports whether a side's last move into CLOSED came from
// a synchronized-or-later state (drawn at the bottom of the diagram).
func (tl *timeline) closedAtBottom(cur int, s trace.Side) bool {
	if cur < 0 {
		return false
	}
	k := tl.idx[cur].state[s]
	if k < 0 {
		return false
	}
	ev := &tl.ev[k]
	return ev.To == fsm.Closed && ev.From != fsm.Listen && ev.From != fsm.SynSent
}

// tcb is a side's TCB snapshot after event cur, and whether one exists.
func (tl *timeline) tcb(cur int, s trace.Side) (trace.Snap, bool) { return tl.ix.TCBAfter(cur, s) }

// runningTimer describes an armed timer at the present.
type runningTimer struct {
	side     trace.Side
	timer    fsm.Timer
	dur      time.Duration
	deadline time.Duration
}

// timersAt lists the timers running after event cur.
func (tl *timeline) timersAt(cur int) []runningTimer {
	if cur < 0 {
		return nil
	}
	var out []runningTimer
	for s := trace.A; s <= trace.B; s++ {
		for t := fsm.Timer(0); t < fsm.NumTimers; t++ {
			k := tl.idx[cur].timer[s][t]
			if k < 0 || tl.ev[k].TimerEv != trace.TimerArmed {
				continue
			}
			ev := &tl.ev[k]
			out = append(out, runningTimer{side: s, timer: t, dur: ev.Dur, deadline: ev.T + ev.Dur})
		}
	}
	return out
}

// latestArrow is the last segment revealed by event cur, or -1.
func (tl *timeline) latestArrow(cur int) int {
	if cur < 0 {
		return -1
	}
	return int(tl.idx[cur].arrow)
}

// revealed reports whether an arrow has been sent by event cur.
func (tl *timeline) revealed(a, cur int) bool {
	return a >= 0 && a < len(tl.arrows) && int(tl.arrows[a].send) <= cur
}

// arrived reports whether an arrow has reached its receiver by event cur.
func (tl *timeline) arrived(a, cur int) bool {
	r := tl.arrows[a].recv
	return r >= 0 && int(r) <= cur
}

// inFlight lists segments sent by event cur that are still on the wire
// and will arrive, nearest the present first (chunks around the present).
func (tl *timeline) inFlight(cur int, row float64, buf []int32) []int32 {
	buf = buf[:0]
	if cur < 0 {
		return buf
	}
	r := int(row)
	for _, a := range tl.arrowsIn(r-1, r+2, nil) {
		ar := &tl.arrows[a]
		if int(ar.send) <= cur && !ar.lost && ar.recv > int32(cur) {
			buf = append(buf, a)
		}
	}
	sort.Slice(buf, func(i, j int) bool { return tl.arrows[buf[i]].recv < tl.arrows[buf[j]].recv })
	return buf
}

// note is what event k writes beside its lifeline, with its pen.
func (tl *timeline) note(k int) (string, pen, bool) {
	if tl.restarts[int32(k)] {
		return tl.p.T(msg.LabNoteTWRestart, nil), pWarn, true
	}
	ev := &tl.ev[k]
	text, pn, ok := lifelineNote(ev, tl.p)
	// A side with several connections: a state change or an error says
	// whose it is, since the lifeline is the host's, not one connection's.
	if ok && (ev.Kind == trace.KState || ev.Kind == trace.KError) && tl.conns.Multi(ev.Side) {
		text = tl.connName(ev.Side, ev.Conn) + " " + text
	}
	return text, pn, ok
}

// noteTextW is the narrowest a lifeline note is ever given: every state
// name fits on one line. Longer notes wrap onto rows the timeline keeps
// free below them, so no width of the terminal can cut a note.
const noteTextW = 12

// noteRows is how many rows event k's note takes at the narrowest.
func (tl *timeline) noteRows(k int) int32 {
	text, _, ok := tl.note(k)
	if !ok {
		return 1
	}
	return int32(max(len(noteLines(text, noteTextW)), 1))
}
