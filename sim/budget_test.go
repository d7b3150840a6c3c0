package sim

import (
	"math"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/trace"
)

// storm is the ACK storm of issue 19: an injected segment carries bytes A
// never sent, and the two ends ACK each other's ACKs for ever. The
// profile's own defence (RFC 5961 §7, ratelimit.go) is off, so the
// engine's budget is what stops it.
func storm(delay time.Duration) *Config {
	return &Config{
		Seed: 1, MSL: 2 * time.Second, Until: 1000 * time.Hour, Profile: unthrottled,
		A:    EndpointConfig{Addr: netip.MustParseAddr("10.0.0.1"), Port: 49152, ISN: 100},
		B:    EndpointConfig{Addr: netip.MustParseAddr("10.0.0.2"), Port: 80, ISN: 300},
		AtoB: LinkConfig{Delay: delay}, BtoA: LinkConfig{Delay: delay},
		Faults: []Fault{{Kind: FaultInject, From: trace.A, At: time.Second,
			Seg: fsm.Segment{Seq: 101, Ack: 301, Flags: fsm.ACK, Len: 100}}},
		Timeline: []Action{{Side: trace.B, Op: trace.OpListen}, {Side: trace.A, Op: trace.OpConnect}},
	}
}

var unthrottled = func() *Profile { p := *RFC9293; p.ChallengeACKs = 0; return &p }()

func TestBudgetStopsAStorm(t *testing.T) {
	for _, c := range []struct {
		lim   Limits
		delay time.Duration
		want  string
		what  string
	}{
		{Limits{Events: 50_000}, 0, "stopped after 50,000 events at t=1.000s", "an ACK storm"},
		{Limits{Segments: 20_000}, time.Nanosecond, "stopped after 20,000 segments", "an ACK storm"},
		{Limits{Memory: 4 << 20}, time.Millisecond, "memory limit of 4 MiB", "an ACK storm"},
		{Limits{Time: 10 * time.Second}, 50 * time.Millisecond, "stopped at t=10.000s, the virtual time limit", "A sent 93 segments and B 91"},
	} {
		cfg := storm(c.delay)
		cfg.Limits = c.lim
		tr, stop := RunLimited(cfg)
		if stop == nil {
			t.Fatalf("%+v: not stopped", c.lim)
		}
		msg := stop.Error()
		if !strings.Contains(msg, c.want) || !strings.Contains(msg, c.what) {
			t.Errorf("%+v: %s", c.lim, msg)
		}
		if len(tr.Events) > cfg.Limits.With(DefaultLimits).Events+reserve {
			t.Errorf("%d events recorded", len(tr.Events))
		}
	}
}

func TestBudgetInFlight(t *testing.T) {
	cfg := storm(50 * time.Millisecond)
	cfg.AtoB.Duplicate, cfg.BtoA.Duplicate = 0.5, 0.5
	cfg.Limits = Limits{InFlight: 100}
	_, stop := RunLimited(cfg)
	if stop == nil || stop.Limit != "in_flight" {
		t.Fatalf("stop %v", stop)
	}
}

// A normal run is not stopped, and the budget changes nothing in it.
func TestBudgetLeavesNormalRunsAlone(t *testing.T) {
	cfg := storm(50 * time.Millisecond)
	cfg.Faults = nil
	cfg.Timeline = append(cfg.Timeline, Action{At: time.Second, Side: trace.A, Op: trace.OpClose}, Action{At: 2 * time.Second, Side: trace.B, Op: trace.OpClose})
	cfg.Until = 0
	tr, stop := RunLimited(cfg)
	if stop != nil {
		t.Fatal(stop)
	}
	if tr.Final != [2]fsm.State{fsm.Closed, fsm.Closed} {
		t.Errorf("final %v", tr.Final)
	}
}

func TestAddTimeSaturates(t *testing.T) {
	if got := addTime(math.MaxInt64-5, time.Hour); got != math.MaxInt64 {
		t.Errorf("got %d", got)
	}
	if got := addTime(time.Second, time.Second); got != 2*time.Second {
		t.Errorf("got %v", got)
	}
	// A hold of the largest duration on a programmatic config: the
	// segment never arrives, time does not wrap.
	cfg := storm(50 * time.Millisecond)
	cfg.Faults = []Fault{{Kind: FaultHold, From: trace.A, Flags: fsm.SYN, Nth: 1, For: math.MaxInt64}}
	tr := Run(cfg)
	for _, ev := range tr.Events {
		if ev.T < 0 || ev.Arrive < 0 {
			t.Fatalf("negative time in %+v", ev)
		}
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"512MiB": 512 << 20, "2GiB": 2 << 30, "64KiB": 64 << 10, "1000": 1000, "1 MB": 1e6} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("%q: %d %v", in, got, err)
		}
	}
	for _, in := range []string{"", "MiB", "-1MiB", "0", "1.5GiB", "9999999999999GiB", "12 parsecs"} {
		if _, err := ParseSize(in); err == nil {
			t.Errorf("%q accepted", in)
		}
	}
}
