package trace

import (
	"slices"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
)

// Recorder is the recording half of an fsm.Env, shared by the simulator
// and replay: it turns what one endpoint's Conn does (state changes,
// signals, data handed up, timers) into trace events stamped with the
// time and the endpoint's TCB. Each producer embeds it and supplies only
// what differs: the simulator runs timers and a link, replay matches what
// a capture shows.
type Recorder struct {
	Trace *Trace
	Side  Side
	Rec   uint8          // the connection record's index at Side: each event's Conn
	Conn  *fsm.Conn      // whose TCB each event snapshots
	Now   *time.Duration // the producer's virtual clock
	// NoSnap leaves each event's TCB zero: a run read only for its
	// outcome skips the copy (sim.RecordOutcome).
	NoSnap bool
}

// Add appends an event of kind k for this side, stamped with the time and
// the TCB, and returns it for the caller to fill in (valid until the next
// Add).
func (r *Recorder) Add(k Kind) *Event {
	// Grown and filled in place: appending a literal builds it on the
	// stack and copies it (an Event holds a pointer, so the copy is a
	// typed move), the costliest line of a lean run.
	evs := r.Trace.Events
	n := len(evs)
	if n == cap(evs) {
		evs = slices.Grow(evs, 1)
	}
	evs = evs[:n+1]
	r.Trace.Events = evs
	ev := &evs[n]
	*ev = Event{T: *r.Now, Kind: k, Side: r.Side, Conn: r.Rec}
	if !r.NoSnap {
		ev.TCB = SnapOf(r.Conn)
	}
	return ev
}

// Next is the index the next event will have: record a call's event, make
// the call, then name its row with Ruled (the events the call causes come
// after it).
func (r *Recorder) Next() int { return len(r.Trace.Events) }

// Ruled names row as the rule behind event i; a nil row leaves it as is.
func (r *Recorder) Ruled(i int, row *fsm.Row) {
	if row != nil {
		r.Trace.Events[i].Row = int16(row.ID)
	}
}

// User records a user call and returns its index for Ruled.
func (r *Recorder) User(op Op, n uint32) int {
	i := r.Next()
	ev := r.Add(KUser)
	ev.Op, ev.N = op, n
	return i
}

// TimerEvent records what happened to a timer.
func (r *Recorder) TimerEvent(t fsm.Timer, what TimerEv, d time.Duration) *Event {
	ev := r.Add(KTimer)
	ev.Timer, ev.TimerEv, ev.Dur = t, what, d
	return ev
}

// Changed implements fsm.Env: the one record of every state change.
func (r *Recorder) Changed(from, to fsm.State, row *fsm.Row) {
	i := r.Next()
	ev := r.Add(KState)
	ev.From, ev.To = from, to
	r.Ruled(i, row)
}

// Signal implements fsm.Env. The peer's FIN reaching the application is
// data (end of data); the errors are also kept in Trace.Errors.
func (r *Recorder) Signal(sig fsm.Signal, row *fsm.Row) {
	i := r.Next()
	ev := r.Add(KError)
	ev.Sig = sig
	switch sig {
	case fsm.SigClosing:
		ev.Kind, ev.EOF = KData, true
	case fsm.SigReset, fsm.SigRefused, fsm.SigTimedOut:
		r.Trace.Errors[r.Side] = append(r.Trace.Errors[r.Side], sig)
	}
	r.Ruled(i, row)
}

// Deliver implements fsm.Env. Data is handed up by the in-order row of
// §3.10.7's seventh step, which the event names.
func (r *Recorder) Deliver(_ []byte, n uint32) {
	i := r.Next()
	r.Add(KData).N = n
	r.Ruled(i, fsm.Lookup(r.Conn.State(), fsm.EvText, fsm.InOrder))
}

// Quiet is an fsm.Env that records nothing: for a trial run or a set-up
// the trace must not see.
type Quiet struct{ ISN fsm.Seq }

func (q Quiet) ISS() fsm.Seq                               { return q.ISN }
func (Quiet) Output(fsm.Segment, fsm.SendReason, *fsm.Row) {}
func (Quiet) Changed(fsm.State, fsm.State, *fsm.Row)       {}
func (Quiet) Signal(fsm.Signal, *fsm.Row)                  {}
func (Quiet) Deliver([]byte, uint32)                       {}
func (Quiet) Timer(fsm.Timer, fsm.TimerOp)                 {}
func (Quiet) Acked(fsm.Seq, fsm.Seq)                       {}
