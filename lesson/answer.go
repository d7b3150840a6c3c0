package lesson

import (
	"time"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/trace"
)

// Option is one answer the lab offers, by number. Which fields are set
// depends on the question's kind.
type Option struct {
	Flags fsm.Flags  // sends
	State fsm.State  // state, next
	Side  trace.Side // timer
	Timer fsm.Timer  // timer
	Text  Text       // choose
}

// FlagOptions are the segments a sends question offers. PSH is the
// sender's choice, so it is left out and ignored when grading.
var FlagOptions = []fsm.Flags{fsm.SYN, fsm.SYN | fsm.ACK, fsm.ACK, fsm.FIN | fsm.ACK, fsm.RST, fsm.RST | fsm.ACK, fsm.FIN}

// Answer is a question's answer, read from the trace.
type Answer struct {
	Options []Option
	Right   int // index in Options
	Event   int // the event that is the answer (the send, the state change, the firing); -1 for choose
	// sends with numbers
	Seq, Ack uint32
	HasAck   bool // the segment carries ACK, so ack is asked
	// timer
	At time.Duration // when it fires
	In time.Duration // how long after the moment
}

// Answer reads the answer to q when the lab has revealed events up to
// shown. ok is false when the run does not answer it (nothing sent,
// no state entered, no timer fires, no choice or more than one holds, or
// the answer is not among the options): tcpsim check reports that.
func (q *Question) Answer(tr *trace.Trace, shown int) (a *Answer, ok bool) {
	a = &Answer{Right: -1, Event: -1}
	switch q.Kind {
	case AskSends:
		a.sends(q, tr, shown)
	case AskState, AskNext:
		a.state(q, tr, shown)
	case AskTimer:
		a.timer(q, tr, shown)
	case AskChoose:
		a.choose(q, tr)
	}
	return a, a.Right >= 0
}

func (a *Answer) sends(q *Question, tr *trace.Trace, shown int) {
	for _, f := range FlagOptions {
		a.Options = append(a.Options, Option{Flags: f})
	}
	for i := shown + 1; i < len(tr.Events); i++ {
		ev := &tr.Events[i]
		if ev.Kind != trace.KSend || ev.Injected || ev.Side != q.Side {
			continue
		}
		a.Event = i
		for k, f := range FlagOptions {
			if ev.Seg.Flags&^fsm.PSH == f {
				a.Right = k
			}
		}
		a.Seq, a.Ack, a.HasAck = uint32(ev.Seg.Seq), uint32(ev.Seg.Ack), ev.Seg.Flags&fsm.ACK != 0
		if q.Numbers == NumbersRelative {
			// Relative to the sender's ISS and IRS, as Wireshark shows them.
			a.Seq, a.Ack = uint32(ev.Seg.Seq.Sub(ev.TCB.ISS)), uint32(ev.Seg.Ack.Sub(ev.TCB.IRS))
		}
		return
	}
}

func (a *Answer) state(q *Question, tr *trace.Trace, shown int) {
	opts := q.Options
	if opts == nil {
		for s := fsm.Closed; s < fsm.NumStates; s++ {
			opts = append(opts, s)
		}
	}
	for _, s := range opts {
		a.Options = append(a.Options, Option{State: s})
	}
	want, found := fsm.Closed, false
	if q.Kind == AskState {
		want, found = tr.Index().StateAfter(shown, q.Side), true
		for i := shown; i >= 0; i-- { // the change that entered it, for its rule
			if ev := &tr.Events[i]; ev.Kind == trace.KState && ev.Side == q.Side {
				a.Event = i
				break
			}
		}
	} else {
		for i := shown + 1; i < len(tr.Events); i++ {
			if ev := &tr.Events[i]; ev.Kind == trace.KState && ev.Side == q.Side {
				want, found, a.Event = ev.To, true, i
				break
			}
		}
	}
	for k, s := range opts {
		if found && s == want {
			a.Right = k
		}
	}
}

// timer offers the timers running at the moment (and the one that fires
// next, should it start later) and finds the first to fire.
func (a *Answer) timer(q *Question, tr *trace.Trace, shown int) {
	var running []Option
	for i := 0; i <= shown && i < len(tr.Events); i++ {
		ev := &tr.Events[i]
		if ev.Kind != trace.KTimer {
			continue
		}
		o := Option{Side: ev.Side, Timer: ev.Timer}
		running = removeOption(running, o)
		if ev.TimerEv == trace.TimerArmed {
			running = append(running, o)
		}
	}
	for i := shown + 1; i < len(tr.Events); i++ {
		ev := &tr.Events[i]
		if ev.Kind == trace.KTimer && ev.TimerEv == trace.TimerFired && (q.AnySide || ev.Side == q.Side) {
			o := Option{Side: ev.Side, Timer: ev.Timer}
			if len(removeOption(running, o)) == len(running) {
				running = append(running, o) // started after the moment
			}
			a.Event, a.At = i, ev.T
			if shown >= 0 {
				a.In = ev.T - tr.Events[shown].T
			} else {
				a.In = ev.T
			}
			break
		}
	}
	for _, o := range running {
		if q.AnySide || o.Side == q.Side {
			a.Options = append(a.Options, o)
		}
	}
	if a.Event >= 0 {
		ev := &tr.Events[a.Event]
		for k, o := range a.Options {
			if o.Side == ev.Side && o.Timer == ev.Timer {
				a.Right = k
			}
		}
	}
}

func removeOption(list []Option, o Option) []Option {
	out := list[:0:0]
	for _, x := range list {
		if x.Side != o.Side || x.Timer != o.Timer {
			out = append(out, x)
		}
	}
	return out
}

// choose finds the one choice whose fact holds.
func (a *Answer) choose(q *Question, tr *trace.Trace) {
	holds := 0
	for k := range q.Choices {
		c := &q.Choices[k]
		a.Options = append(a.Options, Option{Text: c.Text})
		if c.Fact != nil && scenarios.Holds(c.Fact, tr) {
			a.Right = k
			holds++
		}
	}
	if holds > 1 {
		a.Right = -1
	}
}

// Grade reports whether a reply is right: the option chosen and, for a
// sends question with numbers, seq and ack (ack only when the segment
// carries ACK).
func (a *Answer) Grade(q *Question, choice int, seq, ack uint32) bool {
	if choice != a.Right {
		return false
	}
	if q.Kind != AskSends || q.Numbers == NumbersNone {
		return true
	}
	return seq == a.Seq && (!a.HasAck || ack == a.Ack)
}
