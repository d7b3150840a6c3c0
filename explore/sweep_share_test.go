package explore

import (
	"bytes"
	"context"
	"slices"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// Every seed a shared tree answers is the run it would have made: same
// outcome, end, retransmissions and transmissions, seed by seed; and the
// tree answers many seeds at 5% loss (else this proves nothing).
func TestSharedRunIsTheRun(t *testing.T) {
	for _, name := range []string{"normal-close", "data-with-loss", "lost-final-ack"} {
		cfg := withLoss(load(t, name), 0.05)
		cfg.AtoB.Duplicate, cfg.BtoA.Reorder = 0.02, 0.02
		cfg.Record = sim.RecordOutcome
		var r, direct sim.Runner
		sh := newSharing(&cfg, &r, true)
		hits := 0
		const runs = 2000
		for i := range runs {
			cfg.Seed = uint64(i)
			var want result
			tr := direct.Run(&cfg)
			analyseSweep(&cfg, tr, &direct, &want)
			if m := sh.find(cfg.Seed); m != nil {
				hits++
				got := memo{outcome: want.outcome, end: tr.End, retx: want.retx, segs: int(want.trans)}
				if *m != got {
					t.Fatalf("%s seed %d: shared run %+v, the run itself %+v", name, i, *m, got)
				}
				continue
			}
			tr = r.Run(&cfg)
			var res result
			analyseSweep(&cfg, tr, &r, &res)
			sh.add(&r, &res, tr.End)
		}
		if hits < runs/4 {
			t.Fatalf("%s: the tree answered %d of %d seeds", name, hits, runs)
		}
		t.Logf("%s: %d of %d seeds answered by %d recorded runs", name, hits, runs, len(sh.memo))
	}
}

// A run that reads its seed for a keyed ISN (RFC 6528) is not its draws
// alone: nothing is shared, and the report is still right.
func TestKeyedISNNotShared(t *testing.T) {
	cfg := withLoss(load(t, "normal-close"), 0.05)
	cfg.A.KeyedISN, cfg.B.KeyedISN = true, true
	var r sim.Runner
	sh := newSharing(&cfg, &r, true)
	for i := range 50 {
		cfg.Seed = uint64(i)
		var res result
		tr := r.Run(&cfg)
		analyseSweep(&cfg, tr, &r, &res)
		sh.add(&r, &res, tr.End)
	}
	if len(sh.memo) != 0 {
		t.Fatalf("%d runs with a keyed ISN were shared", len(sh.memo))
	}
}

// Sharing changes no report: every bundled scenario, with loss alone,
// with duplication and reordering too, and with jitter (no tree).
func TestSweepReportSameShared(t *testing.T) {
	links := []func(c *sim.Config){
		func(c *sim.Config) {},
		func(c *sim.Config) { c.AtoB.Duplicate, c.BtoA.Reorder = 0.05, 0.05 },
		func(c *sim.Config) { c.AtoB.Jitter = time.Millisecond },
		func(c *sim.Config) { // the link changes midway: other questions, no tree
			worse := &[2]sim.LinkConfig{{Delay: c.AtoB.Delay, Loss: 0.4, Duplicate: 0.1}, {Delay: c.BtoA.Delay, Loss: 0.4}}
			c.Timeline = append(slices.Clone(c.Timeline), sim.Action{At: 15 * time.Millisecond, Side: trace.A, Op: trace.OpLink, Link: worse})
		},
	}
	for _, sc := range scenarios.Bundled() {
		for k, link := range links {
			cfg := *sc.Config
			link(&cfg)
			write := func(noShare bool) string {
				rep := Sweep(context.Background(), &cfg, SweepOptions{Runs: 200, Loss: []float64{0.05, 0.3}, Workers: 2, NoShare: noShare})
				var b bytes.Buffer
				if err := rep.WriteJSON(&b, sc.Name); err != nil {
					t.Fatal(err)
				}
				if err := rep.WriteTable(&b, sc.Name, msg.English()); err != nil {
					t.Fatal(err)
				}
				return b.String()
			}
			if plain, shared := write(true), write(false); plain != shared {
				t.Fatalf("%s (link %d): the shared sweep's report differs:\n%s\nevery seed run:\n%s", sc.Name, k, shared, plain)
			}
		}
	}
}
