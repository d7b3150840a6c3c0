package sim

import (
	"net/netip"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/trace"
)

// A crashes and connects again with the same ports: B's half-open
// connection answers the SYN with an ACK, A answers that with RST, and
// the SYN goes again 8 ms after the RST under linux (TCP_TIMEOUT_MIN:
// the RTT of 100 ms plus 8 ms after the SYN), after the RTO (1 s after the
// SYN) under rfc9293.
func TestQuickSYNAfterAHalfOpenConnection(t *testing.T) {
	for _, c := range []struct {
		p    *Profile
		want time.Duration
	}{{Linux, 100*time.Millisecond + 8*time.Millisecond}, {RFC9293, time.Second}} {
		cfg := &Config{Profile: c.p, Seed: 1, MSL: 2 * time.Second,
			A:    EndpointConfig{Addr: netip.MustParseAddr("10.0.0.1"), Port: 49152, ISN: 100},
			B:    EndpointConfig{Addr: netip.MustParseAddr("10.0.0.2"), Port: 80, ISN: 300},
			AtoB: LinkConfig{Delay: 50 * time.Millisecond}, BtoA: LinkConfig{Delay: 50 * time.Millisecond},
			Timeline: []Action{
				{Side: trace.B, Op: trace.OpListen}, {Side: trace.A, Op: trace.OpConnect},
				{At: time.Second, Side: trace.A, Op: trace.OpCrash},
				{At: 1500 * time.Millisecond, Side: trace.A, Op: trace.OpConnect},
			}}
		tr := Run(cfg)
		rst := sends(tr, trace.A, fsm.RST)
		syns := sends(tr, trace.A, fsm.SYN)
		if len(rst) == 0 || len(syns) < 3 {
			t.Fatalf("%s: %d RSTs, %d SYNs from A", c.p.Name, len(rst), len(syns))
		}
		if d := syns[2].T - syns[1].T; d != c.want {
			t.Errorf("%s: the SYN went again %v after the first, want %v", c.p.Name, d, c.want)
		}
	}
}
