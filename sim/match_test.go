package sim

import (
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/trace"
)

// A drop matched by SEG.SEQ and payload length loses exactly that data
// segment: the second of three, not the first data or any ACK.
func TestFaultMatchesSeqAndLength(t *testing.T) {
	cfg := connection("", 10*time.Second, 0)
	cfg.Timeline = append(cfg.Timeline, Action{At: time.Second, Side: trace.A, Op: trace.OpSend, Data: make([]byte, 3000)})
	cfg.A.NoDelay = true // the 80-byte tail goes at once
	cfg.Faults = []Fault{{Kind: FaultDrop, From: trace.A, AnyFlags: true, Nth: 1,
		SegRange: SegRange{HasLen: true, MinLen: 1000, MaxLen: 1460, HasSeq: true, SeqFrom: 1561, SeqTo: 1561}}}
	tr := Run(cfg)
	var lost []fsm.Segment
	for _, e := range tr.Events {
		if e.Kind == trace.KDrop {
			lost = append(lost, e.Seg)
		}
	}
	if len(lost) != 1 || lost[0].Seq != 1561 || lost[0].Len != 1460 {
		t.Fatalf("lost %v, want the one 1460-byte segment at seq 1561", lost)
	}
	if got := received(tr, trace.B); got != 3000 {
		t.Fatalf("B read %d, want 3000 after the retransmission", got)
	}
}

// A length range that no segment has matches nothing.
func TestFaultLengthRangeMissesAll(t *testing.T) {
	cfg := connection("hi", 10*time.Second, 0)
	cfg.Faults = []Fault{{Kind: FaultDrop, From: trace.A, AnyFlags: true, Nth: 1,
		SegRange: SegRange{HasLen: true, MinLen: 3, MaxLen: 100}}}
	for _, e := range Run(cfg).Events {
		if e.Kind == trace.KDrop {
			t.Fatalf("dropped %v, which is not 3..100 bytes long", e.Seg)
		}
	}
}
