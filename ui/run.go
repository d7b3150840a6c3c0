package ui

import (
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/trace"
)

// run is what the lab shows. There are two kinds: a simulated scenario,
// which the lab runs and every interference forks, and a recorded trace
// (a replayed capture), which shows what really happened and cannot be
// changed.
type run struct {
	name, title, profile string
	sc                   *scenarios.Scenario // simulated: the scenario
	rec                  *trace.Trace        // recorded: the trace
}

func simulated(sc *scenarios.Scenario) run {
	return run{name: sc.Name, title: sc.Title, profile: sc.Profile, sc: sc}
}

func recorded(name, title string, tr *trace.Trace) run {
	return run{name: name, title: title, profile: "capture", rec: tr}
}

// canChange reports whether interference (drop, what-if, close, abort,
// send, link) can work: only a simulation can be run again differently.
func (r *run) canChange() bool { return r.sc != nil }
