package sim

import (
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/trace"
)

// RFC 5961 §7 (MAY-12): with each profile's throttle the ACK storm of
// storm() dies out by itself, even on a link that duplicates segments;
// without it the same run only ends at a limit.
func TestThrottleEndsTheStorm(t *testing.T) {
	for _, p := range []*Profile{RFC9293, Linux, unthrottled} {
		cfg := storm(50 * time.Millisecond)
		cfg.Profile = p
		cfg.AtoB.Duplicate, cfg.BtoA.Duplicate = 0.1, 0.1
		cfg.Limits = Limits{Time: time.Minute}
		tr, stop := RunLimited(cfg)
		if p == unthrottled {
			if stop == nil {
				t.Errorf("the unthrottled storm ended by itself")
			}
			continue
		}
		if stop != nil {
			t.Errorf("%s: %v", p.Name, stop)
			continue
		}
		n := 0
		for _, e := range tr.Events {
			if e.Kind == trace.KSend && e.T > time.Second {
				n++
			}
		}
		if n > 2*p.ChallengeACKs+10 {
			t.Errorf("%s: %d segments after the injection", p.Name, n)
		}
	}
}

// The throttle counts per endpoint: under rfc9293 the eleventh in-window
// RST within 5 s gets no challenge ACK, and the window reopens after 5 s.
func TestChallengeACKLimit(t *testing.T) {
	cfg := connection("", time.Hour, 0)
	for i := 0; i < 12; i++ {
		cfg.Faults = append(cfg.Faults, Fault{Kind: FaultInject, From: trace.A, At: time.Second + time.Duration(i)*100*ms,
			Seg: fsm.Segment{Seq: 101 + 1000, Flags: fsm.RST}})
	}
	cfg.Faults = append(cfg.Faults, Fault{Kind: FaultInject, From: trace.A, At: 7 * time.Second,
		Seg: fsm.Segment{Seq: 101 + 1000, Flags: fsm.RST}})
	tr := Run(cfg)
	var at []time.Duration
	for _, e := range tr.Events {
		if e.Kind == trace.KSend && e.Side == trace.B && !e.Injected && e.T >= time.Second {
			at = append(at, e.T)
		}
	}
	if len(at) != 11 || at[10] < 7*time.Second {
		t.Errorf("B sent %d challenge ACKs at %v, want 10 then one after 7s", len(at), at)
	}
	if tr.Final[trace.B] != fsm.Established {
		t.Errorf("B ended in %s", tr.Final[trace.B])
	}
}
