package sim

import (
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/trace"
)

// gaveUp returns when side's connection closed with "timed out", or -1.
func gaveUp(tr *trace.Trace, side trace.Side) time.Duration {
	for _, e := range tr.Events {
		if e.Kind == trace.KError && e.Side == side && e.Sig == fsm.SigTimedOut {
			return e.T
		}
	}
	return -1
}

// RFC 9293 MUST-23, MUST-22: a SYN is retried for at least 3 minutes under
// rfc9293, unless the application asked for less; linux keeps
// tcp_syn_retries = 6, which with four linear timeouts gives up after
// 11 s: a documented departure.
func TestSYNRetriedThreeMinutes(t *testing.T) {
	for _, c := range []struct {
		prof    *Profile
		retries int
		want    time.Duration
	}{
		{RFC9293, 0, 183 * time.Second},
		{RFC9293, 3, 15 * time.Second}, // the application set less
		{Linux, 0, 11 * time.Second},   // 1+1+1+1+1+2+4: tcp_syn_linear_timeouts = 4
	} {
		cfg := connection("hi", time.Hour, 0)
		cfg.Profile = c.prof
		cfg.A.SynRetries = c.retries
		cfg.AtoB.Loss = 1
		got := gaveUp(Run(cfg), trace.A)
		if got != c.want {
			t.Errorf("%s, syn_retries %d: gave up at %v, want %v", c.prof.Name, c.retries, got, c.want)
		}
		if c.prof == RFC9293 && c.retries == 0 && got < 3*time.Minute {
			t.Errorf("rfc9293 gives up on a SYN before 3 minutes")
		}
	}
}

// RFC 9293 MUST-20, SHLD-9, SHLD-10: after R1 = 3 unanswered
// retransmissions rfc9293 tells the application (once), and gives up only
// at R2; linux tells it nothing.
func TestR1ReportedBeforeR2(t *testing.T) {
	for _, p := range []*Profile{RFC9293, Linux} {
		cfg := connection("", time.Hour, 0)
		cfg.Profile = p
		cfg.A.Retries = 5
		cfg.Timeline = append(cfg.Timeline, Action{At: time.Second, Side: trace.A, Op: trace.OpLink,
			Link: &[2]LinkConfig{{Delay: 50 * ms, Loss: 1}, {Delay: 50 * ms, Loss: 1}}})
		cfg.Timeline = append(cfg.Timeline, Action{At: 2 * time.Second, Side: trace.A, Op: trace.OpSend, Data: []byte("lost")})
		tr := Run(cfg)
		var trouble []time.Duration
		fired := 0
		var third time.Duration
		for _, e := range tr.Events {
			if e.Side != trace.A {
				continue
			}
			if e.Kind == trace.KTimer && e.Timer == fsm.TimerRTO && e.TimerEv == trace.TimerFired {
				fired++
				if fired == 3 {
					third = e.T
				}
			}
			if e.Kind == trace.KError && e.Sig == fsm.SigTrouble {
				trouble = append(trouble, e.T)
			}
		}
		end := gaveUp(tr, trace.A)
		if end < 0 {
			t.Fatalf("%s: A never gave up", p.Name)
		}
		if !p.ReportR1 {
			if len(trouble) != 0 {
				t.Errorf("%s: reported trouble at %v", p.Name, trouble)
			}
			continue
		}
		if len(trouble) != 1 || trouble[0] != third || trouble[0] >= end {
			t.Errorf("%s: trouble at %v, want once at the third expiry %v, before giving up at %v", p.Name, trouble, third, end)
		}
	}
}

// RFC 9293 SHLD-20: an application that turned soft errors off hears
// nothing at R1, and still hears that the connection timed out at R2.
func TestSoftErrorsCanBeTurnedOff(t *testing.T) {
	cfg := connection("", time.Hour, 0)
	cfg.Profile = RFC9293
	cfg.A.Retries, cfg.A.NoSoftErrors = 5, true
	cfg.Timeline = append(cfg.Timeline,
		Action{At: time.Second, Side: trace.A, Op: trace.OpLink, Link: &[2]LinkConfig{{Delay: 50 * ms, Loss: 1}, {Delay: 50 * ms, Loss: 1}}},
		Action{At: 2 * time.Second, Side: trace.A, Op: trace.OpSend, Data: []byte("lost")})
	tr := Run(cfg)
	for _, e := range tr.Events {
		if e.Side == trace.A && e.Kind == trace.KError && e.Sig == fsm.SigTrouble {
			t.Errorf("trouble reported at %v with soft errors off", e.T)
		}
	}
	if gaveUp(tr, trace.A) < 0 {
		t.Error("A was not told the connection timed out")
	}
}

// RFC 9293 SHLD-11: with the profile's retries, data is retransmitted for
// at least 100 seconds before the connection is given up.
func TestDataR2AtLeast100s(t *testing.T) {
	for _, p := range []*Profile{RFC9293, Linux} {
		cfg := connection("", time.Hour, 0)
		cfg.Profile = p
		cfg.Timeline = append(cfg.Timeline,
			Action{At: time.Second, Side: trace.A, Op: trace.OpLink, Link: &[2]LinkConfig{{Loss: 1}, {Loss: 1}}},
			Action{At: 2 * time.Second, Side: trace.A, Op: trace.OpSend, Data: []byte("lost")})
		if got := gaveUp(Run(cfg), trace.A) - 2*time.Second; got < 100*time.Second {
			t.Errorf("%s: gave up %v after the first send", p.Name, got)
		}
	}
}
