package sim

import (
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/trace"
)

// RFC 9293 §3.8.3 (d), MUST-21: the application sets R2 as a time. A SYN
// that is never answered is given up at the user timeout (the RTO that
// would end later is shortened), not after the profile's 183 s.
func TestUserTimeout_GivesUpSYN(t *testing.T) {
	for _, p := range []*Profile{RFC9293, Linux} {
		cfg := connection("hi", time.Hour, 0)
		cfg.Profile = p
		cfg.A.UserTimeout = 5500 * ms
		cfg.AtoB.Loss = 1
		if got := gaveUp(Run(cfg), trace.A); got != 5500*ms {
			t.Errorf("%s: gave up at %v, want 5.5s", p.Name, got)
		}
	}
}

// The user timeout counts from when the data was sent, whatever the
// retry count: data sent at 2 s into a dead link is given up at 2 s + 20 s,
// though the profile would retry 10 or 15 times.
func TestUserTimeout_GivesUpData(t *testing.T) {
	for _, p := range []*Profile{RFC9293, Linux} {
		cfg := connection("", time.Hour, 0)
		cfg.Profile = p
		cfg.A.UserTimeout = 20 * time.Second
		cfg.Timeline = append(cfg.Timeline,
			Action{At: time.Second, Side: trace.A, Op: trace.OpLink,
				Link: &[2]LinkConfig{{Delay: 50 * ms, Loss: 1}, {Delay: 50 * ms, Loss: 1}}},
			Action{At: 2 * time.Second, Side: trace.A, Op: trace.OpSend, Data: []byte("lost")})
		tr := Run(cfg)
		if got := gaveUp(tr, trace.A); got != 22*time.Second {
			t.Errorf("%s: gave up at %v, want 22s", p.Name, got)
		}
		if n := len(sends(tr, trace.A, fsm.ACK)); n < 3 {
			t.Errorf("%s: only %d data segments before giving up", p.Name, n)
		}
	}
}

// Without loss the user timeout never fires: every ACK restarts its clock.
func TestUserTimeout_QuietWhileAcked(t *testing.T) {
	cfg := connection("", 30*time.Second, 0)
	cfg.A.UserTimeout = 300 * ms
	for i := range 20 {
		cfg.Timeline = append(cfg.Timeline, Action{At: time.Duration(i+1) * time.Second, Side: trace.A, Op: trace.OpSend, Data: make([]byte, 3000)})
	}
	tr := Run(cfg)
	if got := gaveUp(tr, trace.A); got >= 0 {
		t.Fatalf("gave up at %v on a link without loss", got)
	}
	expectStates(t, tr, trace.A, "SYN-SENT", "ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT", "CLOSED")
}

// nagleRun: A writes one byte at 1 s and another 1 ms later; B delays its
// ACKs by 200 ms. It returns when A sent its second data segment.
func nagleRun(t *testing.T, p *Profile, nodelay bool) time.Duration {
	t.Helper()
	cfg := connection("", 5*time.Second, 0)
	cfg.Profile = p
	cfg.A.NoDelay = nodelay
	cfg.B.DelayedACK = 200 * ms
	cfg.Timeline = append(cfg.Timeline,
		Action{At: time.Second, Side: trace.A, Op: trace.OpSend, Data: []byte("a")},
		Action{At: time.Second + ms, Side: trace.A, Op: trace.OpSend, Data: []byte("b")})
	var data []trace.Event
	for _, e := range Run(cfg).Events {
		if e.Kind == trace.KSend && e.Side == trace.A && e.Seg.Len > 0 && e.Reason == fsm.ReasonData {
			data = append(data, e)
		}
	}
	if len(data) != 2 {
		t.Fatalf("%s nodelay=%v: %d data segments, want 2", p.Name, nodelay, len(data))
	}
	return data[1].T
}

// RFC 9293 §3.7.4: with Nagle (SHLD-7) the second short write waits for
// the ACK of the first, which the peer delays: 1 s + 50 ms + 200 ms +
// 50 ms. TCP_NODELAY (MUST-17) sends it at once. Linux's Minshall form
// waits here too: the first segment was short.
func TestNagle_WaitsForTheDelayedACK(t *testing.T) {
	for _, p := range []*Profile{RFC9293, Linux} {
		if got := nagleRun(t, p, false); got != 1300*ms {
			t.Errorf("%s with Nagle: second segment at %v, want 1.3s", p.Name, got)
		}
		if got := nagleRun(t, p, true); got != 1001*ms {
			t.Errorf("%s with TCP_NODELAY: second segment at %v, want 1.001s", p.Name, got)
		}
	}
}
