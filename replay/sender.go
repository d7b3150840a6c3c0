package replay

import (
	"time"

	"github.com/tcpsim/tcpsim/trace"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
)

// ---- the sender ----

// send finds what made x send the captured segment and records it.
func (r *replayer) send(x trace.Side, p *packet) {
	e := r.ends[x]
	seg := p.seg
	if seg.Flags&fsm.SYN != 0 {
		r.scaleUnknown = false
		e.ws = -1
		if seg.Opts&fsm.OptWScale != 0 {
			e.ws = int(seg.WScale)
		}
	}
	e.wnd = r.window(x, &seg)
	// What the Conn already owes comes first: a SYN,ACK in a simultaneous
	// open repeats the SYN's sequence number without being a resend.
	got, ok := e.take(&seg)
	retx, origin := false, 0
	if !ok {
		if retx, origin = r.isRetransmission(e, &seg); retx {
			got, ok = r.retransmit(x, &seg)
		} else {
			got, ok = r.produce(x, &seg)
		}
	}
	r.sendEv[r.cur] = len(r.tr.Events)
	ev := r.add(trace.KSend, x)
	ev.Seg, ev.ID, ev.Arrive, ev.From = seg, int32(r.cur), r.now, e.conn.State()
	ev.Reason = got.why
	if got.row != nil {
		ev.Row = int16(got.row.ID)
	}
	if !ok {
		ev.Reason = defaultWhy(&seg)
	}
	if ev.Reason == fsm.ReasonDelayedACK && r.now-e.ackOwed < r.rtt+quickACK {
		ev.Reason = fsm.ReasonACK // the host did not wait: only the model did
	}
	if retx {
		r.resent[r.cur] = true
		e.retx++
		ev.Reason, ev.Retx = fsm.ReasonRetransmit, e.retx
		if at, ok := e.sentAt[seg.Seq]; ok {
			ev.Dur = r.now - at
		}
		r.note(Inferred, msg.ReplayResends, msg.Args{"Frame": origin, "Peer": x.Peer().Upper()})
	}
	if seg.SegLen() > 0 && seg.Flags&fsm.RST == 0 {
		e.sentAt[seg.Seq] = r.now
		if _, seen := e.firstAt[seg.Seq]; !seen {
			e.firstAt[seg.Seq] = r.pk[r.cur].frame
		}
		if end := seg.Seq.Add(seg.SegLen()); !e.hiSet || e.hi.LessThan(end) {
			e.hi, e.hiSet = end, true
		}
		e.syns |= synBit(&seg)
	}
	r.sendT[r.cur] = r.now
}

// quickACK: an ACK sent sooner than this (plus a round trip, which the
// capture point may see too) after it became due was not delayed;
// delayed-ACK timers run for tens of milliseconds.
const quickACK = 5 * time.Millisecond

func defaultWhy(seg *fsm.Segment) fsm.SendReason {
	switch {
	case seg.Flags&(fsm.SYN|fsm.RST) != 0:
		return fsm.ReasonControl
	case seg.SegLen() > 0:
		return fsm.ReasonData
	}
	return fsm.ReasonACK
}

// window is the window a segment advertises, scaled once both SYNs
// negotiated scaling (RFC 7323 §2.2; SYNs themselves are never scaled).
func (r *replayer) window(x trace.Side, seg *fsm.Segment) uint32 {
	if r.scaleUnknown && seg.Flags&fsm.SYN == 0 {
		return 1 << 30 // no SYN seen: the scale, so the window, is unknown
	}
	w := uint32(seg.Wnd)
	if seg.Flags&fsm.SYN == 0 && r.ends[x].ws >= 0 && r.ends[x.Peer()].ws >= 0 {
		w <<= uint(r.ends[x].ws)
	}
	return w
}

// isRetransmission: the segment only repeats sequence space the capture
// already showed x sending in this incarnation. It reports the first frame
// that sent it.
func (r *replayer) isRetransmission(e *end, seg *fsm.Segment) (bool, int) {
	if seg.SegLen() == 0 || seg.Flags&fsm.RST != 0 || !e.hiSet {
		return false, 0
	}
	if seg.Flags&fsm.SYN != 0 {
		// A SYN,ACK after our SYN (simultaneous open) is no resend; a SYN
		// with another ISS opens a new incarnation.
		if seg.Seq != e.conn.TCB().ISS || e.syns&synBit(seg) == 0 {
			return false, 0
		}
	}
	end := seg.Seq.Add(seg.SegLen())
	if !end.LessEq(e.hi) {
		return false, 0
	}
	if f, ok := e.firstAt[seg.Seq]; ok {
		return true, f
	}
	origin := 0
	for j := r.cur - 1; j >= 0 && j >= r.cur-1000; j-- {
		q := &r.pk[j]
		if q.src == r.addr[e.side] && q.seg.Seq.LessThan(end) && seg.Seq.LessThan(q.seg.Seq.Add(q.seg.SegLen())) {
			origin = q.frame
		}
	}
	return true, origin
}

// retransmit accounts for a resent segment. Resending changes no state,
// so the Conn is not asked; its retransmission timer is read for the note.
func (r *replayer) retransmit(x trace.Side, seg *fsm.Segment) (pending, bool) {
	c := &r.ends[x].conn
	switch st := c.State(); st {
	case fsm.Closed, fsm.Listen, fsm.TimeWait:
		// No retransmission timer runs here: say so rather than fire one.
		r.note(Unexpected, msg.ReplayResendImpossible, msg.Args{"Side": x.Upper(), "State": st.String()})
		return pending{why: fsm.ReasonRetransmit}, true
	}
	ev := r.add(trace.KTimer, x)
	ev.Timer, ev.TimerEv = fsm.TimerRTO, trace.TimerFired
	if end := seg.Seq.Add(seg.SegLen()); end.LessEq(c.TCB().SndUna) && seg.Flags&fsm.SYN == 0 {
		r.note(Inferred, msg.ReplaySpurious, msg.Args{"Peer": x.Peer().Upper()})
	}
	if seg.Flags&fsm.ACK != 0 && c.State() != fsm.SynSent && seg.Ack != c.TCB().RcvNxt {
		r.ackCheck(x, seg)
	}
	return pending{why: fsm.ReasonRetransmit}, true
}

// produce makes x's Conn send the segment: from what it already owes, or
// after the user call or timer that would make it.
func (r *replayer) produce(x trace.Side, seg *fsm.Segment) (pending, bool) {
	e := r.ends[x]
	c := &e.conn
	st := c.State()
	switch {
	case seg.Flags&fsm.RST != 0:
		switch st {
		case fsm.SynReceived, fsm.Established, fsm.FinWait1, fsm.FinWait2, fsm.CloseWait:
			// An ABORT sends <SEQ=SND.NXT>; a RST elsewhere in the sequence
			// space was not made by this connection (forged, or left over).
			if seg.Seq == c.TCB().SndNxt {
				c.SetAbortACK(seg.Flags&fsm.ACK != 0)
				e.Ruled(e.User(trace.OpAbort, 0), c.Abort())
			}
		}
	case seg.Flags&fsm.SYN != 0 && seg.Flags&fsm.ACK == 0:
		switch st {
		case fsm.Closed, fsm.Listen:
			r.connect(x, seg)
		case fsm.TimeWait:
			r.note(Inferred, msg.ReplayLeavesTimeWait, msg.Args{"Side": x.Upper()})
			r.timeout(x, fsm.TimerTimeWait)
			r.connect(x, seg)
		default:
			r.note(Inferred, msg.ReplayOpensAgain, msg.Args{"Side": x.Upper(), "State": st.String()})
			e.Ruled(e.User(trace.OpCrash, 0), c.Reboot())
			r.connect(x, seg)
		}
	case seg.Flags&fsm.SYN != 0:
		if st == fsm.Closed || st == fsm.Listen {
			r.unseenSYN(x, seg)
		}
	default:
		if seg.Len > 0 {
			r.newData(x, seg)
		}
		if seg.Flags&fsm.FIN != 0 {
			if fin, _ := c.FinSent(); !fin {
				switch st {
				case fsm.SynReceived, fsm.Established, fsm.CloseWait:
					i := e.User(trace.OpClose, 0)
					c.Unblocked(func() { e.Ruled(i, c.Close()) })
				}
			}
		}
		if seg.SegLen() == 0 && e.timers[fsm.TimerDelayedACK] {
			r.timeout(x, fsm.TimerDelayedACK)
		}
	}
	if got, ok := e.take(seg); ok {
		return got, true
	}
	if got, ok := r.takeLoose(e, seg); ok {
		return got, true
	}
	r.unexpected(x, seg, st)
	return pending{}, false
}

// unseenSYN: x answers a SYN the capture does not show (taken elsewhere,
// or started late). x was listening and got it; if the peer goes on to
// acknowledge the SYN,ACK, the peer had sent that SYN.
func (r *replayer) unseenSYN(x trace.Side, synack *fsm.Segment) {
	e, c := r.ends[x], &r.ends[x].conn
	syn := fsm.Segment{Seq: synack.Ack - 1, Flags: fsm.SYN, Wnd: 65535}
	r.note(Unseen, msg.ReplayUnseenSYN, msg.Args{"Side": x.Upper(), "Seq": uint64(syn.Seq)})
	y := x.Peer()
	if n := r.next[r.cur]; n >= 0 && r.ends[y].conn.State() == fsm.Closed {
		if q := &r.pk[n].seg; q.Flags&(fsm.RST|fsm.ACK) == fsm.ACK && q.Ack == synack.Seq.Add(1) {
			r.connect(y, &syn)
			r.ends[y].out = r.ends[y].out[:0] // that SYN: sent, not captured
			r.ends[y].hi, r.ends[y].hiSet = syn.Seq.Add(1), true
		}
	}
	e.iss = synack.Seq
	e.incarnation()
	c.MirrorSYN(synack)
	if c.State() == fsm.Closed {
		e.Ruled(e.User(trace.OpListen, 0), c.Open(false))
	}
	i := e.Next()
	ev := e.Add(trace.KDeliver)
	ev.Seg, ev.ID, ev.From = syn, -1, c.State()
	syn.MSS = 65535
	e.Ruled(i, c.Arrive(syn))
}

// newData: the user SENT the segment's new bytes (after any gap).
func (r *replayer) newData(x trace.Side, seg *fsm.Segment) {
	e := r.ends[x]
	c := &e.conn
	switch c.State() {
	case fsm.SynSent, fsm.SynReceived, fsm.Established, fsm.CloseWait:
	default:
		return
	}
	if fin, _ := c.FinSent(); fin {
		return
	}
	streamEnd := c.TCB().SndNxt.Add(c.Unsent())
	end := seg.Seq.Add(seg.Len)
	if !streamEnd.LessThan(end) {
		return
	}
	n := seg.Len
	if gap := seg.Seq.Sub(streamEnd); gap > 0 {
		r.note(Unseen, msg.ReplayUnseenBytes, msg.Args{"Side": x.Upper(), "Count": int(gap), "Seq": uint64(streamEnd)})
		i := e.User(trace.OpSend, uint32(gap))
		owed := len(r.ends[x].out)
		c.Unblocked(func() { e.Ruled(i, c.Send(nil, uint32(gap))) })
		r.ends[x].out = r.ends[x].out[:owed] // sent, but not where the capture was taken
	} else if gap < 0 {
		n -= uint32(-gap) // part of it is resent
	}
	// The sender's Conn counts bytes without keeping them: the capture
	// holds the payload, and a long capture would otherwise sit in memory
	// twice.
	i := e.User(trace.OpSend, n)
	c.Unblocked(func() { e.Ruled(i, c.Send(nil, n)) })
}

// timeout: the capture shows s acting as if timer t had fired.
func (r *replayer) timeout(s trace.Side, t fsm.Timer) {
	e := r.ends[s]
	i := e.Next()
	e.TimerEvent(t, trace.TimerFired, 0)
	e.timers[t] = false
	e.Ruled(i, e.conn.Expire(t, false))
}

func (r *replayer) connect(x trace.Side, syn *fsm.Segment) {
	e := r.ends[x]
	e.iss = syn.Seq
	e.incarnation()
	e.conn.MirrorSYN(syn)
	e.Ruled(e.User(trace.OpConnect, 0), e.conn.Open(true))
}

// take removes and returns the pending segment (or run of segments) that
// the captured one is. Anything owed before it was not sent as such.
func (e *end) take(seg *fsm.Segment) (pending, bool) {
	for i := range e.out {
		if n := matchRun(e.out[i:], seg); n > 0 {
			got := e.out[i]
			e.dropped(e.out[:i])
			e.out = append(e.out[:0], e.out[i+n:]...)
			return got, true
		}
	}
	return pending{}, false
}

// takeLoose accepts a pending segment that covers the same sequence space
// with the same control flags: the sender cut its data differently.
func (r *replayer) takeLoose(e *end, seg *fsm.Segment) (pending, bool) {
	if seg.SegLen() == 0 {
		return pending{}, false
	}
	ctl := fsm.SYN | fsm.FIN | fsm.RST
	start, end := seg.Seq, seg.Seq.Add(seg.SegLen())
	for i, p := range e.out {
		ps, pe := p.seg.Seq, p.seg.Seq.Add(p.seg.SegLen())
		if p.seg.Flags&ctl == seg.Flags&ctl && ps.LessThan(end) && start.LessThan(pe) {
			e.dropped(e.out[:i])
			e.out = append(e.out[:0], e.out[i+1:]...)
			return p, true
		}
	}
	return pending{}, false
}

// dropped notes owed segments that never appeared. Bare ACKs are left
// alone: stacks merge and delay them freely.
func (e *end) dropped(ps []pending) {
	for _, p := range ps {
		// The Conn's own retransmissions (fast retransmit) are its guess;
		// the capture shows the host's.
		if p.why != fsm.ReasonRetransmit && (p.seg.SegLen() > 0 || p.seg.Flags&fsm.RST != 0) {
			e.r.note(Unexpected, msg.ReplayWouldSendFirst, msg.Args{"Side": e.side.Upper(), "Seg": p.seg.String()})
		}
	}
}

// matchRun reports how many pending segments, from the first, make up the
// captured one: 1 for an exact match, more when the sender put into one
// segment what the Conn sent as several (data then FIN, or a large send).
func matchRun(ps []pending, seg *fsm.Segment) int {
	const ignore = fsm.PSH
	p := &ps[0].seg
	if seg.Flags&fsm.RST != 0 {
		// An abort may or may not carry ACK (RFC 9293 §3.10.5 and Linux
		// differ); only the sequence number decides whether it is accepted.
		if p.Flags&fsm.RST != 0 && p.Seq == seg.Seq {
			return 1
		}
		return 0
	}
	if p.Seq != seg.Seq || p.Flags&fsm.RST != 0 {
		return 0
	}
	if seg.Flags&fsm.ACK != 0 && (p.Flags&fsm.ACK == 0 || p.Ack != seg.Ack) {
		return 0
	}
	if p.Flags&^ignore == seg.Flags&^ignore && p.Len == seg.Len {
		return 1
	}
	// Coalesce consecutive pieces of sequence space.
	flags, next := fsm.Flags(0), seg.Seq
	want := seg.Seq.Add(seg.SegLen())
	for i := range ps {
		q := &ps[i].seg
		if q.Seq != next || q.SegLen() == 0 || q.Flags&fsm.RST != 0 {
			return 0
		}
		flags |= q.Flags
		next = next.Add(q.SegLen())
		if next == want {
			if flags&^ignore == seg.Flags&^ignore {
				return i + 1
			}
			return 0
		}
		if want.LessThan(next) {
			return 0
		}
	}
	return 0
}

// unexpected explains a segment no stimulus makes the Conn send.
func (r *replayer) unexpected(x trace.Side, seg *fsm.Segment, st fsm.State) {
	c := &r.ends[x].conn
	fin, _ := c.FinSent()
	switch {
	case seg.Flags&fsm.RST != 0 && (st == fsm.Closing || st == fsm.LastAck || st == fsm.TimeWait):
		r.note(Unexpected, msg.ReplayRSTAfterClose, msg.Args{"Side": x.Upper(), "State": st.String()})
	case seg.Flags&fsm.RST != 0 && (st.Synchronized() || st == fsm.SynReceived):
		r.note(Unexpected, msg.ReplayRSTForged, msg.Args{"Side": x.Upper(), "State": st.String(), "SndNxt": uint64(c.TCB().SndNxt)})
	case seg.Flags&fsm.RST != 0:
		r.note(Unexpected, msg.ReplayRSTUnexplained, msg.Args{"Side": x.Upper(), "State": st.String()})
	case seg.Flags&(fsm.SYN|fsm.ACK) == fsm.SYN|fsm.ACK:
		r.note(Unexpected, msg.ReplaySYNACKUnasked, msg.Args{"Side": x.Upper(), "State": st.String()})
	case seg.Len > 0 && (fin || st == fsm.FinWait1 || st == fsm.FinWait2 || st == fsm.Closing || st == fsm.LastAck || st == fsm.TimeWait):
		r.note(Unexpected, msg.ReplayDataAfterFIN, msg.Args{"Side": x.Upper(), "State": st.String()})
	case seg.Len > 0 || seg.Flags&fsm.FIN != 0:
		r.note(Unexpected, msg.ReplayNoWay, msg.Args{"Side": x.Upper(), "State": st.String()})
	case st == fsm.Closed || st == fsm.Listen || st == fsm.SynSent:
		r.note(Unexpected, msg.ReplayACKNothing, msg.Args{"Side": x.Upper(), "State": st.String()})
	case seg.Seq.Add(1) == c.TCB().SndNxt && c.TCB().SndUna == c.TCB().SndNxt:
		r.note(Inferred, msg.ReplayKeepalive, nil)
	default:
		r.ackCheck(x, seg)
	}
}

// ackCheck explains an ACK nobody owed, or one that acknowledges data the
// capture never showed.
func (r *replayer) ackCheck(x trace.Side, seg *fsm.Segment) {
	c := &r.ends[x].conn
	switch {
	case seg.Flags&fsm.ACK == 0:
	case c.TCB().RcvNxt.LessThan(seg.Ack):
		r.note(Unseen, msg.ReplayAcksUnseen, msg.Args{"Side": x.Upper(), "Count": int(seg.Ack.Sub(c.TCB().RcvNxt)), "Peer": x.Peer().Upper()})
	case seg.Len == 0 && seg.Flags&(fsm.SYN|fsm.FIN) == 0:
		r.note(Inferred, msg.ReplayACKUnowed, nil)
	}
}
