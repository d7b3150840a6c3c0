package explore

import (
	"bytes"
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/tcpsim/tcpsim/msg"
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

// The forking explorer and the level-by-level one (which forks each run
// from its parent's) write the same report as every pattern run from the
// start (the brute-force enumerations) and folded.
func TestForkingAgreesWithRerunning(t *testing.T) {
	for _, tc := range []struct {
		name string
		opt  Options
	}{
		{"data-with-loss", Options{Drops: 2}}, {"time-wait-new-syn", Options{Drops: 2}},
		{"simultaneous-open", Options{Drops: 3}}, {"half-close", Options{Drops: 2}},
		{"lost-final-ack", Options{Drops: 3}}, {"normal-close", Options{Drops: 2, Crash: true}},
		{"handshake", Options{Drops: 1, Dups: 1, Reorders: 1}},
	} {
		cfg := load(t, tc.name)
		a := report(t, cfg, tc.opt)
		levels := tc.opt
		levels.Limit = 1 << 30
		b := report(t, cfg, levels)
		rep := Explore(context.Background(), cfg, tc.opt)
		var all map[string]result
		if tc.opt.Crash {
			all = bruteCrash(cfg, tc.opt.Drops, rep.MaxTrans+2)
		} else {
			all = bruteOpt(cfg, tc.opt, rep.MaxTrans+2)
		}
		scratch := newReport(tc.opt)
		for _, res := range all {
			scratch.add(&res)
		}
		var c bytes.Buffer
		if err := scratch.Write(&c, "x", cfg, msg.English()); err != nil {
			t.Fatal(err)
		}
		if a != b || a != c.String() {
			t.Errorf("%s %+v: the reports differ:\n%s\n---levels\n%s\n---from the start\n%s", tc.name, tc.opt, a, b, c.String())
		}
	}
}
