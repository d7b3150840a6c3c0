package replay

import (
	"net/netip"
	"time"

	"github.com/tcpsim/tcpsim/trace"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/sim"
)

// This file: the replayer's state and its main loop.

type replayer struct {
	pk     []packet
	tr     *trace.Trace
	addr   [2]netip.AddrPort
	t0     time.Time
	now    time.Duration
	ends   [2]*end
	notes  []Note
	cur    int
	sendT  []time.Duration // per packet: its time in the trace
	resent []bool          // per packet: a retransmission
	sendEv []int           // per packet: the index of its KSend event
	queue  [2][]int        // per receiver: packets sent to it, not yet delivered
	rtt    time.Duration   // the round trip the handshake shows from the capture point
	next   []int           // per packet: the next packet the other side sends, or -1
	// unheard: per bare ACK, the frame of the resend that shows its
	// receiver had not got it when it sent that resend.
	unheard map[int]int
	// scaleUnknown: the capture starts after the handshake, so whether the
	// windows are scaled, and by how much, is unknown.
	scaleUnknown bool
	lim          sim.Limits  // the budget (budget.go); zero: none
	payload      int64       // bytes of payload the segments hold
	stop         *LimitError // the budget stopped the replay
}

func newReplayer(pk []packet, lim sim.Limits) *replayer {
	r := &replayer{pk: pk, tr: &trace.Trace{Events: make([]trace.Event, 0, min(eventsPerSegment*len(pk), lim.Events+64))},
		sendT: make([]time.Duration, len(pk)), resent: make([]bool, len(pk)), sendEv: make([]int, len(pk)), unheard: map[int]int{}, lim: lim}
	for i := range pk {
		r.payload += int64(len(pk[i].seg.Data))
	}
	// A is the side that opens: the sender of the first SYN, or the
	// receiver of the first SYN,ACK; failing both, whoever speaks first.
	r.addr = [2]netip.AddrPort{pk[0].src, pk[0].dst}
	for _, p := range pk {
		if p.seg.Flags&fsm.SYN != 0 && p.seg.Flags&fsm.RST == 0 {
			if p.seg.Flags&fsm.ACK == 0 {
				r.addr = [2]netip.AddrPort{p.src, p.dst}
			} else {
				r.addr = [2]netip.AddrPort{p.dst, p.src}
			}
			break
		}
	}
	r.t0 = pk[0].ts
	// Seen from anywhere on the path, the handshake's two gaps add up to
	// one round trip; the larger is most of it.
	for i := 0; i+2 < len(pk) && i < 16; i++ {
		a, b, c := &pk[i].seg, &pk[i+1].seg, &pk[i+2].seg
		if a.Flags&(fsm.SYN|fsm.ACK) == fsm.SYN && b.Flags&(fsm.SYN|fsm.ACK) == fsm.SYN|fsm.ACK && c.Flags&(fsm.SYN|fsm.ACK) == fsm.ACK {
			r.rtt = max(pk[i+1].ts.Sub(pk[i].ts), pk[i+2].ts.Sub(pk[i+1].ts))
			break
		}
	}
	r.next = make([]int, len(pk))
	after := [2]int{-1, -1}
	for i := len(pk) - 1; i >= 0; i-- {
		x := r.sideOf(&pk[i])
		r.next[i] = after[x.Peer()]
		after[x] = i
	}
	for s := trace.A; s <= trace.B; s++ {
		e := &end{r: r, side: s, wnd: 65535, ws: -1, sentAt: map[fsm.Seq]time.Duration{}, firstAt: map[fsm.Seq]int{}}
		e.Recorder = trace.Recorder{Trace: r.tr, Side: s, Conn: &e.conn, Now: &r.now}
		// Delayed ACKs let an ACK wait for the capture to show whether it
		// went alone, rode on data, or was merged with the next one. The
		// largest MSS and a vast initial congestion window keep the Conn
		// from cutting up or holding back what the capture shows was sent.
		// Real hosts answer through the sockets API: a RST to our SYN is "refused".
		e.conn = fsm.NewConn(fsm.Config{Window: 65535, MSS: 65535, DelayedACK: true, PSHOnLast: true, InitialWindow: 1 << 14, RefusedInSynSent: true,
			SockOpts: fsm.SockOpts{NeverHold: true}}, e)
		r.ends[s] = e
		r.tr.Ends[s] = trace.Endpoint{Addr: r.addr[s].Addr(), Port: r.addr[s].Port()}
	}
	return r
}

// add appends an event stamped with the time and the side's TCB.
func (r *replayer) add(k trace.Kind, s trace.Side) *trace.Event { return r.ends[s].Add(k) }

func (r *replayer) note(k NoteKind, id msg.ID, args msg.Args) {
	r.noteOn(r.cur, k, id, args)
}

// noteOn remarks on packet i.
func (r *replayer) noteOn(i int, k NoteKind, id msg.ID, args msg.Args) {
	m := msgNote(id, args)
	r.notes = append(r.notes, Note{Frame: r.pk[i].frame, ID: int32(i), T: max(r.pk[i].ts.Sub(r.t0), 0), Kind: k, Text: msg.English().Say(m), Msg: m})
}

func (r *replayer) sideOf(p *packet) trace.Side {
	if p.src == r.addr[trace.A] {
		return trace.A
	}
	return trace.B
}

func (r *replayer) run() {
	r.midStart()
	for i := range r.pk {
		if r.stop = r.over(i); r.stop != nil {
			r.pk = r.pk[:i] // what came before is replayed, as if the capture ended here
			break
		}
		r.cur = i
		p := &r.pk[i]
		if t := p.ts.Sub(r.t0); t > r.now {
			r.now = t // a trace's time never goes back, whatever the capture's clock did
		}
		x := r.sideOf(p)
		y := x.Peer()
		r.deliverDue(x, i)
		if p.seg.Flags&(fsm.SYN|fsm.ACK|fsm.RST) == fsm.SYN {
			// What reaches y ahead of this SYN (a RST that ends its old
			// connection) decides how y takes it.
			r.aheadOfSYN(y, i)
			r.beforeSYN(y, &p.seg) // the peer listened before this SYN left
		}
		r.cur = i
		r.send(x, p)
		r.queue[y] = append(r.queue[y], i)
		// Delivered at once unless the peer shows it had not received it
		// when it next sent: the ladder then draws one arrow.
		if len(r.queue[y]) == 1 && r.due(y, i, r.next[i]) && !r.resentBefore(i, r.next[i]) {
			r.queue[y] = r.queue[y][:0]
			r.deliver(y, i)
		}
	}
	// The capture ends: what is still in flight arrives, in order.
	for len(r.queue[0])+len(r.queue[1]) > 0 {
		s := trace.A
		if len(r.queue[0]) == 0 || len(r.queue[1]) > 0 && r.queue[1][0] < r.queue[0][0] {
			s = trace.B
		}
		r.deliverDue(s, -1)
	}
	r.finish()
}

// deliverDue delivers to x, in order, what x must have received before it
// sent packet i (-1: the capture ended).
func (r *replayer) deliverDue(x trace.Side, i int) {
	for len(r.queue[x]) > 0 {
		q := r.queue[x][0]
		if k := r.resentInQueue(x); k >= 0 {
			// Resent before any answer: the first copy is taken as lost.
			r.queue[x] = r.queue[x][1:]
			r.tr.Events[r.sendEv[q]].Lost = true
			r.noteOn(q, Unseen, msg.ReplayAnsweredCopy, msg.Args{"Side": x.Upper(), "Frame": r.pk[k].frame})
			continue
		}
		if k := r.supersededACK(x); k >= 0 {
			// Never acted on, and a later ACK covers it: that one arrived.
			r.queue[x] = r.queue[x][1:]
			r.tr.Events[r.sendEv[q]].Lost = true
			r.noteOn(q, Unseen, msg.ReplayACKLost, msg.Args{"Side": x.Upper(), "Frame": r.pk[k].frame})
			continue
		}
		if !r.due(x, q, i) {
			return
		}
		r.queue[x] = r.queue[x][1:]
		r.deliver(x, q)
	}
}

// aheadOfSYN delivers to y what reached it before the SYN in packet i,
// short of a copy that SYN resends (taken as lost later).
func (r *replayer) aheadOfSYN(y trace.Side, i int) {
	for len(r.queue[y]) > 0 {
		q := r.queue[y][0]
		if r.resends(i, q) || r.resentInQueue(y) >= 0 || !r.due(y, q, r.next[i]) {
			return
		}
		r.queue[y] = r.queue[y][1:]
		r.deliver(y, q)
	}
}

// resends: packet k repeats packet q's sequence space and control flags.
func (r *replayer) resends(k, q int) bool {
	a, b := &r.pk[q].seg, &r.pk[k].seg
	return r.pk[k].src == r.pk[q].src && a.SegLen() > 0 && a.Flags&fsm.RST == 0 && b.Flags&fsm.RST == 0 &&
		b.Seq == a.Seq && b.Flags&(fsm.SYN|fsm.FIN|fsm.ACK) == a.Flags&(fsm.SYN|fsm.FIN|fsm.ACK) && b.SegLen() >= a.SegLen()
}

// resentInQueue: a later segment in flight to x resends the first one.
func (r *replayer) resentInQueue(x trace.Side) int {
	q := r.queue[x]
	for n, k := range q[1:] {
		if n >= 256 {
			break
		}
		if r.resends(k, q[0]) {
			return k
		}
	}
	return -1
}

// resentBefore: the sender resends packet i before packet j (-1: the end).
func (r *replayer) resentBefore(i, j int) bool {
	if j < 0 {
		j = len(r.pk)
	}
	for k := i + 1; k < j && k <= i+256; k++ {
		if r.resends(k, i) {
			return true
		}
	}
	return false
}

// due reports whether y must have received packet q before sending
// packet j (-1: the capture ended). A capture is taken at one point: a
// segment may be seen long before it arrives, so what y sends is the
// evidence. Sequence space arrived once y acknowledges it.
func (r *replayer) due(y trace.Side, q, j int) bool {
	if j < 0 {
		return true
	}
	seg, next := &r.pk[q].seg, &r.pk[j].seg
	switch {
	case seg.Flags&fsm.RST != 0:
		return r.resetArrived(y, seg, next)
	case seg.SegLen() == 0:
		// A bare ACK cannot be acknowledged, so it is taken to arrive at
		// once, unless y then resends what it acknowledges: y had not got
		// it (ackUnheard).
		return !r.ackUnheard(y, q, j)
	default:
		end := seg.Seq.Add(seg.SegLen())
		if st := r.ends[y].conn.State(); next.Flags&fsm.RST != 0 && (st == fsm.Closed || st == fsm.Listen || st == fsm.SynSent) {
			// A RST that answers this segment (§3.10.7.1 to §3.10.7.3). In
			// other states y's RST is an ABORT, whatever is in flight.
			return seg.Flags&fsm.ACK != 0 && next.Seq == seg.Ack || next.Flags&fsm.ACK != 0 && next.Ack == end
		}
		return next.Flags&fsm.ACK != 0 && end.LessEq(next.Ack) || r.answersSYN(y, q, next)
	}
}

// resetArrived: a RST that y's Conn would accept ends its connection, so
// anything but a RST or a SYN (of a new connection) that y sends after it
// was sent before the RST arrived (as when an abort crosses data in flight). A RST it
// would refuse, or answer with a challenge ACK, is delivered at once.
func (r *replayer) resetArrived(y trace.Side, rst, next *fsm.Segment) bool {
	if next.Flags&fsm.RST != 0 || next.Flags&fsm.SYN != 0 {
		return true // a SYN, or a SYN,ACK to a new SYN: a new connection
	}
	trial := r.ends[y].conn // a copy: Arrive of a RST changes no shared memory
	f := r.feed(y, rst)
	trial.Aside(trace.Quiet{}, func() { trial.Arrive(f) })
	return trial.State() != fsm.Closed && trial.State() != fsm.Listen
}

// midStart handles a capture that begins after the handshake: both sides
// start ESTABLISHED, with sequence numbers read off their first segments.
func (r *replayer) midStart() {
	for _, p := range r.pk {
		if p.seg.Flags&fsm.SYN != 0 {
			return
		}
		if p.seg.Flags&fsm.ACK != 0 {
			break
		}
	}
	var first [2]*packet
	for i := range r.pk {
		if s := r.sideOf(&r.pk[i]); first[s] == nil {
			first[s] = &r.pk[i]
		}
	}
	var iss [2]fsm.Seq
	for s := trace.A; s <= trace.B; s++ {
		switch p, q := first[s], first[s.Peer()]; {
		case p != nil:
			iss[s] = p.seg.Seq - 1
		case q.seg.Flags&fsm.ACK != 0:
			iss[s] = q.seg.Ack - 1
		}
	}
	r.scaleUnknown = true
	// A handshake nobody sees, so the Conns start as a real one would.
	a, b := &r.ends[trace.A].conn, &r.ends[trace.B].conn
	a.Aside(trace.Quiet{ISN: iss[trace.A]}, func() {
		b.Aside(trace.Quiet{ISN: iss[trace.B]}, func() {
			b.Open(false)
			a.Open(true)
			b.Arrive(fsm.Segment{Seq: iss[trace.A], Flags: fsm.SYN, Wnd: 65535, MSS: 65535})
			a.Arrive(fsm.Segment{Seq: iss[trace.B], Ack: iss[trace.A] + 1, Flags: fsm.SYN | fsm.ACK, Wnd: 65535, MSS: 65535})
			b.Arrive(fsm.Segment{Seq: iss[trace.A] + 1, Ack: iss[trace.B] + 1, Flags: fsm.ACK, Wnd: 65535})
		})
	})
	for s := trace.A; s <= trace.B; s++ {
		r.ends[s].iss = iss[s]
		ev := r.add(trace.KState, s)
		ev.From, ev.To = fsm.Closed, r.ends[s].conn.State()
	}
	n := wholeNote(Inferred, msg.ReplayMidStart, nil)
	n.Frame = r.pk[0].frame
	r.notes = append(r.notes, n)
}
