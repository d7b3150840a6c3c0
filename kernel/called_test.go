package kernel

import (
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/internal/capcmp"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
)

// A segment sent at the instant of a call (A's data, A's FIN, B's FIN)
// takes its time from the call; one sent on a segment's arrival (the
// SYN,ACK, B's ACKs) or by a timer does not. A's handshake ACK leaves in
// the same microsecond as A's first write (the write waits for
// ESTABLISHED), so at the tap it shares the call's time.
func TestCalledAtMarksSegmentsSentOnACall(t *testing.T) {
	sc, err := scenarios.Lookup("normal-close")
	if err != nil {
		t.Fatal(err)
	}
	cfg := *sc.Config
	cfg.Profile = sim.Linux
	r := &Result{called: calledAt(sim.Run(&cfg), cfg.BtoA.Delay)}
	var byCall []string
	tr := sim.Run(&cfg)
	t0 := firstAtA(tr)
	for i := range tr.Events {
		e := &tr.Events[i]
		if e.Kind != 1 || e.Lost { // trace.KSend
			continue
		}
		p := capcmp.Packet{Dir: "A->B", T: e.T - t0, Flags: e.Seg.Flags.String()}
		if e.Side == 1 {
			p.Dir, p.T = "B->A", p.T+cfg.BtoA.Delay
		}
		if r.byCall(p) {
			byCall = append(byCall, p.Dir+" "+p.Flags)
		}
	}
	want := []string{"A->B SYN", "A->B ACK", "A->B PSH,ACK", "A->B FIN,ACK", "B->A FIN,ACK"}
	if len(byCall) != len(want) {
		t.Fatalf("sent on a call: %v, want %v", byCall, want)
	}
	for i := range want {
		if byCall[i] != want[i] {
			t.Errorf("sent on a call: %v, want %v", byCall, want)
			break
		}
	}
	if r.byCall(capcmp.Packet{Dir: "A->B", T: time.Hour}) {
		t.Error("a segment at no call's time counts as sent on a call")
	}
}
