package sim

import (
	"time"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/trace"
)

// Record says what a run keeps of its trace.
type Record uint8

const (
	// RecordAll keeps every event with the TCB after it: what the lab,
	// pcap export and explore's examples read.
	RecordAll Record = iota
	// RecordOutcome keeps only Counts, Final, Errors and End: a sweep of
	// many seeds reads no more. Events are still made (the engine names
	// rules through them) but without a TCB snapshot, counted after each
	// step and then forgotten, so the trace never grows. RunFor counts
	// kept events: use RecordAll with it.
	RecordOutcome
	// RecordSteps keeps what RecordOutcome keeps, but its events carry
	// the TCB after them, and an observer (Sim.Observe) sees each step's
	// events before they are forgotten: for a caller that checks every
	// event of many runs (explore) but reads no trace afterwards. Forks
	// carry the counts; the caller carries what its observer learnt.
	RecordSteps
)

// Counts is what an outcome-only run keeps of its events.
type Counts struct {
	Events int       // events recorded
	Sent   [2]uint64 // bytes each application passed to SEND
	Got    [2]uint64 // bytes handed up to each application
	Retx   int       // retransmissions on a timeout (ReasonRetransmit)
}

// Add counts one event.
func (c *Counts) Add(ev *trace.Event) {
	c.Events++
	switch ev.Kind {
	case trace.KUser:
		if ev.Op == trace.OpSend {
			c.Sent[ev.Side] += uint64(ev.N)
		}
	case trace.KData:
		c.Got[ev.Side] += uint64(ev.N)
	case trace.KSend:
		if ev.Reason == fsm.ReasonRetransmit {
			c.Retx++
		}
	}
}

// CountsOf counts a whole trace: what RecordOutcome keeps of the same run.
func CountsOf(tr *trace.Trace) Counts {
	var c Counts
	for i := range tr.Events {
		c.Add(&tr.Events[i])
	}
	return c
}

// lean: events carry no TCB snapshot (endpoint.go).
func (s *Sim) lean() bool { return s.cfg.Record == RecordOutcome }

// folds: events are counted and forgotten after each step.
func (s *Sim) folds() bool { return s.cfg.Record != RecordAll }

// Observe makes see read each step's events before a folding run
// (RecordOutcome, RecordSteps) forgets them; nil: nobody. Reset and a
// fork clear it: set it after them.
func (s *Sim) Observe(see func(evs []trace.Event)) { s.budget.see = see }

// fold counts the events of the steps since the last fold and forgets
// them; the budget has classified them already.
func (s *Sim) fold() {
	evs := s.trace.Events
	if len(evs) == 0 {
		return
	}
	if s.budget.see != nil {
		s.budget.see(evs)
	}
	for i := range evs {
		s.counts.Add(&evs[i])
	}
	s.lastT = evs[len(evs)-1].T
	s.trace.Events = evs[:0]
	s.budget.seen = 0
}

// recorded is the number of events the run has recorded, forgotten ones
// included.
func (s *Sim) recorded() int { return s.counts.Events + len(s.trace.Events) }

// endTrace closes the trace at the end of Run: End is the time of the
// last event, kept or forgotten.
func (s *Sim) endTrace() {
	if s.folds() {
		s.fold()
	}
	s.trace.End = s.lastEvent()
}

// lastEvent is the time of the last event recorded, kept or folded.
func (s *Sim) lastEvent() time.Duration {
	if n := len(s.trace.Events); n > 0 {
		return s.trace.Events[n-1].T
	}
	return s.lastT
}

// Counts is what the last run counted; with RecordAll, CountsOf its trace.
func (s *Sim) Counts() Counts {
	if s.folds() {
		return s.counts
	}
	return CountsOf(&s.trace)
}

// Counts is what the last run counted (see Sim.Counts).
func (r *Runner) Counts() Counts { return r.s.Counts() }
