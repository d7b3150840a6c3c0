package lesson

import (
	"github.com/tcpsim/tcpsim/trace"
)

// Find is the index of the event a moment names in a trace, or -1 when
// the run has no such moment. WhenStart gives -1 too: check Found.
func (w *When) Find(tr *trace.Trace) int {
	evs := tr.Events
	n := w.Nth
	for i := range evs {
		if w.is(tr, i) {
			if n--; n == 0 {
				return i
			}
		}
	}
	switch w.Kind {
	case WhenEnd:
		return len(evs) - 1
	case WhenTime:
		last := -1
		for i := range evs {
			if evs[i].T <= w.Time {
				last = i
			}
		}
		return last
	}
	return -1
}

// Found reports whether the trace has the moment.
func (w *When) Found(tr *trace.Trace) bool {
	return w.Kind == WhenStart || w.Kind == WhenTime || (w.Kind == WhenEnd && len(tr.Events) > 0) || w.Find(tr) >= 0
}

// Shown is the last event the lab has revealed when it stops at the
// moment: the event itself, or the one before it with before: true (-1:
// nothing yet).
func (w *When) Shown(tr *trace.Trace) int {
	if w.Kind == WhenStart {
		return -1
	}
	i := w.Find(tr)
	if w.Before && i >= 0 {
		i--
	}
	return i
}

// is reports whether event i is one the moment counts.
func (w *When) is(tr *trace.Trace, i int) bool {
	ev := &tr.Events[i]
	switch w.Kind {
	case WhenState:
		return ev.Kind == trace.KState && ev.Side == w.Side && ev.To == w.State
	case WhenSends:
		return w.Seg.Sent(tr, i)
	case WhenArrives:
		return w.Seg.Arrived(tr, i)
	case WhenTimer:
		return w.timerIs(tr, i)
	}
	return false
}

func (w *When) timerIs(tr *trace.Trace, i int) bool {
	ev := &tr.Events[i]
	if ev.Kind != trace.KTimer || ev.Side != w.Side || ev.Timer != w.Timer {
		return false
	}
	switch w.TimerEv {
	case TimerStarts:
		return ev.TimerEv == trace.TimerArmed
	case TimerFires:
		return ev.TimerEv == trace.TimerFired
	case TimerStops:
		return ev.TimerEv == trace.TimerCancelled
	}
	if ev.TimerEv != trace.TimerArmed {
		return false
	}
	for j := i - 1; j >= 0; j-- { // restarts: armed once before
		p := &tr.Events[j]
		if p.Kind == trace.KTimer && p.Side == w.Side && p.Timer == w.Timer && p.TimerEv == trace.TimerArmed {
			return true
		}
	}
	return false
}

// Stops are where each beat stops in a trace: the last revealed event
// (-1: none), or -2 when the run has no such moment.
func (l *Lesson) Stops(tr *trace.Trace) []int {
	out := make([]int, len(l.Beats))
	for i := range l.Beats {
		w := &l.Beats[i].When
		out[i] = -2
		if w.Found(tr) {
			out[i] = w.Shown(tr)
		}
	}
	return out
}
