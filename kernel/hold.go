package kernel

import (
	"time"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// Holding a segment back and crafting one, on the kernel. Both are the
// relay's work (relay.go): it stands in the middle of the link, so it can
// keep a frame longer than the direction's delay and put a frame of its own
// on the wire toward either side. Neither is seen by the capture at A
// before it is due, as in the model, whose capture at A leaves out an
// injected segment (sim/pcap) and shows a held one leave on time.

// holdKey names a segment as the relay can recognise it: its sender and its
// SYN/FIN/RST/ACK bits, and its ordinal among the segments with those bits
// that pass the relay from that sender.
type holdKey struct {
	from  trace.Side
	flags fsm.Flags
	nth   int
}

// holds lists the segments the model's link held back (a `hold` fault, or
// reordering: held behind later ones by one more link delay) and by how
// much beyond the link's delay. As with dropRules, the model has already
// decided which transmission each fault matched (flags, nth, state, length,
// seq), so the relay only counts. A->B segments pass the relay before they
// can be lost (they are dropped as they enter B), B->A segments after (they
// are dropped as they leave B), so B's lost ones are not counted.
func holds(tr *trace.Trace, links [2]sim.LinkConfig) map[holdKey]time.Duration {
	const mask = fsm.SYN | fsm.FIN | fsm.RST | fsm.ACK
	count := map[holdKey]int{}
	out := map[holdKey]time.Duration{}
	for i := range tr.Events {
		e := &tr.Events[i]
		if e.Kind != trace.KSend || e.Injected || (e.Lost && e.Side == trace.B) {
			continue
		}
		k := holdKey{from: e.Side, flags: e.Seg.Flags & mask}
		k.nth = count[k]
		count[holdKey{from: k.from, flags: k.flags}]++
		if !e.Held && !e.Reorder || e.Lost {
			continue
		}
		// A hold adds its For to the link's delay, reordering one more delay.
		out[k] = e.Arrive - e.T - links[e.Side].Delay
	}
	return out
}

// inject is one crafted segment for the relay to put on the wire.
type inject struct {
	fault int           // index in the configuration's faults
	at    time.Duration // the model's time of the injection
	from  trace.Side    // the side it appears to come from; it goes to the other
	seg   fsm.Segment
	ports [2]uint16 // source and destination port when the fault names them (sim.Fault.Ports; 0: the connection's)
	// The model's numbers are absolute in its own sequence spaces; the
	// kernel's ISNs are random. seq is counted from the ISN that the
	// sender's incarnation number isn[0] had in the model (0: none yet,
	// then seq is used as written), ack from the receiver's isn[1].
	isn      [2]int
	modelISN [2]fsm.Seq
}

// injects lists the model's injected segments with the sequence spaces
// their numbers lie in: for seq, the latest incarnation of the side it
// appears to come from when it was injected (old-duplicate-syn's seq 90 is
// 10 below A's ISN 100, so on the kernel it is 10 below A's real ISN); for
// ack, the other side's. A number from a side with no connection yet
// (reset-two-passive-sockets: A only listens) is used as written.
func injects(cfg *sim.Config, tr *trace.Trace) []inject {
	var out []inject
	var isns [2][]fsm.Seq
	next := 0 // the next inject fault to pair with an injected send
	for i := range tr.Events {
		e := &tr.Events[i]
		if e.Kind != trace.KSend {
			continue
		}
		if !e.Injected {
			if e.Seg.Flags&fsm.SYN != 0 {
				s := &isns[e.Side]
				if n := len(*s); n == 0 || (*s)[n-1] != e.Seg.Seq {
					*s = append(*s, e.Seg.Seq)
				}
			}
			continue
		}
		for next < len(cfg.Faults) && cfg.Faults[next].Kind != sim.FaultInject {
			next++
		}
		if next == len(cfg.Faults) {
			break
		}
		in := inject{fault: next, at: cfg.Faults[next].At, from: e.Side, seg: e.Seg, ports: cfg.Faults[next].Ports}
		for j, side := range []trace.Side{e.Side, 1 - e.Side} {
			if n := len(isns[side]); n > 0 {
				in.isn[j], in.modelISN[j] = n, isns[side][n-1]
			}
		}
		out = append(out, in)
		next++
	}
	return out
}

// liveSeg is in's segment with its numbers moved from the model's
// sequence spaces to the kernel's: live holds each side's ISNs as the relay
// saw them, one per incarnation. ok is false while an ISN it needs has not
// been seen yet.
func (in *inject) liveSeg(live [2][]uint32) (seg fsm.Segment, ok bool) {
	seg = in.seg
	sides := [2]trace.Side{in.from, 1 - in.from}
	if n := in.isn[0]; n > 0 {
		if len(live[sides[0]]) < n {
			return seg, false
		}
		seg.Seq = fsm.Seq(uint32(seg.Seq) - uint32(in.modelISN[0]) + live[sides[0]][n-1])
	}
	if n := in.isn[1]; n > 0 && seg.Flags&fsm.ACK != 0 {
		if len(live[sides[1]]) < n {
			return seg, false
		}
		seg.Ack = fsm.Seq(uint32(seg.Ack) - uint32(in.modelISN[1]) + live[sides[1]][n-1])
	}
	return seg, true
}
