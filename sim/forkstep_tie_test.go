package sim

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/trace"
)

// A crash added to a fork at the very instant of a delivery queued
// before the fork goes first, as in the run from the start, where the
// crash was queued at the start: B forgets its listener and the SYN
// arriving at 50 ms meets a CLOSED port.
func TestForkedCrashTiesLikeRunFromStart(t *testing.T) {
	cfg := connection("hi", 20*time.Second, 0)
	// an event at 50 ms - 1 ns, so that a crash 1 ns later ties with the SYN's arrival
	cfg.Timeline = append(cfg.Timeline, at(50*ms-1, trace.A, trace.OpSend))
	cfg.Timeline[len(cfg.Timeline)-1].Data = []byte("x")
	var s, child Sim
	s.Reset(cfg)
	tried := false
	s.RunForkingInstants(0, nil, func(t0 time.Duration, fork Fork) {
		if t0 != 50*ms-1 {
			return
		}
		c := *cfg
		c.Timeline = append(slices.Clip(c.Timeline), Action{At: t0 + 1, Side: trace.B, Op: trace.OpCrash})
		fork(&child, &c)
		child.Run()
		want := Run(&c)
		if !reflect.DeepEqual(child.Trace().Events, want.Events) {
			t.Fatalf("the forked crash broke the tie another way: %d events against %d", len(child.Trace().Events), len(want.Events))
		}
		tried = true
	})
	if !tried {
		t.Fatal("no instant at 50 ms - 1 ns")
	}
}
