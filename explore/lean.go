package explore

import (
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// sweepRecord is what a sweep's runs keep: a sweep reads only outcomes,
// retransmissions, transmissions and end times, so its runs keep no
// events (sim.RecordOutcome). Tests set it to sim.RecordAll to check
// that the report is the same.
var sweepRecord = sim.RecordOutcome

// outcomeOf is the outcome class of a finished run, from its final
// states, errors and the bytes each side sent and got.
func outcomeOf(tr *trace.Trace, sent, got [2]uint64) Outcome {
	o := Outcome{Final: tr.Final}
	o.Intact = got[0] == sent[1] && got[1] == sent[0]
	for s := range 2 {
		o.Errors[s] = errNames(tr.Errors[s])
	}
	o.HalfOpen = halfOpen(tr.Final[0], tr.Final[1]) || halfOpen(tr.Final[1], tr.Final[0])
	return o
}

// analyseSweep fills what a sweep reads of res: from the run's counts in
// outcome mode, from its trace otherwise.
func analyseSweep(cfg *sim.Config, tr *trace.Trace, r *sim.Runner, res *result) {
	if cfg.Record != sim.RecordOutcome {
		analyse(cfg, tr, r, res)
		return
	}
	c := r.Counts()
	res.retx, res.end, res.trans = c.Retx, tr.End, r.Transmissions()
	res.outcome = outcomeOf(tr, c.Sent, c.Got)
}

// exploreRecord is what explore's runs keep: each step's events, read by
// the run's analyser as they are folded (sim.RecordSteps), and no trace.
// Tests set it to sim.RecordAll to check that the report is the same.
var exploreRecord = sim.RecordSteps

// leanExplore says whether explore's runs of cfg keep no trace. A memory
// limit set by the scenario counts the trace's memory, which a run that
// keeps none never reaches: such a run keeps its trace, so that it stops
// where it stops with one.
func leanExplore(cfg *sim.Config) bool {
	return exploreRecord == sim.RecordSteps && cfg.Limits.Memory == 0
}
