package conformance

import (
	"net/netip"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

const ms = time.Millisecond

// transfer is A connecting to a listening B and sending n bytes once
// ESTABLISHED, over a 50 ms link.
func transfer(p *sim.Profile, n int) *sim.Config {
	return &sim.Config{
		Seed: 1, MSL: time.Second, Profile: p,
		A:    sim.EndpointConfig{Addr: netip.MustParseAddr("10.0.0.1"), Port: 49152, ISN: 100},
		B:    sim.EndpointConfig{Addr: netip.MustParseAddr("10.0.0.2"), Port: 80, ISN: 300},
		AtoB: sim.LinkConfig{Delay: 50 * ms}, BtoA: sim.LinkConfig{Delay: 50 * ms},
		Timeline: []sim.Action{
			{Side: trace.B, Op: trace.OpListen},
			{Side: trace.A, Op: trace.OpConnect},
			{When: true, WhenSide: trace.A, WhenState: fsm.Established, Side: trace.A, Op: trace.OpSend, Data: make([]byte, n)},
		},
	}
}

// delivered counts the bytes side's application received.
func delivered(tr *trace.Trace, side trace.Side) uint32 {
	var n uint32
	for _, e := range tr.Events {
		if e.Kind == trace.KData && e.Side == side {
			n += e.N
		}
	}
	return n
}

// dataSends lists side's first transmissions of data.
func dataSends(tr *trace.Trace, side trace.Side) []trace.Event {
	var out []trace.Event
	for _, e := range tr.Events {
		if e.Kind == trace.KSend && e.Side == side && e.Seg.Len > 0 && e.Reason == fsm.ReasonData {
			out = append(out, e)
		}
	}
	return out
}

// RFC 9293 MUST-61, SHLD-27, MUST-60: PSH only on the segment that
// empties the send buffer, and the data is not held back. Linux sets it
// on earlier segments too (profile switch "PSH on each burst"), which the
// RFC allows; the last still has it.
func TestPSHOnlyOnLastSegment(t *testing.T) {
	for _, p := range []*sim.Profile{sim.RFC9293, sim.Linux} {
		const n = 5000
		tr := sim.Run(transfer(p, n))
		sends := dataSends(tr, trace.A)
		if len(sends) < 4 {
			t.Fatalf("%s: %d data segments, want at least 4", p.Name, len(sends))
		}
		end := fsm.Seq(100 + 1 + n)
		for _, e := range sends {
			last := e.Seg.Seq.Add(e.Seg.Len) == end
			if psh := e.Seg.Flags&fsm.PSH != 0; psh != last && (last || !p.PSHBurst) {
				t.Errorf("%s: %s has PSH=%v, last=%v", p.Name, e.Seg, psh, last)
			}
		}
		if got := delivered(tr, trace.B); got != n {
			t.Errorf("%s: B read %d bytes, want %d", p.Name, got, n)
		}
	}
}

// RFC 9293 MUST-1: a window above 32767 is not negative.
func TestWindowIsUnsigned(t *testing.T) {
	cfg := transfer(sim.RFC9293, 0)
	cfg.B.Window = 65535
	tr := sim.Run(cfg)
	var last trace.Snap
	for _, e := range tr.Events {
		if e.Side == trace.A {
			last = e.TCB
		}
	}
	if last.SndWnd != 65535 {
		t.Fatalf("A's SND.WND = %d, want 65535", last.SndWnd)
	}
}

// RFC 9293 SHLD-14: the right edge RCV.NXT+RCV.WND that B offers never
// moves left.
func TestRightEdgeNeverShrinks(t *testing.T) {
	cfg := transfer(sim.RFC9293, 20000)
	cfg.AtoB.Loss = 0.1
	tr := sim.Run(cfg)
	var edge fsm.Seq
	seen := 0
	for _, e := range tr.Events {
		if e.Kind != trace.KSend || e.Side != trace.B || e.Seg.Flags&fsm.ACK == 0 {
			continue
		}
		r := e.Seg.Ack.Add(uint32(e.Seg.Wnd))
		if seen > 0 && r.LessThan(edge) {
			t.Fatalf("B's right edge moved back from %d to %d at %v", edge, r, e.T)
		}
		edge = r
		seen++
	}
	if seen < 10 {
		t.Fatalf("only %d ACKs from B", seen)
	}
}

// RFC 9293 MUST-65, MAY-3, SHLD-5: the MSS option rides on every SYN and
// on nothing else.
func TestMSSOnlyOnSYN(t *testing.T) {
	for _, p := range []*sim.Profile{sim.RFC9293, sim.Linux} {
		tr := sim.Run(transfer(p, 3000))
		syns := 0
		for _, e := range tr.Events {
			if e.Kind != trace.KSend {
				continue
			}
			syn := e.Seg.Flags&fsm.SYN != 0
			if syn {
				syns++
			}
			if (e.Seg.MSS != 0) != syn {
				t.Errorf("%s: %s carries MSS %d", p.Name, e.Seg, e.Seg.MSS)
			}
		}
		if syns != 2 {
			t.Errorf("%s: %d SYNs, want 2", p.Name, syns)
		}
	}
}

// RFC 9293 MUST-18: Karn's algorithm. A's first data segment is lost; the
// retransmission's ACK gives no RTT sample, so the backed-off RTO stays.
func TestKarn(t *testing.T) {
	cfg := transfer(sim.Linux, 100)
	cfg.Faults = []sim.Fault{{Kind: sim.FaultDrop, From: trace.A, Flags: fsm.ACK, Nth: 2}}
	cfg.Timeline = append(cfg.Timeline, sim.Action{At: 3 * time.Second, Side: trace.A, Op: trace.OpSend, Data: make([]byte, 100)})
	tr := sim.Run(cfg)
	var fired time.Duration
	var armedAfter []time.Duration
	for _, e := range tr.Events {
		if e.Kind != trace.KTimer || e.Side != trace.A || e.Timer != fsm.TimerRTO {
			continue
		}
		if e.TimerEv == trace.TimerFired && fired == 0 {
			fired = e.Dur
		} else if e.TimerEv == trace.TimerArmed && fired != 0 && e.T >= 3*time.Second {
			armedAfter = append(armedAfter, e.Dur)
		}
	}
	if fired == 0 || len(armedAfter) == 0 {
		t.Fatalf("no RTO expiry (%v) or no later RTO (%v)", fired, armedAfter)
	}
	if armedAfter[0] != 2*fired {
		t.Fatalf("RTO after the retransmitted range was acked: %v, want the backed-off %v", armedAfter[0], 2*fired)
	}
}

// RFC 9293 SHLD-19 (and MUST-58's bound): with delayed ACKs on, B never
// holds more than one full-sized segment unacknowledged.
func TestEverySecondSegmentAcked(t *testing.T) {
	cfg := transfer(sim.RFC9293, 21*1460)
	cfg.B.DelayedACK = 200 * ms
	tr := sim.Run(cfg)
	pending, delayed := 0, 0
	for _, e := range tr.Events {
		switch {
		case e.Kind == trace.KDeliver && e.Side == trace.B && e.Seg.Len == 1460:
			pending++
			if pending > 2 {
				t.Fatalf("B holds %d full-sized segments unacknowledged at %v", pending, e.T)
			}
		case e.Kind == trace.KSend && e.Side == trace.B && e.Seg.Flags&fsm.ACK != 0:
			pending = 0
			if e.Reason == fsm.ReasonDelayedACK {
				delayed++
			}
		}
	}
	if delayed == 0 {
		t.Fatal("no ACK was delayed, so the test shows nothing")
	}
	if got := delivered(tr, trace.B); got != 21*1460 {
		t.Fatalf("B read %d bytes", got)
	}
}

// RFC 9293 MUST-38: sender SWS avoidance. B offers 2000 bytes; after a
// full segment the 540 left are not sent while data is in flight.
func TestSenderSWS(t *testing.T) {
	const n = 3000
	cfg := transfer(sim.RFC9293, n)
	cfg.B.Window = 2000
	tr := sim.Run(cfg)
	end := fsm.Seq(100 + 1 + n)
	var lens []uint32
	for _, e := range dataSends(tr, trace.A) {
		lens = append(lens, e.Seg.Len)
		if e.Seg.Len < 1000 && e.Seg.Seq.Add(e.Seg.Len) != end {
			t.Errorf("silly segment %s", e.Seg)
		}
	}
	if len(lens) != 3 || lens[0] != 1460 || lens[1] != 1460 || lens[2] != 80 {
		t.Errorf("data segments %v, want [1460 1460 80]", lens)
	}
	if got := delivered(tr, trace.B); got != n {
		t.Errorf("B read %d bytes", got)
	}
}
