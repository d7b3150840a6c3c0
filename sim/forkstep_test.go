package sim_test

import (
	"bytes"
	"slices"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// A crash added to a run forked after an instant is, byte for byte, the
// run from the start with that crash in its timeline: every bundled
// scenario, a few instants each (the first ones, then every fifth), both
// ends, crashed 1 ns after the instant as the explorer does.
func TestForkWithCrashMatchesRunFromStart(t *testing.T) {
	for _, sc := range scenarios.Bundled() {
		t.Run(sc.Name, func(t *testing.T) {
			var s, child sim.Sim
			s.Reset(sc.Config)
			n, tried := 0, 0
			s.RunForkingInstants(0, func(int32, int32, sim.Fork) {}, func(at time.Duration, fork sim.Fork) {
				if n++; n > 3 && n%5 != 0 {
					return
				}
				for side := trace.A; side <= trace.B; side++ {
					c := *sc.Config
					c.Timeline = append(slices.Clip(c.Timeline), sim.Action{At: at + 1, Side: side, Op: trace.OpCrash})
					fork(&child, &c)
					child.Run()
					got, want := jsonl(t, child.Trace()), jsonl(t, sim.Run(&c))
					if !bytes.Equal(got, want) {
						t.Fatalf("crash of %v at %v: the forked run differs from the run from the start\n%s\n---\n%s", side, at+1, got, want)
					}
					tried++
				}
			})
			if tried == 0 {
				t.Fatal("no instant reported")
			}
			if want := jsonl(t, sim.Run(sc.Config)); !bytes.Equal(jsonl(t, s.Trace()), want) {
				t.Fatal("forking changed the parent run")
			}
		})
	}
}

// jsonl is tr's events, final states, end and errors as bytes.
func jsonl(t *testing.T, tr *trace.Trace) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := trace.WriteJSONL(&b, tr); err != nil {
		t.Fatal(err)
	}
	b.WriteString(tr.Final[0].String() + " " + tr.Final[1].String() + " " + tr.End.String() + "\n")
	for _, errs := range tr.Errors {
		for _, e := range errs {
			b.WriteString(e.String() + "\n")
		}
	}
	return b.Bytes()
}
