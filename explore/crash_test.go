package explore

import (
	"context"
	"fmt"
	"testing"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// The fault-free handshake has five instants (0, 50, 100, 150, 200 ms)
// and at each both ends are open (LISTEN or synchronizing or
// ESTABLISHED): --drops 0 --crash runs it once plus once per end per
// instant.
func TestCrashHandshakeByHand(t *testing.T) {
	cfg := load(t, "handshake")
	tr := sim.Run(cfg)
	instants := map[int64]bool{}
	for i := range tr.Events {
		instants[int64(tr.Events[i].T)] = true
	}
	if len(instants) != 5 {
		t.Fatalf("fault-free handshake has %d instants, expected 5", len(instants))
	}
	rep := Explore(context.Background(), cfg, Options{Crash: true})
	if rep.Runs != 11 || rep.Crashed != 10 || len(rep.Violations) != 0 {
		t.Fatalf("runs %d crashed %d violations %d; expected 11, 10, 0", rep.Runs, rep.Crashed, len(rep.Violations))
	}
	half := false
	for _, c := range rep.Classes {
		half = half || c.Outcome.HalfOpen
	}
	if !half {
		t.Error("no crash left a half-open connection, though crashing B once ESTABLISHED does")
	}
}

// bruteCrash runs every set of up to k lost transmissions below maxID,
// with no crash and with each crash point of its run, from scratch, and
// keeps the sets the run realizes.
func bruteCrash(cfg *sim.Config, k int, maxID int32) map[string]result {
	out := map[string]result{}
	var r sim.Runner
	var rec func(drops []int32, from int32)
	rec = func(drops []int32, from int32) {
		c := withFaults(cfg, drops)
		tr := r.Run(&c)
		pts := crashPoints(tr, 0, cfg.Until, nil)
		res := result{drops: append([]int32(nil), drops...)}
		analyse(cfg, tr, &r, &res)
		if len(drops) == 0 || pickID(drops[len(drops)-1]) < res.trans {
			out[key(drops)] = res
		}
		for _, p := range pts {
			c := withPattern(cfg, drops, p)
			res := result{drops: append([]int32(nil), drops...), crash: p}
			analyse(cfg, r.Run(&c), &r, &res)
			if len(drops) == 0 || pickID(drops[len(drops)-1]) < res.trans {
				out[fmt.Sprintf("%s/%d%s", key(drops), p.At, p.Side)] = res
			}
		}
		if len(drops) < k {
			for id := from; id < maxID; id++ {
				rec(append(drops[:len(drops):len(drops)], mkPick(id, kindDrop)), id+1)
			}
		}
	}
	rec(nil, 0)
	return out
}

// With a crash and a loss, explore runs exactly the sets a brute-force
// enumeration finds, each class's example is its smallest run, and the
// forking explorer agrees with the one that reruns every pattern.
func TestCrashCompleteAndMinimal(t *testing.T) {
	for _, name := range []string{"handshake", "normal-close"} {
		t.Run(name, func(t *testing.T) {
			cfg := load(t, name)
			opt := Options{Drops: 1, Crash: true}
			rep := Explore(context.Background(), cfg, opt)
			all := bruteCrash(cfg, 1, rep.MaxTrans+2)
			if rep.Runs != len(all) {
				t.Fatalf("explore counted %d runs, brute force %d", rep.Runs, len(all))
			}
			for _, c := range rep.Classes {
				for _, res := range all {
					ex := Example{Faults: res.drops, Crash: res.crash}
					if res.outcome == c.Outcome && exampleOrder(ex, c.Example) < 0 {
						t.Errorf("class %s: example %v %+v, but %v %+v is smaller", c.Outcome, c.Example.Faults, c.Example.Crash, ex.Faults, ex.Crash)
					}
				}
			}
			opt.Limit = 1 << 30
			if a, b := report(t, cfg, Options{Drops: 1, Crash: true}), report(t, cfg, opt); a != b {
				t.Fatalf("forking and rerunning disagree:\n%s\n---\n%s", a, b)
			}
		})
	}
}

// A crash example written as a scenario file runs as the example did.
func TestCrashScenarioYAML(t *testing.T) {
	sc, err := scenarios.Lookup("normal-close")
	if err != nil {
		t.Fatal(err)
	}
	rep := Explore(context.Background(), sc.Config, Options{Drops: 1, Crash: true})
	crashes := 0
	for i, ex := range rep.Examples() {
		if !ex.Crash.Set() {
			continue
		}
		crashes++
		src, err := ScenarioYAML(sc.Source, sc.Config, ex, "test")
		if err != nil {
			t.Fatal(err)
		}
		got, err := scenarios.Load("ex.yaml", src)
		if err != nil {
			t.Fatalf("example %d: %v\n%s", i+1, err, src)
		}
		a, b := sim.Run(got.Config), sim.Run(ptr(withPattern(sc.Config, ex.Faults, ex.Crash)))
		if a.Final != b.Final || len(a.Events) != len(b.Events) || a.End != b.End {
			t.Errorf("example %d: the scenario file ends %v at %s, the example %v at %s\n%s", i+1, a.Final, a.End, b.Final, b.End, src)
		}
	}
	if crashes == 0 {
		t.Fatal("no example crashes an end")
	}
}

// A crash of a CLOSED end changes nothing, so it is not a crash point.
func TestCrashPointsSkipClosed(t *testing.T) {
	tr := sim.Run(load(t, "normal-close"))
	var state [2]fsm.State
	pts := crashPoints(tr, 0, 0, nil)
	for i := range tr.Events {
		ev := &tr.Events[i]
		if ev.Kind == trace.KState {
			state[ev.Side] = ev.To
		}
		for _, p := range pts {
			if p.At == ev.T+1 && state[p.Side] == fsm.Closed && (i+1 == len(tr.Events) || tr.Events[i+1].T != ev.T) {
				t.Errorf("crash point %+v on a CLOSED end", p)
			}
		}
	}
	if len(pts) == 0 {
		t.Fatal("no crash point in normal-close")
	}
}

// ExploreAll: one line per scenario, the union of the rows, and a
// violation in any scenario is a violation of the whole.
func TestExploreAll(t *testing.T) {
	names := []string{"handshake", "normal-close"}
	cfgs := []*sim.Config{load(t, "handshake"), load(t, "normal-close")}
	lib := ExploreAll(context.Background(), names, cfgs, Options{Drops: 1})
	if lib.Violated() || len(lib.Entries) != 2 || lib.Entries[0].Rep.Runs != 6 {
		t.Fatalf("violated %v entries %d", lib.Violated(), len(lib.Entries))
	}
	rows := lib.Rows()
	for _, e := range lib.Entries {
		for i, f := range e.Rep.Rows {
			if f && !rows[i] {
				t.Errorf("%s fired %s, missing from the union", e.Name, fsm.Table[i].Name())
			}
		}
	}
	lib = ExploreAll(context.Background(), names, cfgs, Options{Crash: true})
	if !lib.Violated() || len(lib.Entries[0].Rep.Violations) != 0 {
		t.Fatal("normal-close with a crash (no FIN-WAIT-2 timer in rfc9293) should violate, handshake not")
	}
}
