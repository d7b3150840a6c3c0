package explore

import (
	"context"
	"testing"
	"time"
)

// The handshake cut at 60 ms, with up to two lost transmissions and a
// crash, counted by hand. The fault-free run sends A's SYN (#0) at 0 and
// B's SYN,ACK (#1) at 50 ms; A's first retransmission would come at 1 s,
// past the end. Both ends are open after 0 and after 50 ms, so the root
// run has 4 crash points (1 ns and 50.000001 ms, A and B).
//
//	0 faults: the fault-free run                                      1
//	1 fault:  lose #0; lose #1; each of the 4 crashes                 6
//	2 faults: lose #0, then crash A or B at 1 ns (nothing at 50 ms)   2
//	          lose #1, then crash A or B at 50.000001 ms              2
//	          crash A at 1 ns (B still answers the SYN), lose #1      1
//	          crash B at 1 ns (B answers the SYN with RST #1), lose #1 1
//	          (a crash at 50.000001 ms leaves nothing later to lose)
//	          (lose #0 and #1: #1 is never sent once #0 is lost)
//	3 faults: none: after lose #0 nothing more is sent; after a crash
//	          and lose #1 nothing is left to lose
//
// 13 runs. Exploring lose #1 after crash A at 1 ns again as "lose #1
// twice", or {crash, #3, #2} again as {crash, #2, #3}, would count more.
func TestCrashCountByHand(t *testing.T) {
	cfg := *load(t, "handshake")
	cfg.Until = 60 * time.Millisecond
	for _, limit := range []int{0, 1 << 30} { // forking, then level by level
		rep := Explore(context.Background(), &cfg, Options{Drops: 2, Crash: true, Limit: limit})
		want := []int{1, 6, 6}
		if rep.Runs != 13 || rep.Crashed != 4+2+2+1+1 || len(rep.ByDrops) != len(want) {
			t.Fatalf("limit %d: %d runs (%d crashed) by faults %v; expected 13 (10 crashed) by faults %v", limit, rep.Runs, rep.Crashed, rep.ByDrops, want)
		}
		for i, n := range want {
			if rep.ByDrops[i] != n {
				t.Errorf("limit %d: %d runs with %d faults, expected %d", limit, rep.ByDrops[i], i, n)
			}
		}
	}
}

// With two losses and a crash, both explorers run exactly the sets of
// faults a brute-force enumeration finds: no set twice, none missed.
func TestCrashTwoDropsComplete(t *testing.T) {
	for _, name := range []string{"handshake", "normal-close"} {
		cfg := load(t, name)
		for _, limit := range []int{0, 1 << 30} {
			rep := Explore(context.Background(), cfg, Options{Drops: 2, Crash: true, Limit: limit})
			if all := bruteCrash(cfg, 2, rep.MaxTrans+2); rep.Runs != len(all) {
				t.Errorf("%s limit %d: explore counted %d runs, brute force %d", name, limit, rep.Runs, len(all))
			}
		}
	}
}
