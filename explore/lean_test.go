package explore

import (
	"bytes"
	"context"
	"testing"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
)

// Every bundled scenario, several seeds, a lossy link too: what a sweep
// reads of an outcome-only run is what it reads of the full trace.
func TestOutcomeModeMatchesFullTrace(t *testing.T) {
	var full, lean sim.Runner
	var want, got result
	n := 0
	for _, sc := range scenarios.Bundled() {
		for _, loss := range []float64{-1, 0.15} {
			c := *sc.Config
			if loss >= 0 {
				c.AtoB.Loss, c.BtoA.Loss = loss, loss
			}
			for i := range uint64(4) {
				c.Seed = sc.Config.Seed + i
				c.Record = sim.RecordAll
				analyseSweep(&c, full.Run(&c), &full, &want)
				c.Record = sim.RecordOutcome
				analyseSweep(&c, lean.Run(&c), &lean, &got)
				if got.outcome != want.outcome || got.retx != want.retx || got.trans != want.trans || got.end != want.end {
					t.Fatalf("%s loss %g seed %d: outcome mode %v retx %d trans %d end %s; full trace %v retx %d trans %d end %s",
						sc.Name, loss, c.Seed, got.outcome, got.retx, got.trans, got.end, want.outcome, want.retx, want.trans, want.end)
				}
				n++
			}
		}
	}
	if n < 100 {
		t.Fatalf("only %d runs compared", n)
	}
}

// A sweep of every bundled scenario writes the same bytes whether its
// runs keep traces or not.
func TestSweepReportSameInOutcomeMode(t *testing.T) {
	defer func(r sim.Record) { sweepRecord = r }(sweepRecord)
	for _, sc := range scenarios.Bundled() {
		name := sc.Name
		write := func(rec sim.Record) string {
			sweepRecord = rec
			rep := Sweep(context.Background(), sc.Config, SweepOptions{Runs: 30, Loss: []float64{0, 0.3}, Workers: 2})
			var b bytes.Buffer
			if err := rep.WriteJSON(&b, name); err != nil {
				t.Fatal(err)
			}
			if err := rep.WriteCSV(&b); err != nil {
				t.Fatal(err)
			}
			if err := rep.WriteTable(&b, name, msg.English()); err != nil {
				t.Fatal(err)
			}
			return b.String()
		}
		if full, lean := write(sim.RecordAll), write(sim.RecordOutcome); full != lean {
			t.Fatalf("%s: the outcome-mode sweep report differs:\n%s\nfull:\n%s", name, lean, full)
		}
	}
}

// Explore writes the same report whether its runs keep their traces or
// only hand each step's events to their analysers (sim.RecordSteps):
// every bundled scenario at --drops 1, a few with more faults or a crash,
// depth first and level by level, and with a broken table row whose
// violations the checks must word alike.
func TestExploreReportSameInOutcomeMode(t *testing.T) {
	defer func(r sim.Record) { exploreRecord = r }(exploreRecord)
	same := func(name string, cfg *sim.Config, opt Options) {
		t.Helper()
		exploreRecord = sim.RecordSteps
		if !leanExplore(cfg) {
			t.Fatalf("%s: explore would keep traces", name)
		}
		lean := report(t, cfg, opt)
		exploreRecord = sim.RecordAll
		if full := report(t, cfg, opt); lean != full {
			t.Fatalf("%s %+v: the outcome-mode report differs:\n%s\n---full traces\n%s", name, opt, lean, full)
		}
	}
	n := 0
	for _, sc := range scenarios.Bundled() {
		same(sc.Name, sc.Config, Options{Drops: 1})
		n++
	}
	if n < 30 {
		t.Fatalf("only %d scenarios", n)
	}
	for _, tc := range []struct {
		name string
		opt  Options
	}{
		{"data-with-loss", Options{Drops: 2}}, {"lost-final-ack", Options{Drops: 3}},
		{"normal-close", Options{Drops: 2, Crash: true}}, {"handshake", Options{Drops: 2, Crash: true}},
		{"data-with-loss", Options{Drops: 1, Dups: 1, Reorders: 1}}, {"half-close", Options{Drops: 1, Reorders: 2}},
		{"simultaneous-open", Options{Dups: 2, Crash: true}},
	} {
		same(tc.name, load(t, tc.name), tc.opt)
		tc.opt.Limit = 1 << 30 // level by level
		same(tc.name+" levels", load(t, tc.name), tc.opt)
		tc.opt.Limit = 40 // cut
		same(tc.name+" cut", load(t, tc.name), tc.opt)
	}
	// runs stopped by the events limit: the limit counts folded events too
	short := *load(t, "data-with-loss")
	short.Limits.Events = 40
	same("data-with-loss, 40 events", &short, Options{Drops: 2, Crash: true})
	exploreRecord = sim.RecordSteps
	if rep := Explore(context.Background(), &short, Options{Drops: 1}); len(rep.Violations) == 0 || rep.Violations[0].Key != "limit" {
		t.Fatal("a 40-event limit stopped no run of data-with-loss")
	}
	short.Limits.Memory = 1 << 30
	if leanExplore(&short) {
		t.Fatal("a scenario with a memory limit explored without traces")
	}
	breakRow(t, fsm.EvRTO, func(r *fsm.Row) { r.Do = nil })
	for _, opt := range []Options{{Drops: 2}, {Drops: 1, Crash: true}, {Drops: 1, Limit: 1 << 30}} {
		same("normal-close, no retransmission", load(t, "normal-close"), opt)
		exploreRecord = sim.RecordSteps
		if rep := Explore(context.Background(), load(t, "normal-close"), opt); len(rep.Violations) == 0 {
			t.Fatalf("%+v: a table that never retransmits passed every invariant", opt)
		}
	}
}
