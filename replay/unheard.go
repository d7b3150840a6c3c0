package replay

import (
	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/trace"
)

// This file: what a resend says about the ACKs before it. A side that
// resends sequence space an ACK had acknowledged had not received that
// ACK: it was lost, or held up, after the capture point (as when the final
// ACK of a close is lost and the FIN comes again, RFC 9293 §3.6). The ACK
// is not delivered before the resend, and if a later ACK covers as much,
// it is taken as lost.

// ackUnheard: y's packet j resends sequence space that the bare ACK q
// acknowledged. The first time, the note says so.
func (r *replayer) ackUnheard(y trace.Side, q, j int) bool {
	if j < 0 {
		return false
	}
	ack, next := &r.pk[q].seg, &r.pk[j].seg
	if ack.Flags&fsm.ACK == 0 || ack.Flags&fsm.RST != 0 || next.SegLen() == 0 || next.Flags&fsm.RST != 0 {
		return false
	}
	if !next.Seq.Add(next.SegLen()).LessEq(ack.Ack) || !next.Seq.LessThan(r.ends[y].conn.TCB().SndNxt) {
		return false // new sequence space, or the ACK did not cover it
	}
	if _, noted := r.unheard[q]; !noted {
		r.unheard[q] = r.pk[j].frame
		r.noteOn(q, Unseen, msg.ReplayACKUnheard, msg.Args{"Side": y.Upper(), "Frame": r.pk[j].frame})
	}
	return true
}

// supersededACK: the first segment in flight to x is a bare ACK that x
// showed it had not received, and a later one in flight acknowledges as
// much. It reports that later one.
func (r *replayer) supersededACK(x trace.Side) int {
	q := r.queue[x]
	if _, unheard := r.unheard[q[0]]; !unheard {
		return -1
	}
	ack := r.pk[q[0]].seg.Ack
	for n, k := range q[1:] {
		if n >= 256 {
			break
		}
		if s := &r.pk[k].seg; s.Flags&fsm.ACK != 0 && s.Flags&fsm.RST == 0 && ack.LessEq(s.Ack) {
			return k
		}
	}
	return -1
}

// answersSYN: y answers the SYN q with next without acknowledging it, as
// a synchronized connection answers a SYN with a challenge ACK (RFC 5961
// §4, RFC 9293 §3.10.7.4): then the SYN had arrived. A trial on a copy of
// y's Conn decides; a SYN carries no data, so the copy shares no memory
// that Arrive changes.
func (r *replayer) answersSYN(y trace.Side, q int, next *fsm.Segment) bool {
	syn := &r.pk[q].seg
	c := r.ends[y].conn
	if syn.Flags&(fsm.SYN|fsm.RST) != fsm.SYN || syn.Len != 0 || !(c.State().Synchronized() || c.State() == fsm.TimeWait) {
		return false
	}
	var heard answers
	f := r.feed(y, syn)
	c.Aside(&heard, func() { c.Arrive(f) })
	for _, a := range heard.segs {
		if a.Seq == next.Seq && a.Ack == next.Ack && a.Flags&^fsm.PSH == next.Flags&^fsm.PSH {
			return true
		}
	}
	return false
}

// answers keeps what a trial Arrive sends.
type answers struct {
	trace.Quiet
	segs []fsm.Segment
}

func (a *answers) Output(seg fsm.Segment, _ fsm.SendReason, _ *fsm.Row) { a.segs = append(a.segs, seg) }
