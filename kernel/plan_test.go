package kernel

import (
	"net/netip"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/trace"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
)

func TestDropRulesRealiseTheModelsLosses(t *testing.T) {
	sc, err := scenarios.Lookup("lost-syn") // A's first two SYNs are dropped
	if err != nil {
		t.Fatal(err)
	}
	cfg := *sc.Config
	cfg.Profile = sim.Linux
	rules := dropRules(sim.Run(&cfg))
	if rules[trace.A] != "" {
		t.Errorf("A's namespace got rules:\n%s", rules[trace.A])
	}
	want := "tcp flags & (fin|syn|rst|ack) == syn numgen inc mod 1000000 vmap { 0 : drop, 1 : drop }"
	if !strings.Contains(rules[trace.B], want) || !strings.Contains(rules[trace.B], "hook prerouting") {
		t.Errorf("B's rules lack %q in its input:\n%s", want, rules[trace.B])
	}
	sc, err = scenarios.Lookup("lost-synack") // B's first SYN,ACK is dropped as it leaves B
	if err != nil {
		t.Fatal(err)
	}
	cfg = *sc.Config
	cfg.Profile = sim.Linux
	out := dropRules(sim.Run(&cfg))[trace.B]
	if !strings.Contains(out, "== syn|ack numgen inc mod 1000000 vmap { 0 : drop }") {
		t.Errorf("no SYN,ACK drop:\n%s", out)
	}
	if i, j := strings.Index(out, "chain out"), strings.Index(out, "== syn|ack"); i < 0 || j < i {
		t.Errorf("the SYN,ACK drop is not in B's output chain:\n%s", out)
	}
}

func TestUnsupportedNamesEachReason(t *testing.T) {
	cfg := &sim.Config{
		AtoB:   sim.LinkConfig{Jitter: time.Millisecond, Duplicate: 0.1},
		Faults: []sim.Fault{{Kind: sim.FaultInject}, {Kind: sim.FaultHold}},
		Timeline: []sim.Action{
			{When: true, WhenSide: trace.B, WhenState: fsm.FinWait2, Op: trace.OpClose},
			{When: true, WhenSide: trace.B, WhenState: fsm.CloseWait, Op: trace.OpClose},
		},
	}
	got := strings.Join(Unsupported(cfg), "\n")
	for _, w := range []string{"jitter", "duplication", "FIN-WAIT-2"} {
		if !strings.Contains(got, w) {
			t.Errorf("no reason mentions %q:\n%s", w, got)
		}
	}
	for _, w := range []string{"inject", "hold", "reorder"} {
		if strings.Contains(got, w) {
			t.Errorf("the relay realises %s, but a reason mentions it:\n%s", w, got)
		}
	}
	if strings.Contains(got, "enters CLOSE-WAIT") {
		t.Errorf("CLOSE-WAIT is observable (read returns 0), but refused:\n%s", got)
	}
	for _, sc := range scenarios.Bundled() {
		if len(Unsupported(sc.Config)) > 0 && notRealised[sc.Name] == "" {
			t.Errorf("%s: %v", sc.Name, Unsupported(sc.Config))
		}
	}
}

// notRealised lists bundled scenarios the runner cannot set up (Unsupported
// says what), each with the reason; they are skipped with it. The test
// fails if one of them becomes realisable, so the list stays true.
var notRealised = map[string]string{
	"three-segment-close":   "a fixed delayed-ACK time: Linux has no such setting",
	"nagle-vs-nodelay":      "a fixed delayed-ACK time: Linux has no such setting (TCP_NODELAY is realised)",
	"listener-two-clients":  "a second client socket from a named port beside the first: the runner drives one socket per side",
	"sndbuf-blocking-write": "SO_SNDBUF: the kernel doubles it and counts its own overhead, so bytes do not map",
}

func TestSysctlsMirrorTheProfile(t *testing.T) {
	kv := sysctls(sim.Linux, sim.EndpointConfig{SynRetries: 2}, trace.A, "bbr")
	for _, w := range []string{"net.ipv4.tcp_syn_retries=2", "net.ipv4.tcp_fin_timeout=60", "net.ipv4.tcp_rto_min_us=200000",
		"net.ipv4.tcp_syn_linear_timeouts=4", "net.ipv4.tcp_timestamps=1", "net.ipv4.tcp_congestion_control=bbr"} {
		if !slices.Contains(kv, w) {
			t.Errorf("missing %s in %v", w, kv)
		}
	}
	if b := sysctls(sim.Linux, sim.EndpointConfig{SynRetries: 2}, trace.B, ""); !slices.Contains(b, "net.ipv4.tcp_synack_retries=2") {
		t.Errorf("B's SYN retries are its SYN,ACK retries: %v", b)
	}
}

func TestAddrsFallBackToAPrivatePair(t *testing.T) {
	v6 := netip.MustParseAddr("2001:db8::1")
	for _, c := range []struct{ a, b, wa, wb string }{
		{"10.0.0.1", "10.0.0.2", "10.0.0.1", "10.0.0.2"},
		{"10.0.0.1", "10.0.0.1", "10.99.0.1", "10.99.0.2"},
		{"127.0.0.1", "10.0.0.2", "10.99.0.1", "10.99.0.2"},
	} {
		a, b := addrs(&sim.Config{A: sim.EndpointConfig{Addr: netip.MustParseAddr(c.a)}, B: sim.EndpointConfig{Addr: netip.MustParseAddr(c.b)}})
		if a.String() != c.wa || b.String() != c.wb {
			t.Errorf("%s %s: got %v %v", c.a, c.b, a, b)
		}
	}
	if a, _ := addrs(&sim.Config{A: sim.EndpointConfig{Addr: v6}}); !a.Is4() {
		t.Errorf("IPv6 kept: %v", a)
	}
}

func TestSlackFollowsTheTimerWheel(t *testing.T) {
	for _, c := range []struct{ gap, want time.Duration }{
		{40 * time.Millisecond, 12 * time.Millisecond},
		{200 * time.Millisecond, 12 * time.Millisecond},
		{300 * time.Millisecond, 40 * time.Millisecond},
		{time.Second, 40 * time.Millisecond},
		{3 * time.Second, 264 * time.Millisecond},
	} {
		if got := Slack(c.gap); got != c.want {
			t.Errorf("Slack(%v) = %v, want %v", c.gap, got, c.want)
		}
	}
}
