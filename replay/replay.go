// Package replay reads a real capture of a TCP connection (pcap or pcapng)
// and runs both endpoints' RFC 9293 state machines over the segments it
// shows. The result is a tcpsim trace, so the ladder and the JSON Lines
// output show what really happened with the state each side must have
// been in, plus notes: segments the state machine would not send in the
// state it infers, and segments the other side may never have seen.
//
// How states are inferred: each side is an fsm.Conn. When side X is seen
// sending a segment, the replay finds the stimulus that makes X's Conn
// send it: a SYN from CLOSED is an active OPEN (with the ISS the capture
// shows), new data is a SEND, a FIN is a CLOSE, a RST an ABORT, an ACK may
// be the one an arrival owed or the delayed-ACK timer released. The
// segment is then delivered to the other side's Conn, whose answers wait
// to be matched against what that side is seen sending next.
//
// A capture is taken at one point, so a segment may be seen long before it
// arrives. A segment is delivered when the other side's next segment shows
// it had arrived (acknowledges it), which also untangles segments that
// cross (simultaneous close, an abort meeting data in flight).
package replay

import (
	"fmt"
	"io"
	"net/netip"
	"os"
	"sort"
	"time"

	"github.com/tcpsim/tcpsim/trace"

	"github.com/tcpsim/tcpsim/fsm"
)

// Options select what to replay.
type Options struct {
	Stream int // the TCP connection, numbered as Wireshark's tcp.stream: 0 is the first
}

// NoteKind classifies a note.
type NoteKind uint8

const (
	Unexpected NoteKind = iota // the state machine would not send this in the inferred state
	Unseen                     // the other side may not have seen this segment
	Inferred                   // how the replay read the capture: a gap, a lost connection, ...
)

var noteKinds = [...]string{"unexpected", "unseen", "inferred"}

func (k NoteKind) String() string {
	if int(k) < len(noteKinds) {
		return noteKinds[k]
	}
	return "note(?)"
}

// Note is a remark on one segment, or on the whole capture (Frame 0).
type Note struct {
	Frame int           // capture frame number, 1-based; 0: the whole capture
	ID    int32         // the segment's transmission ID in the trace; -1: none
	T     time.Duration // the frame's time, counted from the capture's first frame
	Kind  NoteKind
	Text  string
}

// Result is a replayed capture.
type Result struct {
	Trace   *trace.Trace
	Format  string // "pcap" or "pcapng"
	Frames  int    // frames in the file
	Streams int    // TCP connections in the file
	Stream  int    // the one replayed
	Frame   []int  // capture frame number of each transmission ID
	Notes   []Note
}

// ReadFile replays a capture file.
func ReadFile(path string, opts Options) (*Result, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	res, err := Read(f, opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return res, nil
}

// Read replays a capture.
func Read(r io.Reader, opts Options) (res *Result, err error) {
	c, err := readCapture(r)
	if err != nil {
		return nil, err
	}
	ss := c.streams()
	if len(ss) == 0 {
		return nil, fmt.Errorf("no TCP segments in %d frames", c.frames)
	}
	if opts.Stream < 0 || opts.Stream >= len(ss) {
		if len(ss) == 1 {
			return nil, fmt.Errorf("no stream %d: the capture holds one TCP connection, stream 0", opts.Stream)
		}
		return nil, fmt.Errorf("no stream %d: the capture holds %d TCP connections, streams 0 to %d", opts.Stream, len(ss), len(ss)-1)
	}
	rp := newReplayer(ss[opts.Stream].packets)
	defer func() {
		// The state machine panics on a (state, event) pair its table
		// lacks; a capture must never crash the program.
		if p := recover(); p != nil {
			res, err = nil, fmt.Errorf("frame %d: the state machine failed: %v", rp.pk[rp.cur].frame, p)
		}
	}()
	rp.run()
	res = &Result{Trace: rp.tr, Format: c.format, Frames: c.frames, Streams: len(ss), Stream: opts.Stream, Notes: rp.notes}
	for _, p := range rp.pk {
		res.Frame = append(res.Frame, p.frame)
	}
	if len(ss) > 1 {
		res.Notes = append(res.Notes, Note{ID: -1, Kind: Inferred,
			Text: fmt.Sprintf("the capture holds %d TCP connections; this is stream %d (choose with --stream)", len(ss), opts.Stream)})
	}
	if c.cutErr != nil {
		res.Notes = append(res.Notes, Note{ID: -1, Kind: Inferred, Text: fmt.Sprintf("the file is cut short after frame %d (%v)", c.frames, c.cutErr)})
	}
	if n := countCut(rp.pk); n > 0 {
		res.Notes = append(res.Notes, Note{ID: -1, Kind: Inferred, Text: fmt.Sprintf("%d segments were cut by the snap length; their missing payload reads as zeros", n)})
	}
	sort.SliceStable(res.Notes, func(i, j int) bool { return res.Notes[i].Frame < res.Notes[j].Frame })
	return res, nil
}

func countCut(pk []packet) int {
	n := 0
	for _, p := range pk {
		if p.cut {
			n++
		}
	}
	return n
}

// pending is a segment a Conn asked to send that the capture has not yet
// shown.
type pending struct {
	seg fsm.Segment
	why fsm.SendReason
	row *fsm.Row
}

// end is one side: a Conn and the environment the replay gives it.
type end struct {
	r      *replayer
	side   trace.Side
	conn   fsm.Conn
	iss    fsm.Seq // what ISS() returns: read off the capture ahead of time
	out    []pending
	timers [fsm.NumTimers]bool
	// For notes and the trace.
	retx    uint16                    // retransmissions since SND.UNA last moved
	sentAt  map[fsm.Seq]time.Duration // when each sequence number was last sent
	firstAt map[fsm.Seq]int           // the first frame that sent each sequence number
	hi      fsm.Seq                   // the end of the sequence space seen sent, with hiSet
	hiSet   bool
	syns    uint8         // synBit of each kind of SYN seen sent in this incarnation
	ackOwed time.Duration // when the delayed-ACK timer started
	wnd     uint32        // the window this side last advertised, scaled
	ws      int           // window scale on its latest SYN; -1: none
}

func synBit(seg *fsm.Segment) uint8 {
	switch seg.Flags & (fsm.SYN | fsm.ACK) {
	case fsm.SYN:
		return 1
	case fsm.SYN | fsm.ACK:
		return 2
	}
	return 0
}

// incarnation forgets what the capture showed of an earlier connection.
func (e *end) incarnation() {
	e.hiSet, e.retx, e.syns = false, 0, 0
	clear(e.sentAt)
	clear(e.firstAt)
}

func (e *end) ISS() fsm.Seq { return e.iss }

func (e *end) Output(seg fsm.Segment, why fsm.SendReason, row *fsm.Row) {
	if len(e.out) >= maxOwed {
		// Owed this long and never seen: the host did otherwise.
		e.dropped(e.out[:maxOwed/2])
		e.out = append(e.out[:0], e.out[maxOwed/2:]...)
	}
	e.out = append(e.out, pending{seg, why, row})
}

// maxOwed bounds the segments a Conn may owe, which keeps matching cheap.
const maxOwed = 256

func (e *end) Changed(from, to fsm.State, row *fsm.Row) {
	ev := e.r.add(trace.KState, e.side)
	ev.From, ev.To = from, to
	if row != nil {
		ev.Row = int16(row.ID)
	}
}

func (e *end) Signal(sig fsm.Signal, row *fsm.Row) {
	ev := e.r.add(trace.KError, e.side)
	ev.Sig = sig
	if row != nil {
		ev.Row = int16(row.ID)
	}
	switch sig {
	case fsm.SigClosing:
		ev.Kind, ev.EOF = trace.KData, true
	case fsm.SigReset, fsm.SigRefused, fsm.SigTimedOut:
		e.r.tr.Errors[e.side] = append(e.r.tr.Errors[e.side], sig)
	}
}

func (e *end) Deliver(data []byte, n uint32) { e.r.add(trace.KData, e.side).N = n }

func (e *end) Timer(t fsm.Timer, op fsm.TimerOp) {
	if t == fsm.TimerDelayedACK && op != fsm.Stop && !e.timers[t] {
		e.ackOwed = e.r.now
	}
	e.timers[t] = op != fsm.Stop
}

func (e *end) Acked(old, una fsm.Seq) { e.retx = 0 }

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
	// scaleUnknown: the capture starts after the handshake, so whether the
	// windows are scaled, and by how much, is unknown.
	scaleUnknown bool
}

func newReplayer(pk []packet) *replayer {
	r := &replayer{pk: pk, tr: &trace.Trace{Events: make([]trace.Event, 0, 4*len(pk))},
		sendT: make([]time.Duration, len(pk)), resent: make([]bool, len(pk)), sendEv: make([]int, len(pk))}
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
		// Delayed ACKs let an ACK wait for the capture to show whether it
		// went alone, rode on data, or was merged with the next one. The
		// largest MSS and a vast initial congestion window keep the Conn
		// from cutting up or holding back what the capture shows was sent.
		e.conn = fsm.NewConn(fsm.Config{Window: 65535, MSS: 65535, DelayedACK: true, PSHOnLast: true, InitialWindow: 1 << 14}, e)
		r.ends[s] = e
		r.tr.Ends[s] = trace.Endpoint{Addr: r.addr[s].Addr(), Port: r.addr[s].Port()}
	}
	return r
}

// add appends an event stamped with the time and the side's TCB.
func (r *replayer) add(k trace.Kind, s trace.Side) *trace.Event {
	r.tr.Events = append(r.tr.Events, trace.Event{T: r.now, Kind: k, Side: s, TCB: trace.SnapOf(&r.ends[s].conn)})
	return &r.tr.Events[len(r.tr.Events)-1]
}

func (r *replayer) note(k NoteKind, format string, args ...any) {
	r.noteOn(r.cur, k, format, args...)
}

// noteOn remarks on packet i.
func (r *replayer) noteOn(i int, k NoteKind, format string, args ...any) {
	r.notes = append(r.notes, Note{Frame: r.pk[i].frame, ID: int32(i), T: max(r.pk[i].ts.Sub(r.t0), 0), Kind: k, Text: fmt.Sprintf(format, args...)})
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
		r.cur = i
		p := &r.pk[i]
		if t := p.ts.Sub(r.t0); t > r.now {
			r.now = t // a trace's time never goes back, whatever the capture's clock did
		}
		x := r.sideOf(p)
		y := x.Peer()
		r.deliverDue(x, i)
		if p.seg.Flags&(fsm.SYN|fsm.ACK|fsm.RST) == fsm.SYN {
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
			r.noteOn(q, Unseen, "%s answered only after the copy in frame %d: this one is taken as lost on the way", x.Upper(), r.pk[k].frame)
			continue
		}
		if !r.due(x, q, i) {
			return
		}
		r.queue[x] = r.queue[x][1:]
		r.deliver(x, q)
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
// evidence. Sequence space arrived once y acknowledges it; a bare ACK
// cannot be acknowledged and is taken to arrive at once.
func (r *replayer) due(y trace.Side, q, j int) bool {
	if j < 0 {
		return true
	}
	seg, next := &r.pk[q].seg, &r.pk[j].seg
	switch {
	case seg.Flags&fsm.RST != 0:
		return r.resetArrived(y, seg, next)
	case seg.SegLen() > 0:
		end := seg.Seq.Add(seg.SegLen())
		if st := r.ends[y].conn.State(); next.Flags&fsm.RST != 0 && (st == fsm.Closed || st == fsm.Listen || st == fsm.SynSent) {
			// A RST that answers this segment (§3.10.7.1 to §3.10.7.3). In
			// other states y's RST is an ABORT, whatever is in flight.
			return seg.Flags&fsm.ACK != 0 && next.Seq == seg.Ack || next.Flags&fsm.ACK != 0 && next.Ack == end
		}
		return next.Flags&fsm.ACK != 0 && end.LessEq(next.Ack)
	}
	return true
}

// resetArrived: a RST that y's Conn would accept ends its connection, so
// anything but a RST or a new SYN that y sends after it was sent before
// the RST arrived (as when an abort crosses data in flight). A RST it
// would refuse, or answer with a challenge ACK, is delivered at once.
func (r *replayer) resetArrived(y trace.Side, rst, next *fsm.Segment) bool {
	if next.Flags&fsm.RST != 0 || next.Flags&(fsm.SYN|fsm.ACK) == fsm.SYN {
		return true
	}
	trial := r.ends[y].conn // a copy: Arrive of a RST changes no shared memory
	trial.Env = dryEnv{}
	trial.Arrive(r.feed(y, rst))
	return trial.State() != fsm.Closed && trial.State() != fsm.Listen
}

// dryEnv lets a Conn act without leaving a trace.
type dryEnv struct{ iss fsm.Seq }

func (d dryEnv) ISS() fsm.Seq                               { return d.iss }
func (dryEnv) Output(fsm.Segment, fsm.SendReason, *fsm.Row) {}
func (dryEnv) Changed(fsm.State, fsm.State, *fsm.Row)       {}
func (dryEnv) Signal(fsm.Signal, *fsm.Row)                  {}
func (dryEnv) Deliver([]byte, uint32)                       {}
func (dryEnv) Timer(fsm.Timer, fsm.TimerOp)                 {}
func (dryEnv) Acked(fsm.Seq, fsm.Seq)                       {}

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
	a.Env, b.Env = dryEnv{iss[trace.A]}, dryEnv{iss[trace.B]}
	b.Open(false)
	a.Open(true)
	b.Arrive(fsm.Segment{Seq: iss[trace.A], Flags: fsm.SYN, Wnd: 65535, MSS: 65535})
	a.Arrive(fsm.Segment{Seq: iss[trace.B], Ack: iss[trace.A] + 1, Flags: fsm.SYN | fsm.ACK, Wnd: 65535, MSS: 65535})
	b.Arrive(fsm.Segment{Seq: iss[trace.A] + 1, Ack: iss[trace.B] + 1, Flags: fsm.ACK, Wnd: 65535})
	a.Env, b.Env = r.ends[trace.A], r.ends[trace.B]
	for s := trace.A; s <= trace.B; s++ {
		r.ends[s].iss = iss[s]
		ev := r.add(trace.KState, s)
		ev.From, ev.To = fsm.Closed, r.ends[s].conn.State()
	}
	r.notes = append(r.notes, Note{Frame: r.pk[0].frame, ID: -1, Kind: Inferred,
		Text: "the capture starts after the handshake: both sides are taken to be ESTABLISHED"})
}

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
		r.note(Inferred, "resends frame %d: %s did not acknowledge it in time (that copy or its ACK was lost where this capture does not see)",
			origin, x.Peer().Upper())
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
	ev := r.add(trace.KTimer, x)
	ev.Timer, ev.TimerEv = fsm.TimerRTO, trace.TimerFired
	if end := seg.Seq.Add(seg.SegLen()); end.LessEq(c.TCB().SndUna) && seg.Flags&fsm.SYN == 0 {
		r.note(Inferred, "%s already acknowledged all of it: a spurious retransmission", x.Peer().Upper())
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
				c.Cfg.AbortACK = seg.Flags&fsm.ACK != 0
				r.user(x, trace.OpAbort, 0)
				c.Abort()
			}
		}
	case seg.Flags&fsm.SYN != 0 && seg.Flags&fsm.ACK == 0:
		switch st {
		case fsm.Closed, fsm.Listen:
			r.connect(x, seg)
		case fsm.TimeWait:
			r.note(Inferred, "%s leaves TIME-WAIT early to open a new connection on the same ports", x.Upper())
			r.timeout(x, fsm.TimerTimeWait)
			r.connect(x, seg)
		default:
			r.note(Inferred, "%s opens again while its connection was %s: it must have lost that connection (crash or reboot)", x.Upper(), st)
			r.user(x, trace.OpCrash, 0)
			c.Crash()
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
					r.user(x, trace.OpClose, 0)
					c.Unblocked(func() { c.Close() })
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
	r.note(Unseen, "%s answers a SYN (seq %d) the capture does not show", x.Upper(), syn.Seq)
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
	configure(c, synack)
	if c.State() == fsm.Closed {
		r.user(x, trace.OpListen, 0)
		c.Open(false)
	}
	ev := r.add(trace.KDeliver, x)
	ev.Seg, ev.ID, ev.From = syn, -1, c.State()
	syn.MSS = 65535
	c.Arrive(syn)
}

// newData: the user SENT the segment's new bytes (after any gap).
func (r *replayer) newData(x trace.Side, seg *fsm.Segment) {
	c := &r.ends[x].conn
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
		r.note(Unseen, "%s sent %d bytes before this (seq %d) that the capture does not show", x.Upper(), gap, streamEnd)
		r.user(x, trace.OpSend, uint32(gap))
		owed := len(r.ends[x].out)
		c.Unblocked(func() { c.Send(nil, uint32(gap)) })
		r.ends[x].out = r.ends[x].out[:owed] // sent, but not where the capture was taken
	} else if gap < 0 {
		n -= uint32(-gap) // part of it is resent
	}
	// The sender's Conn counts bytes without keeping them: the capture
	// holds the payload, and a long capture would otherwise sit in memory
	// twice.
	r.user(x, trace.OpSend, n)
	c.Unblocked(func() { c.Send(nil, n) })
}

func (r *replayer) user(s trace.Side, op trace.Op, n uint32) {
	ev := r.add(trace.KUser, s)
	ev.Op, ev.N = op, n
}

func (r *replayer) timeout(s trace.Side, t fsm.Timer) {
	ev := r.add(trace.KTimer, s)
	ev.Timer, ev.TimerEv = t, trace.TimerFired
	r.ends[s].timers[t] = false
	r.ends[s].conn.Timeout(t, false)
}

// configure gives a Conn the options of the SYN it is about to send.
func configure(c *fsm.Conn, syn *fsm.Segment) {
	c.Cfg.SYNOpts = syn.Opts
	c.Cfg.WScale = syn.WScale
	if syn.Wnd != 0 {
		c.Cfg.Window = syn.Wnd
	}
}

func (r *replayer) connect(x trace.Side, syn *fsm.Segment) {
	e := r.ends[x]
	e.iss = syn.Seq
	e.incarnation()
	configure(&e.conn, syn)
	r.user(x, trace.OpConnect, 0)
	e.conn.Open(true)
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
			e.r.note(Unexpected, "%s's state machine would have sent %s first; the capture does not show it", e.side.Upper(), p.seg)
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
		r.note(Unexpected, "%s sends a RST in %s, where an ABORT sends nothing (RFC 9293 §3.10.5)", x.Upper(), st)
	case seg.Flags&fsm.RST != 0 && (st.Synchronized() || st == fsm.SynReceived):
		r.note(Unexpected, "%s's state machine would not send this RST: an ABORT in %s sends SEQ=SND.NXT (%d); forged, or from an older connection?",
			x.Upper(), st, c.TCB().SndNxt)
	case seg.Flags&fsm.RST != 0:
		r.note(Unexpected, "%s sends a RST in %s, where RFC 9293 neither answers nor aborts with one", x.Upper(), st)
	case seg.Flags&(fsm.SYN|fsm.ACK) == fsm.SYN|fsm.ACK:
		r.note(Unexpected, "%s sends a SYN,ACK in %s without a SYN to answer", x.Upper(), st)
	case seg.Len > 0 && (fin || st == fsm.FinWait1 || st == fsm.FinWait2 || st == fsm.Closing || st == fsm.LastAck || st == fsm.TimeWait):
		r.note(Unexpected, "%s sends new data in %s, after its own FIN", x.Upper(), st)
	case seg.Len > 0 || seg.Flags&fsm.FIN != 0:
		r.note(Unexpected, "RFC 9293 gives %s no way to send this in %s", x.Upper(), st)
	case st == fsm.Closed || st == fsm.Listen || st == fsm.SynSent:
		r.note(Unexpected, "%s sends an ACK in %s, where it has nothing to acknowledge", x.Upper(), st)
	case seg.Seq.Add(1) == c.TCB().SndNxt && c.TCB().SndUna == c.TCB().SndNxt:
		r.note(Inferred, "a keep-alive probe (seq = SND.NXT-1)")
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
		r.note(Unseen, "%s acknowledges %d bytes from %s the capture does not show", x.Upper(), seg.Ack.Sub(c.TCB().RcvNxt), x.Peer().Upper())
	case seg.Len == 0 && seg.Flags&(fsm.SYN|fsm.FIN) == 0:
		r.note(Inferred, "an ACK the state machine did not owe: a window update or a duplicate ACK")
	}
}

// ---- the receiver ----

// deliver hands the captured segment to y's Conn.
func (r *replayer) deliver(y trace.Side, i int) {
	defer func(cur int) { r.cur = cur }(r.cur)
	r.cur = i // notes are about this segment
	e := r.ends[y]
	c := &e.conn
	seg := r.pk[i].seg
	r.tr.Events[r.sendEv[i]].Arrive = r.now
	ev := r.add(trace.KDeliver, y)
	ev.Seg, ev.ID, ev.From = seg, int32(i), c.State()
	before := len(e.out)
	c.Arrive(r.feed(y, &seg))
	for _, o := range e.out[before:] {
		if o.row == nil {
			continue
		}
		switch {
		case trace.ChallengeRule(o.row):
			r.note(Inferred, "%s's state machine answers with a challenge ACK (RFC 5961)", y.Upper())
		case o.row.On == fsm.EvUnacceptable:
			if !r.resent[r.cur] {
				r.note(Unexpected, "%s's state machine finds it outside its window (RCV.NXT %d, RCV.WND %d): it drops it and answers with an ACK",
					y.Upper(), c.TCB().RcvNxt, c.TCB().RcvWnd)
			}
		case o.seg.Flags&fsm.RST != 0:
			r.note(Inferred, "%s's state machine answers with %s (§%s)", y.Upper(), o.seg, o.row.RFC)
		}
	}
}

// feed is the segment as y's Conn reads it: the window scaled as
// negotiated, and on a SYN an MSS no segment will exceed, so the Conn never
// splits what it is asked to send. It sets RCV.WND to what y last
// advertised.
func (r *replayer) feed(y trace.Side, seg *fsm.Segment) fsm.Segment {
	f := *seg
	f.Wnd = uint16(min(r.window(y.Peer(), seg), 65535))
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
			configure(c, &next.seg)
		}
		return
	case fsm.TimeWait:
		if !answers {
			return
		}
		r.note(Inferred, "%s accepts a new SYN in TIME-WAIT (RFC 9293 §3.10.7.4, RFC 6191): the old connection ends", y.Upper())
		r.timeout(y, fsm.TimerTimeWait)
	default:
		if !answers || next.seg.Seq == c.TCB().ISS {
			return
		}
		r.note(Inferred, "%s answers a new SYN while its connection was %s: it must have lost that connection", y.Upper(), c.State())
		r.user(y, trace.OpCrash, 0)
		c.Crash()
	}
	if next.seg.Flags&fsm.ACK != 0 {
		e.iss = next.seg.Seq
		e.incarnation()
		configure(c, &next.seg)
		r.user(y, trace.OpListen, 0)
		c.Open(false)
	}
	// A SYN without ACK crossed this one (simultaneous open): y opens when
	// the capture shows it, before this SYN is delivered.
}

// ---- after the last segment ----

func (r *replayer) finish() {
	r.tr.Final = [2]fsm.State{r.ends[0].conn.State(), r.ends[1].conn.State()}
	if n := len(r.tr.Events); n > 0 {
		r.tr.End = r.tr.Events[n-1].T
	}
	// later[s][i]: the highest ACK side s sends after packet i.
	var later [2][]fsm.Seq
	var has [2][]bool
	for s := range later {
		later[s], has[s] = make([]fsm.Seq, len(r.pk)), make([]bool, len(r.pk))
	}
	var hi [2]fsm.Seq
	var any [2]bool
	for i := len(r.pk) - 1; i >= 0; i-- {
		for s := range later {
			later[s][i], has[s][i] = hi[s], any[s]
		}
		q := &r.pk[i]
		if s := r.sideOf(q); q.seg.Flags&fsm.ACK != 0 && (!any[s] || hi[s].LessThan(q.seg.Ack)) {
			hi[s], any[s] = q.seg.Ack, true
		}
	}
	last := [2]int{-1, -1}
	for i := range r.pk {
		last[r.sideOf(&r.pk[i])] = i
	}
	for i := range r.pk {
		r.cur, r.now = i, r.sendT[i]
		p := &r.pk[i]
		y := r.sideOf(p).Peer()
		seg := &p.seg
		switch {
		case seg.SegLen() > 0 && seg.Flags&fsm.RST == 0:
			if !has[y][i] || !seg.Seq.LessThan(later[y][i]) {
				r.note(Unseen, "%s may not have received it: nothing later in the capture acknowledges it", y.Upper())
			}
		case last[y] < i && seg.Flags&fsm.RST == 0: // a RST gets no answer anyway
			r.note(Unseen, "nothing from %s follows: the replay assumes it arrived", y.Upper())
		}
	}
	for s := trace.A; s <= trace.B; s++ {
		for _, o := range r.ends[s].out {
			if o.why != fsm.ReasonRetransmit && (o.seg.SegLen() > 0 || o.seg.Flags&fsm.RST != 0) {
				r.notes = append(r.notes, Note{ID: -1, T: r.tr.End, Kind: Unseen,
					Text: fmt.Sprintf("%s's state machine would still send %s; the capture ends first", s.Upper(), o.seg)})
			}
		}
	}
}
