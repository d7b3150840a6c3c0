package replay

import (
	"github.com/tcpsim/tcpsim/trace"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
)

// ---- the receiver ----

// deliver hands the captured segment to y's Conn.
func (r *replayer) deliver(y trace.Side, i int) {
	defer func(cur int) { r.cur = cur }(r.cur)
	r.cur = i // notes are about this segment
	e := r.ends[y]
	c := &e.conn
	seg := r.pk[i].seg
	r.tr.Events[r.sendEv[i]].Arrive = r.now
	at := e.Next()
	ev := e.Add(trace.KDeliver)
	ev.Seg, ev.ID, ev.From = seg, int32(i), c.State()
	before, shed := len(e.out), e.shed
	e.Ruled(at, c.Arrive(r.feed(y, &seg)))
	// Output may have shed the front of out meanwhile: what Arrive sent
	// starts that much earlier (or was itself shed, in part).
	for _, o := range e.out[max(before-(e.shed-shed), 0):] {
		if o.row == nil {
			continue
		}
		switch {
		case trace.ChallengeRule(o.row):
			r.note(Inferred, msg.ReplayChallengeACK, msg.Args{"Side": y.Upper()})
		case o.row.On == fsm.EvUnacceptable && seg.Len == 0 && seg.Flags&^fsm.PSH == fsm.ACK && seg.Seq == c.TCB().RcvNxt-1:
			// The sender's own choice, not a departure: a keep-alive or
			// zero-window probe sits just below RCV.NXT to draw this ACK.
			r.note(Inferred, msg.ReplayProbe, msg.Args{"Side": y.Upper()})
		case o.row.On == fsm.EvUnacceptable && seg.Flags&fsm.SYN != 0:
			// A new SYN meeting an old connection: the ACK tells the
			// sender so (RFC 9293 §3.10.7.4), as it should.
			r.note(Inferred, msg.ReplayOutsideWindow, msg.Args{"Side": y.Upper(), "RcvNxt": uint64(c.TCB().RcvNxt), "RcvWnd": c.TCB().RcvWnd})
		case o.row.On == fsm.EvUnacceptable:
			if !r.resent[r.cur] {
				r.note(Unexpected, msg.ReplayOutsideWindow, msg.Args{"Side": y.Upper(), "RcvNxt": uint64(c.TCB().RcvNxt), "RcvWnd": c.TCB().RcvWnd})
			}
		case o.seg.Flags&fsm.RST != 0:
			r.note(Inferred, msg.ReplayAnswersWith, msg.Args{"Side": y.Upper(), "Seg": o.seg.String(), "Section": o.row.RFC})
		}
	}
}

// feed is the segment as y's Conn reads it: a window field that the
// Conn's own scaling turns into the window the capture shows, and on a
// SYN an MSS no segment will exceed, so the Conn never splits what it is
// asked to send. It sets RCV.WND to what y last advertised.
func (r *replayer) feed(y trace.Side, seg *fsm.Segment) fsm.Segment {
	f := *seg
	w := r.window(y.Peer(), seg)
	if on, shift, _ := r.ends[y].conn.WindowScale(); on && seg.Flags&fsm.SYN == 0 {
		w >>= shift // the Conn scales the field itself (RFC 7323 §2.3)
	}
	f.Wnd = uint16(min(w, 65535))
	if f.Flags&fsm.SYN != 0 {
		f.MSS = 65535
	}
	if c := &r.ends[y].conn; c.State() != fsm.Closed && c.State() != fsm.Listen {
		c.Advertise(max(r.ends[y].wnd, 1))
	}
	return f
}

// beforeSYN readies y for a SYN: if y answers it with a SYN,ACK, y was
// listening, and that SYN,ACK tells the ISS y will choose.
func (r *replayer) beforeSYN(y trace.Side, syn *fsm.Segment) {
	e := r.ends[y]
	c := &e.conn
	var next *packet
	for i := r.cur + 1; i < len(r.pk); i++ {
		if r.sideOf(&r.pk[i]) == y {
			next = &r.pk[i]
			break
		}
	}
	if next == nil || next.seg.Flags&fsm.SYN == 0 || next.seg.Flags&fsm.RST != 0 {
		return // y answers with a RST, or not at all: let the Conn decide
	}
	answers := next.seg.Flags&fsm.ACK != 0 && next.seg.Ack == syn.Seq.Add(1)
	switch c.State() {
	case fsm.Closed:
	case fsm.Listen, fsm.SynSent:
		if c.State() == fsm.Listen {
			e.iss = next.seg.Seq
			c.MirrorSYN(&next.seg)
		}
		return
	case fsm.TimeWait:
		if !answers || r.reopen(y, syn, &next.seg) {
			return
		}
		r.note(Inferred, msg.ReplaySYNInTimeWait, msg.Args{"Side": y.Upper()})
		r.timeout(y, fsm.TimerTimeWait)
	default:
		if !answers || next.seg.Seq == c.TCB().ISS {
			return
		}
		r.note(Inferred, msg.ReplayAnswersNewSYN, msg.Args{"Side": y.Upper(), "State": c.State().String()})
		e.Ruled(e.User(trace.OpCrash, 0), c.Reboot())
	}
	if next.seg.Flags&fsm.ACK != 0 {
		e.iss = next.seg.Seq
		e.incarnation()
		c.MirrorSYN(&next.seg)
		e.Ruled(e.User(trace.OpListen, 0), c.Open(false))
	}
	// A SYN without ACK crossed this one (simultaneous open): y opens when
	// the capture shows it, before this SYN is delivered.
}
