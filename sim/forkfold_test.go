package sim_test

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// seen collects what a folding run's observer is handed.
type seen struct{ evs []trace.Event }

func (o *seen) see(evs []trace.Event) { o.evs = append(o.evs, evs...) }

// A RecordSteps run keeps no events, but its observer sees every event of
// the full run, TCBs included; a run forked from it after a transmission
// or after an instant (a crash added) carries the counts, and the parent's
// events seen by the fork followed by the child's are the full run of the
// child's configuration: every bundled scenario, with drops forked and
// without (then no checkpoint is taken before each step: an instant's
// fork takes its own).
func TestRecordStepsForksSeeTheFullRun(t *testing.T) {
	for _, sc := range scenarios.Bundled() {
		for _, branching := range []bool{true, false} {
			t.Run(sc.Name, func(t *testing.T) { forksSeeTheFullRun(t, sc.Config, branching) })
		}
	}
}

func forksSeeTheFullRun(t *testing.T, sc *sim.Config, branching bool) {
	cfg := *sc
	cfg.Record = sim.RecordSteps
	var s, child sim.Sim
	var par seen
	s.Reset(&cfg)
	s.Observe(par.see)
	forks := 0
	check := func(fork sim.Fork, c *sim.Config, what string) {
		prefix := slices.Clone(par.evs) // what the parent had folded at the fork
		var kid seen
		fork(&child, c)
		child.Observe(kid.see)
		child.Run()
		full := *c
		full.Record = sim.RecordAll
		want := sim.Run(&full)
		got := append(prefix, kid.evs...)
		if !reflect.DeepEqual(got, want.Events) || child.Trace().Final != want.Final || child.Trace().End != want.End {
			t.Fatalf("%s: the forked run saw %d events, the run from the start has %d (or ends differ)", what, len(got), len(want.Events))
		}
		if g, w := child.Counts(), sim.CountsOf(want); g != w || len(child.Trace().Events) != 0 {
			t.Fatalf("%s: counts %+v, want %+v; %d events kept", what, g, w, len(child.Trace().Events))
		}
		forks++
	}
	branch := func(lo, hi int32, fork sim.Fork) {
		for id := lo; id < hi && id < 6; id++ {
			c := cfg
			c.Faults = append(slices.Clip(cfg.Faults), sim.Fault{Kind: sim.FaultDropID, ID: id})
			check(fork, &c, "drop")
		}
	}
	if !branching {
		branch = nil
	}
	s.RunForkingInstants(0, branch, func(at time.Duration, fork sim.Fork) {
		if forks < 12 {
			c := cfg
			c.Timeline = append(slices.Clip(cfg.Timeline), sim.Action{At: at + 1, Side: trace.B, Op: trace.OpCrash})
			check(fork, &c, "crash")
		}
	})
	full := *sc
	full.Record = sim.RecordAll
	if want := sim.Run(&full); !reflect.DeepEqual(par.evs, want.Events) || len(s.Trace().Events) != 0 || s.Trace().End != want.End {
		t.Fatal("the parent's observer did not see the full run, or the parent kept events")
	}
	if forks == 0 {
		t.Fatal("nothing forked")
	}
}
