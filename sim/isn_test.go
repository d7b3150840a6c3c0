package sim

import (
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/trace"
)

// synISS returns the sequence numbers of side's SYNs, in order.
func synISS(tr *trace.Trace, side trace.Side) []fsm.Seq {
	var out []fsm.Seq
	for _, e := range tr.Events {
		if e.Kind == trace.KSend && e.Side == side && e.Seg.Flags&fsm.SYN != 0 && e.Reason == fsm.ReasonControl {
			out = append(out, e.Seg.Seq)
		}
	}
	return out
}

func keyed(seed uint64, portA uint16) *Config {
	cfg := connection("hi", time.Second, 0)
	cfg.Seed = seed
	cfg.A.KeyedISN, cfg.B.KeyedISN = true, true
	cfg.A.Port = portA
	// A reconnects after TIME-WAIT: a second incarnation, same 4-tuple.
	cfg.Timeline = append(cfg.Timeline, at(10*time.Second, trace.A, trace.OpConnect), at(10*time.Second, trace.B, trace.OpListen))
	return cfg
}

// RFC 9293 SHLD-1, MUST-8, MUST-9: keyed ISNs (RFC 6528) are the same for
// the same seed, change with the seed and with the 4-tuple, differ between
// the two ends, and a later incarnation of the same 4-tuple moves on with
// the 4 µs clock.
func TestKeyedISN(t *testing.T) {
	one := synISS(Run(keyed(1, 49152)), trace.A)
	if len(one) != 2 {
		t.Fatalf("A sent %d SYNs of its own, want 2 incarnations", len(one))
	}
	if again := synISS(Run(keyed(1, 49152)), trace.A); again[0] != one[0] || again[1] != one[1] {
		t.Errorf("same seed, different ISNs: %v %v", one, again)
	}
	if other := synISS(Run(keyed(2, 49152)), trace.A); other[0] == one[0] {
		t.Errorf("the seed does not change the ISN (%v)", one[0])
	}
	if port := synISS(Run(keyed(1, 49153)), trace.A); port[0] == one[0] {
		t.Errorf("the 4-tuple does not change the ISN (%v)", one[0])
	}
	// Both SYNs leave at known times: 0 and 10 s, 2,500,000 ticks apart.
	if d := uint32(one[1] - one[0]); d != 2_500_000 {
		t.Errorf("second incarnation %d ticks after the first, want 2500000", d)
	}
	tr := Run(keyed(1, 49152))
	if b := tr.Events; synISS(tr, trace.A)[0] == firstSYNACK(b) {
		t.Errorf("A and B picked the same ISN")
	}
}

func firstSYNACK(evs []trace.Event) fsm.Seq {
	for _, e := range evs {
		if e.Kind == trace.KSend && e.Side == trace.B && e.Seg.Flags&fsm.SYN != 0 {
			return e.Seg.Seq
		}
	}
	return 0
}
