package explore

import (
	"bytes"
	"context"
	"testing"

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
