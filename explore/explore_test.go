package explore

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

func load(t *testing.T, name string) *sim.Config {
	t.Helper()
	sc, err := scenarios.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	return sc.Config
}

// The handshake scenario without faults sends SYN, SYN,ACK, ACK, A's two
// bytes and B's ACK of them: with --drops 1, one run per transmission
// plus the fault-free run.
func TestHandshakeDrops1ByHand(t *testing.T) {
	cfg := load(t, "handshake")
	tr := sim.Run(cfg)
	sends := 0
	for i := range tr.Events {
		if tr.Events[i].Kind == trace.KSend {
			sends++
		}
	}
	if sends != 5 {
		t.Fatalf("fault-free handshake sent %d segments, expected 5 (SYN, SYN-ACK, ACK, data, ACK)", sends)
	}
	rep := Explore(context.Background(), cfg, Options{Drops: 1})
	if rep.Runs != 6 || !slices.Equal(rep.ByDrops, []int{1, 5}) {
		t.Fatalf("runs %d by drops %v, expected 6 = [1 5]", rep.Runs, rep.ByDrops)
	}
	if rep.Cut != 0 || rep.Cancelled {
		t.Fatalf("cut %d cancelled %v", rep.Cut, rep.Cancelled)
	}
}

// brute runs every set of up to k losses (and dups duplicates, one fault
// per transmission) below maxID from scratch and keeps those the run
// realizes (every fault is on a transmission that happened): an
// enumeration independent of explore's tree.
func brute(cfg *sim.Config, k int, maxID int32) map[string]result {
	return bruteOpt(cfg, Options{Drops: k}, maxID)
}

func bruteOpt(cfg *sim.Config, opt Options, maxID int32) map[string]result {
	out := map[string]result{}
	var r sim.Runner
	var rec func(drops []int32, from int32)
	rec = func(drops []int32, from int32) {
		c := withFaults(cfg, drops)
		tr := r.Run(&c)
		res := result{drops: slices.Clone(drops)}
		analyse(cfg, tr, &r, &res)
		if len(drops) > 0 && pickID(drops[len(drops)-1]) >= res.trans {
			return // not realized; a superset cannot be either
		}
		out[key(drops)] = res
		for id := from; id < maxID; id++ {
			for kind := range int32(numKinds) {
				if allowed(opt, drops, kind) {
					rec(append(slices.Clip(drops), mkPick(id, kind)), id+1)
				}
			}
		}
	}
	rec(nil, 0)
	return out
}

func key(d []int32) string {
	var b bytes.Buffer
	for _, id := range d {
		b.WriteByte(byte(id))
	}
	return b.String()
}

func TestCompleteAndMinimal(t *testing.T) {
	for _, tc := range []struct {
		name string
		k    int
	}{{"handshake", 2}, {"lost-final-ack", 2}, {"normal-close", 3}} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := load(t, tc.name)
			rep := Explore(context.Background(), cfg, Options{Drops: tc.k})
			all := brute(cfg, tc.k, rep.MaxTrans+2)
			if rep.Runs != len(all) {
				t.Fatalf("explore counted %d runs, brute force %d", rep.Runs, len(all))
			}
			total := 0
			for _, c := range rep.Classes {
				total += c.Runs
				for _, res := range all {
					if res.outcome == c.Outcome && smaller(res.drops, c.Example.Faults) {
						t.Errorf("class %s: example %v, but %v is smaller", c.Outcome, c.Example.Faults, res.drops)
					}
				}
				if got := all[key(c.Example.Faults)]; got.outcome != c.Outcome {
					t.Errorf("class %s: its example ends as %s", c.Outcome, got.outcome)
				}
			}
			if total != rep.Runs {
				t.Fatalf("classes hold %d runs of %d", total, rep.Runs)
			}
			if len(rep.Violations) > 0 {
				t.Fatalf("bundled scenario violates %s", rep.Violations[0].What)
			}
		})
	}
}

func report(t *testing.T, cfg *sim.Config, opt Options) string {
	var b bytes.Buffer
	if err := Explore(context.Background(), cfg, opt).Write(&b, "x", cfg, msg.English()); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestDeterministicAcrossCores(t *testing.T) {
	cfg := load(t, "data-with-loss")
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	one := report(t, cfg, Options{Drops: 2})
	runtime.GOMAXPROCS(2)
	two := report(t, cfg, Options{Drops: 2})
	eight := report(t, cfg, Options{Drops: 2, Workers: 8})
	if one != two || one != eight {
		t.Fatalf("reports differ with the core count:\n%s\n---\n%s", one, two)
	}
}

func TestLimitSaysWhatItCut(t *testing.T) {
	cfg := load(t, "handshake")
	rep := Explore(context.Background(), cfg, Options{Drops: 2, Limit: 10})
	full := Explore(context.Background(), cfg, Options{Drops: 2})
	if rep.Runs != 10 || rep.Cut != full.ByDrops[2]-4 {
		t.Fatalf("limit 10: runs %d cut %d, full run by drops %v", rep.Runs, rep.Cut, full.ByDrops)
	}
}

// breakRow changes a table row for one test: a deliberately broken rule.
func breakRow(t *testing.T, ev fsm.Event, change func(*fsm.Row)) {
	t.Helper()
	for i := range fsm.Table {
		if r := &fsm.Table[i]; r.On == ev && r.ID > 0 {
			saved := *r
			change(r)
			t.Cleanup(func() { fsm.Table[i] = saved })
			return
		}
	}
	t.Fatalf("no row for %v", ev)
}

// With retransmission broken (the RTO fires but resends nothing), a lost
// FIN leaves its sender stuck: the checker must say so, with a one-loss
// example that is the smallest.
func TestCatchesBrokenRetransmission(t *testing.T) {
	cfg := load(t, "normal-close")
	if rep := Explore(context.Background(), cfg, Options{Drops: 1}); len(rep.Violations) != 0 {
		t.Fatalf("intact table: %s", rep.Violations[0].What)
	}
	breakRow(t, fsm.EvRTO, func(r *fsm.Row) { r.Do = nil })
	rep := Explore(context.Background(), cfg, Options{Drops: 2})
	if len(rep.Violations) == 0 {
		t.Fatal("a table that never retransmits passed every invariant")
	}
	all := brute(cfg, 2, rep.MaxTrans+2)
	one := false
	for _, v := range rep.Violations {
		one = one || len(v.Example.Faults) == 1
		if len(v.Example.Faults) == 0 {
			t.Errorf("%s: the fault-free run never retransmits, yet it is the example", v.What)
		}
		for _, res := range all {
			for _, rv := range res.violations {
				if rv.key == v.Key && smaller(res.drops, v.Example.Faults) {
					t.Errorf("%s: example %v but %v is smaller", v.What, v.Example.Faults, res.drops)
				}
			}
		}
	}
	if !one {
		t.Error("no violation has a one-loss example, though one lost FIN is enough")
	}
}

func TestScenarioYAMLReproduces(t *testing.T) {
	sc, err := scenarios.Lookup("lost-final-ack")
	if err != nil {
		t.Fatal(err)
	}
	rep := Explore(context.Background(), sc.Config, Options{Drops: 2})
	for i, ex := range rep.Examples() {
		src, err := ScenarioYAML(sc.Source, sc.Config, ex, "test")
		if err != nil {
			t.Fatal(err)
		}
		got, err := scenarios.Load("ex.yaml", src)
		if err != nil {
			t.Fatalf("example %d: %v\n%s", i+1, err, src)
		}
		a, b := sim.Run(got.Config), sim.Run(ptr(withFaults(sc.Config, ex.Faults)))
		if a.Final != b.Final || len(a.Events) != len(b.Events) || a.End != b.End {
			t.Errorf("example %d: the scenario file ends %v at %s, the example %v at %s", i+1, a.Final, a.End, b.Final, b.End)
		}
	}
}

func ptr[T any](v T) *T { return &v }

func TestCancelledIsPartial(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rep := Explore(ctx, load(t, "handshake"), Options{Drops: 2})
	if !rep.Cancelled {
		t.Fatal("a cancelled exploration did not say so")
	}
}

// Duplicates: the handshake with --dups 1 has one run per transmission
// duplicated plus the fault-free one; with a loss as well, explore matches
// the brute-force enumeration, and a duplicate never delivers data twice.
func TestDups(t *testing.T) {
	cfg := load(t, "handshake")
	rep := Explore(context.Background(), cfg, Options{Dups: 1})
	if rep.Runs != 6 || len(rep.Violations) != 0 {
		t.Fatalf("--dups 1: %d runs, %d violations; expected 6 and none", rep.Runs, len(rep.Violations))
	}
	for _, name := range []string{"normal-close", "data-with-loss"} {
		cfg := load(t, name)
		rep := Explore(context.Background(), cfg, Options{Drops: 1, Dups: 1})
		all := bruteOpt(cfg, Options{Drops: 1, Dups: 1}, rep.MaxTrans+2)
		if rep.Runs != len(all) || len(rep.Violations) != 0 {
			t.Fatalf("%s: explore %d runs, brute force %d; violations %d", name, rep.Runs, len(all), len(rep.Violations))
		}
		if a, b := report(t, cfg, Options{Drops: 1, Dups: 1}), report(t, cfg, Options{Drops: 1, Dups: 1, Limit: 1 << 30}); a != b {
			t.Fatalf("%s: forking and rerunning disagree", name)
		}
	}
}

// Reordering: explore matches the brute-force enumeration, forking agrees
// with rerunning, and a reordered segment breaks no invariant.
func TestReorders(t *testing.T) {
	for _, name := range []string{"normal-close", "data-with-loss", "half-close"} {
		cfg := load(t, name)
		opt := Options{Drops: 1, Reorders: 1}
		rep := Explore(context.Background(), cfg, opt)
		all := bruteOpt(cfg, opt, rep.MaxTrans+2)
		if rep.Runs != len(all) || len(rep.Violations) != 0 {
			t.Fatalf("%s: explore %d runs, brute force %d; violations %d", name, rep.Runs, len(all), len(rep.Violations))
		}
		opt.Limit = 1 << 30
		if a, b := report(t, cfg, Options{Drops: 1, Reorders: 1}), report(t, cfg, opt); a != b {
			t.Fatalf("%s: forking and rerunning disagree", name)
		}
	}
}

// A broken invariant is told with its run's figures in Chinese too: the
// stuck side and its state, the SND.UNA and SND.NXT values.
func TestViolationFiguresInChinese(t *testing.T) {
	zh, err := msg.New("zh")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []*Violation{
		{Key: "stuck AFIN-WAIT-1", Words: msg.XvViolStuck, Args: msg.Args{"Side": "A", "State": "FIN-WAIT-1"}},
		{Key: "snd.una", Words: msg.XvViolSndUna, Args: msg.Args{"Una": uint32(4001), "Nxt": uint32(3001), "T": 1500 * time.Millisecond, "N": 42, "Side": "B"}},
	} {
		v.What = msg.English().T(v.Words, v.Args)
		got := violationText(v, zh)
		for _, a := range v.Args {
			if s := fmt.Sprint(a); !strings.Contains(got, s) {
				t.Errorf("%s: the Chinese words %q lack %s", v.Key, got, s)
			}
		}
		if got == v.What || violationText(v, msg.English()) != v.What {
			t.Errorf("%s: Chinese %q, English %q", v.Key, got, v.What)
		}
	}
	// and from a real run: the broken RTO row leaves B stuck in LAST-ACK
	breakRow(t, fsm.EvRTO, func(r *fsm.Row) { r.Do = nil })
	var b strings.Builder
	cfg := load(t, "normal-close")
	if err := Explore(context.Background(), cfg, Options{Drops: 1}).Write(&b, "normal-close", cfg, zh); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "两边的应用都关闭了，B 却停在 LAST-ACK，也没有报错") {
		t.Errorf("the Chinese report does not name the stuck side and state:\n%s", b.String())
	}
}
