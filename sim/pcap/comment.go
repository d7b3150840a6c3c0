package pcap

import (
	"strconv"

	"github.com/tcpsim/tcpsim/trace"

	"github.com/tcpsim/tcpsim/fsm"
)

// A step is what the simulator does for one stimulus: a user call, an
// arrival, a timer, an injection. The trace does not mark steps, but each
// one begins with exactly one of those events and its other events (state
// changes, sends) belong to the same endpoint, so a step's "before" and
// "after" states are the endpoint's states around it.
func stepStart(ev *trace.Event) bool {
	switch ev.Kind {
	case trace.KUser, trace.KDeliver:
		return true
	case trace.KTimer:
		return ev.TimerEv == trace.TimerFired
	case trace.KSend:
		return ev.Injected
	}
	return false
}

// annotator holds what the comments need beyond the event itself.
type annotator struct {
	tr     *trace.Trace
	before []fsm.State // per event index: its endpoint's state when the step began
	after  []fsm.State // per event index: its endpoint's state when the step ended
	sendAt []int32     // per transmission ID: index of its KSend event
	arrive []int32     // per transmission ID: index of its first (non-duplicate) KDeliver, or -1
	b      []byte      // reused: one allocation per comment, the string itself
}

func (a *annotator) str(s string) { a.b = append(a.b, s...) }

func annotate(tr *trace.Trace) *annotator {
	n := len(tr.Events)
	a := &annotator{tr: tr, before: make([]fsm.State, n), after: make([]fsm.State, n)}
	var maxID int32 = -1
	for i := range tr.Events {
		if ev := &tr.Events[i]; ev.Kind == trace.KSend && ev.ID > maxID {
			maxID = ev.ID
		}
	}
	a.sendAt = make([]int32, maxID+1)
	a.arrive = make([]int32, maxID+1)
	for i := range a.arrive {
		a.sendAt[i], a.arrive[i] = -1, -1
	}
	state := [2]fsm.State{fsm.Closed, fsm.Closed}
	start := -1 // first event of the current step
	end := func(upto int) {
		if start < 0 {
			return
		}
		side := tr.Events[start].Side
		for j := start; j < upto; j++ {
			if tr.Events[j].Side == side {
				a.after[j] = state[side]
			}
		}
	}
	for i := range tr.Events {
		ev := &tr.Events[i]
		if stepStart(ev) {
			end(i)
			start = i
		}
		a.before[i] = state[ev.Side]
		if start >= 0 && tr.Events[start].Side == ev.Side {
			a.before[i] = a.before[start]
		}
		switch ev.Kind {
		case trace.KState:
			state[ev.Side] = ev.To
		case trace.KSend:
			if ev.ID >= 0 && ev.ID <= maxID {
				a.sendAt[ev.ID] = int32(i)
			}
		case trace.KDeliver:
			if !ev.Dup && ev.ID >= 0 && ev.ID <= maxID && a.arrive[ev.ID] < 0 {
				a.arrive[ev.ID] = int32(i)
			}
		}
	}
	end(n)
	return a
}

// states renders "X: S1 -> S2", or "X: S" when nothing changed.
func (a *annotator) states(side trace.Side, role string, before, after fsm.State) {
	a.str(role)
	a.b = append(a.b, ' ')
	a.str(side.Upper())
	a.str(": ")
	a.str(before.String())
	if after != before {
		a.str(" -> ")
		a.str(after.String())
	}
}

func (a *annotator) note(s string) {
	a.str("; ")
	a.str(s)
}

// comment describes the packet that event i puts in the capture.
func (a *annotator) comment(i int, tap Tap) string {
	evs := a.tr.Events
	ev := &evs[i]
	send := i
	if ev.Kind == trace.KDeliver {
		if ev.ID >= 0 && int(ev.ID) < len(a.sendAt) && a.sendAt[ev.ID] >= 0 {
			send = int(a.sendAt[ev.ID])
		}
	}
	sev := &evs[send]
	from := sev.Side
	a.b = a.b[:0]
	a.str("tcpsim #")
	a.b = strconv.AppendInt(a.b, int64(sev.ID), 10)
	a.str(" ")
	a.str(from.Upper())
	a.str("->")
	a.str(from.Peer().Upper())
	a.str(": ")
	if sev.Injected {
		a.str("injected by the link, as if from ")
		a.str(from.Upper())
	} else if sev.Kind == trace.KSend {
		a.states(from, "sender", a.before[send], a.after[send])
	}
	// The receiver: this arrival, or for a send, its first arrival.
	arr := i
	if ev.Kind == trace.KSend {
		arr = -1
		if ev.ID >= 0 && int(ev.ID) < len(a.arrive) {
			arr = int(a.arrive[ev.ID])
		}
	}
	a.str("; ")
	switch {
	case arr >= 0:
		rev := &evs[arr]
		a.states(rev.Side, "receiver", rev.From, a.after[arr])
		if tap != TapLink && ev.Kind == trace.KSend {
			a.str(" (arrives at ")
			a.str(trace.FormatDuration(rev.T))
			a.b = append(a.b, ')')
		}
	case sev.Lost:
		a.str("dropped by the link (")
		a.str(dropWhy(a.tr, send).String())
		a.str("): ")
		a.str(from.Peer().Upper())
		a.str(" never sees it")
	default:
		a.str("still in flight when the run ends")
	}
	a.notes(sev)
	if ev.Kind == trace.KDeliver && ev.Dup {
		a.note("extra copy made by the link")
	}
	return string(a.b)
}

func dropWhy(tr *trace.Trace, send int) trace.DropReason {
	for j := send + 1; j < len(tr.Events); j++ {
		ev := &tr.Events[j]
		if ev.Kind == trace.KDrop && ev.ID == tr.Events[send].ID {
			return ev.Drop
		}
		if ev.T != tr.Events[send].T {
			break
		}
	}
	return trace.DropLoss
}

// notes says why the segment was sent, in the ladder's words, and cites
// the rule.
func (a *annotator) notes(ev *trace.Event) {
	for _, n := range ev.SendNotes() {
		a.note(n)
	}
	if r := ev.Rule(); r != nil {
		a.note("RFC 9293 §" + r.RFC)
	}
}
