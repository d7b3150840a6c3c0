package explore

import (
	"reflect"
	"slices"
	"testing"

	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
)

// A run resumed from a fork is event for event the run from the start:
// every bundled scenario, every transmission lost in turn.
func TestForkMatchesRunFromStart(t *testing.T) {
	for _, sc := range scenarios.Bundled() {
		t.Run(sc.Name, func(t *testing.T) {
			var s, child sim.Sim
			s.Reset(sc.Config)
			forks := 0
			s.RunForking(0, func(lo, hi int32, fork sim.Fork) {
				for id := lo; id < hi; id++ {
					c := withFaults(sc.Config, []int32{mkPick(id, kindDrop)})
					fork(&child, &c)
					child.Run()
					want := sim.Run(&c)
					got := child.Trace()
					if !reflect.DeepEqual(got.Events, want.Events) || got.Final != want.Final || got.End != want.End || !slices.Equal(got.Errors[0], want.Errors[0]) || !slices.Equal(got.Errors[1], want.Errors[1]) {
						t.Fatalf("losing #%d: the forked run differs from the run from the start (%d events against %d)", id+1, len(got.Events), len(want.Events))
					}
					forks++
				}
			})
			if want := sim.Run(sc.Config); !reflect.DeepEqual(s.Trace().Events, want.Events) {
				t.Fatal("forking changed the parent run")
			}
			if forks != int(s.Transmissions()) {
				t.Fatalf("%d forks for %d transmissions", forks, s.Transmissions())
			}
		})
	}
}

// The forking explorer and the level-by-level one (which reruns every
// pattern from the start) write the same report.
func TestForkingAgreesWithRerunning(t *testing.T) {
	for _, tc := range []struct {
		name string
		k    int
	}{{"data-with-loss", 2}, {"time-wait-new-syn", 2}, {"simultaneous-open", 3}, {"half-close", 2}, {"lost-final-ack", 3}} {
		cfg := load(t, tc.name)
		a := report(t, cfg, Options{Drops: tc.k})
		b := report(t, cfg, Options{Drops: tc.k, Limit: 1 << 30})
		if a != b {
			t.Errorf("%s --drops %d: the reports differ:\n%s\n---\n%s", tc.name, tc.k, a, b)
		}
	}
}
