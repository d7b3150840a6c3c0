package fsm

// Timer names the timers a connection asks its environment to run. The
// environment picks durations (RTO per RFC 6298, 2MSL, ...) and calls
// Conn.Timeout when one fires.
type Timer uint8

const (
	TimerRTO Timer = iota
	TimerTimeWait
	TimerFinWait2
	TimerDelayedACK
	TimerPersist   // zero-window probes (RFC 9293 §3.8.6.1, RFC 1122 §4.2.2.17)
	TimerKeepalive // keep-alive (RFC 9293 §3.8.4): idle, then between probes
	NumTimers
)

var timerNames = [NumTimers]string{"RTO", "TIME-WAIT", "FIN-WAIT-2", "delayed ACK", "persist", "keep-alive"}

func (t Timer) String() string {
	if t < NumTimers {
		return timerNames[t]
	}
	return "timer(?)"
}

// TimerOp says what to do with a timer.
type TimerOp uint8

const (
	Start   TimerOp = iota // start unless running
	Restart                // (re)start from now
	Stop
)

// SendReason tells why a segment was sent; the sim records it in the trace.
type SendReason uint8

const (
	ReasonControl        SendReason = iota // a control segment from a table row (see the row)
	ReasonData                             // first transmission of data and/or FIN
	ReasonRetransmit                       // resent by the retransmission timer
	ReasonACK                              // a plain acknowledgment of data or FIN
	ReasonDelayedACK                       // an acknowledgment the delayed-ACK timer released
	ReasonFastRetransmit                   // resent after three duplicate ACKs (RFC 5681 §3.2)
	ReasonProbe                            // a zero-window probe the persist timer sent (§3.8.6.1)
	ReasonWindowUpdate                     // an ACK that opens the window after the application read (§3.8.6.2.2)
	ReasonKeepalive                        // a keep-alive probe (§3.8.4)
)

var reasonNames = [...]string{"control", "data", "retransmission", "ACK", "delayed ACK", "fast retransmission", "zero-window probe", "window update", "keep-alive"}

func (w SendReason) String() string {
	if int(w) < len(reasonNames) {
		return reasonNames[w]
	}
	return "reason(?)"
}

// Env is what a connection needs from the outside world. The connection
// never reads a clock, sleeps or does I/O: it calls these and returns.
type Env interface {
	ISS() Seq                                     // initial send sequence number for a new incarnation (§3.4.1)
	Output(seg Segment, why SendReason, row *Row) // put a segment on the wire
	Changed(from, to State, row *Row)             // the one record of every state change
	Signal(sig Signal, row *Row)                  // tell the user
	Deliver(data []byte, n uint32)                // in-order data for the application
	Timer(t Timer, op TimerOp)
	Acked(oldUNA, newUNA Seq) // SND.UNA advanced
}

// maxHeld bounds the out-of-order queue; a real receiver is bounded by memory.
const maxHeld = 64

// Conn is one end of a connection. Its zero value with Config and Env set
// is a CLOSED connection: no TCB.
type Conn struct {
	state State // written only through setState (and reset)
	tcb   TCB
	Cfg   Config
	Env   Env

	passive  bool   // reached SYN-RECEIVED from LISTEN (MUST-11)
	peerMSS  uint16 // from the peer's SYN; 536 (IPv4) or 1220 (IPv6) when absent (§3.7.1)
	tsOK     bool   // both SYNs carried timestamps: every segment does (RFC 7323)
	peerOpts Options
	stream   []byte // all data the user SENT; byte i has sequence ISS+1+i
	// borrowed: stream is the caller's first SEND buffer itself, not a
	// copy (a scenario's megabytes are not held twice). Its capacity ends
	// with it, so a later SEND copies; nothing writes into it.
	borrowed bool
	written  uint32 // len(stream), or bytes queued without payload
	sent     uint32 // bytes segmentized so far
	finQueue bool   // CLOSE was called: FIN follows the data
	finSent  bool
	finSeq   Seq
	finRcvd  bool
	held     []Segment // out-of-order segments (SHLD-31)
	ackDue   bool      // an ACK is owed and may be delayed or piggybacked
	ackNow   bool      // an ACK is owed at once
	ackRow   *Row
	ackLater bool // every ACK owed so far may be delayed
	delack   bool // the delayed-ACK timer is running
	rtoOn    bool
	ack      ackFacts // the fifth step's facts about the segment in hand
	decided  *Row     // the last row an arrival fired

	// Window scaling (wscale.go): on when both SYNs offered it; the
	// shifts of RFC 7323 §2.3, Snd.Wind.Shift and Rcv.Wind.Shift.
	scaled             bool
	sndShift, rcvShift uint8

	closePending bool // CLOSE in SYN-RECEIVED waits for ESTABLISHED (§3.10.4)

	// The application's side of the receive buffer (socket.go).
	unread  uint32 // in-order bytes the application has not read
	rcvd    []byte // their data, when segments carry data
	noRead  bool   // the application does not read as data arrives (Cfg.Hold, SetReading)
	orphan  bool   // a full close: no application reads any more
	rdShut  bool   // shutdown(SHUT_RD) (shutread.go)
	persist bool   // the persist timer runs
	probing bool   // a one-byte probe (RFC form) was sent
	// ackUpdate: the ACK owed is a window update (§3.8.6.2.2)
	ackUpdate bool

	// Congestion control (RFC 5681), required by RFC 9293 §3.8.2 (MUST-19).
	cwnd, ssthresh uint32
	dupACKs        int
	recovering     bool // in fast recovery after the third duplicate ACK
	synRetx        bool // our SYN was retransmitted: start with one segment

	// nagle.go: the end of the last short segment sent (Linux snd_sml).
	smallOut bool
	smallEnd Seq

	// push.go: where the bytes counted towards the next PSH start, and
	// the ends (stream offsets) of segments sent with PSH, for resends.
	pushMark uint32
	pushed   []uint32
}

// NewConn returns a CLOSED connection with its configuration and
// environment. RCV.WND already holds Cfg.Window, so a snapshot taken before
// the first OPEN shows the window the endpoint will offer.
func NewConn(cfg Config, env Env) Conn {
	c := Conn{Cfg: cfg, Env: env, noRead: cfg.Hold}
	c.tcb.RcvWnd = c.fullWindow()
	return c
}

// State is the connection's state. Only fsm writes it (setState).
func (c *Conn) State() State { return c.state }

// TCB returns a copy of the transmission control block. Only fsm writes it.
func (c *Conn) TCB() TCB { return c.tcb }

// Hooks for replay/. A replayed capture shows what a real host did, and
// the state machine is there to explain it, not to decide it; these are
// the only places where something outside fsm steers a Conn.

// Advertise sets RCV.WND to the window the host last advertised. replay/
// reads that window off the capture; the Conn's own Cfg.Window cannot
// follow a real receiver's buffer.
func (c *Conn) Advertise(wnd uint32) { c.tcb.RcvWnd = wnd }

// Unblocked runs call (a user SEND or CLOSE) as if the peer's window had
// room. replay/ needs it because the capture already shows the sender
// sent, and window arithmetic that the capture point sees late would only
// hold the data back. SND.WND is restored unless call changed it.
func (c *Conn) Unblocked(call func()) {
	const vast = 1 << 30
	old := c.tcb.SndWnd
	c.tcb.SndWnd = vast
	call()
	if c.tcb.SndWnd == vast {
		c.tcb.SndWnd = old
	}
}

// Cwnd and Ssthresh expose the congestion state for display.
func (c *Conn) Cwnd() (cwnd, ssthresh uint32) { return c.cwnd, c.ssthresh }

// Stream returns the send buffer so a caller can hand it to Reuse.
func (c *Conn) Stream() []byte {
	if c.borrowed {
		return nil // the caller's buffer, not ours to reuse
	}
	return c.stream
}

// Reuse gives a CLOSED connection a buffer to fill, saving allocations when
// many connections run one after another. Bytes already handed out (in
// Segment.Data) are overwritten.
func (c *Conn) Reuse(buf []byte) { c.stream = buf[:0] }

// Passive reports whether this connection came from LISTEN.
func (c *Conn) Passive() bool { return c.passive }

// FinSent reports whether our FIN is out, and its sequence number.
func (c *Conn) FinSent() (bool, Seq) { return c.finSent, c.finSeq }

// Unsent is the number of bytes the user queued that are not yet segmentized.
func (c *Conn) Unsent() uint32 { return c.written - c.sent }

// rowFired lets tests see every row that fires.
var rowFired func(*Row)

// fire runs the first row for (state, event) whose guard holds: state
// change first, then its actions. A missing row is a bug in the table.
func (c *Conn) fire(e Event, seg *Segment) *Row {
	r := c.try(e, seg)
	if r == nil {
		panic("fsm: no row for " + c.state.String() + " / " + e.String())
	}
	return r
}

// try is fire where no row may apply: it returns nil and does nothing.
func (c *Conn) try(e Event, seg *Segment) *Row {
	var r *Row
	for _, i := range candidates(c.state, e) {
		if Table[i].If.holds(c, seg) {
			r = &Table[i]
			break
		}
	}
	if r == nil {
		return nil
	}
	if rowFired != nil {
		rowFired(r)
	}
	if to := r.To(c.state); to != c.state {
		c.setState(to, r)
	}
	for _, act := range r.Do {
		c.do(act, r, seg)
	}
	if e != EvOutput {
		c.decided = r // after setState: LISTEN starts from an empty Conn
	}
	return r
}

// setState is the only place the state changes.
func (c *Conn) setState(to State, r *Row) {
	from := c.state
	c.state = to
	if c.cwnd == 0 && to.Synchronized() {
		c.startCwnd()
	}
	switch to {
	case Closed, Listen:
		// The TCB is deleted (or, for LISTEN, emptied): every queue and timer goes.
		for t := Timer(0); t < NumTimers; t++ {
			c.Env.Timer(t, Stop)
		}
		c.rtoOn, c.delack, c.ackDue, c.ackNow, c.persist = false, false, false, false, false
		c.held = c.held[:0]
		c.finQueue = false
		if to == Listen {
			c.reset() // back to waiting: nothing of the failed attempt carries over
		}
	}
	c.Env.Changed(from, to, r)
}

func (c *Conn) do(act Action, r *Row, seg *Segment) {
	switch act {
	case SendSYN:
		c.emit(c.syn(Segment{Seq: c.tcb.ISS, Flags: SYN}), ReasonControl, r)
		c.armRTO()
	case SendSYNACK:
		c.emit(c.syn(Segment{Seq: c.tcb.ISS, Ack: c.tcb.RcvNxt, Flags: SYN | ACK}), ReasonControl, r)
		c.armRTO()
	case SendACK:
		later := c.Cfg.DelayedACK || (c.Cfg.DelayFINACK && r.On == EvFIN)
		c.ackLater = later && (c.ackLater || !c.ackDue)
		c.ackDue = true
		if c.ackRow == nil {
			c.ackRow = r
		}
	case SendACKNow:
		if c.throttled(r, seg) {
			return // RFC 5961 §7: the environment's rate limit says no
		}
		c.ackNow = true
		c.ackRow = r
	case SendRSTForACK:
		c.emit(Segment{Seq: seg.Ack, Flags: RST}, ReasonControl, r)
	case SendRSTACK:
		c.emit(Segment{Seq: 0, Ack: seg.Seq.Add(seg.SegLen()), Flags: RST | ACK}, ReasonControl, r)
	case SendRSTAbort:
		if c.Cfg.AbortACK {
			// Linux's RST,ACK carries the window too (tcp_send_active_reset;
			// captures m and p: 64 and 63, as on the ACKs before it).
			c.emit(Segment{Seq: c.tcb.SndNxt, Ack: c.tcb.RcvNxt, Flags: RST | ACK, Wnd: c.wndField()}, ReasonControl, r)
		} else {
			c.emit(Segment{Seq: c.tcb.SndNxt, Flags: RST}, ReasonControl, r)
		}
	case QueueFIN:
		c.finQueue = true // output() sends it after the queued data
	case CloseLater:
		c.closePending = true
	case QueueData, Drop, SendQueued:
		// QueueData: the caller updated the queue; output() sends, and
		// emits the segment SendQueued names.
	case Retransmit:
		if r.On != EvRTO {
			// RFC 5681 §3.2: the third duplicate ACK means a segment is lost.
			c.halve()
			c.retransmit(r)
			c.cwnd = c.ssthresh + 3*c.sendMSS()
			c.recovering = true
			return
		}
		if c.tcb.SndUna == c.tcb.ISS {
			c.synRetx = true
		} else {
			c.halve()
			c.cwnd = c.sendMSS() // RFC 5681 §3.1: after an RTO, one segment (LW)
			c.dupACKs, c.recovering = 0, false
		}
		c.retransmit(r)
	case StartTimeWait:
		c.Env.Timer(TimerTimeWait, Restart)
	case StartFinWait2:
		if c.orphan || !c.Cfg.FullClose {
			c.Env.Timer(TimerFinWait2, Restart) // Linux: only an orphan times out (tcp_fin_timeout)
		}
	case StopTimers:
		c.Env.Timer(TimerRTO, Stop)
		c.Env.Timer(TimerDelayedACK, Stop)
		c.Env.Timer(TimerFinWait2, Stop)
		c.rtoOn, c.delack = false, false
	case Tell:
		c.Env.Signal(r.Tell, r)
	case UpdateWindow:
		c.openWindow(r)
	case SendProbe:
		c.probe(r)
	case SendKeepalive:
		c.keepalive(r)
	case ResendSYNACK:
		c.resendSYNACK(r, seg)
	}
}

func (c *Conn) emit(seg Segment, why SendReason, r *Row) {
	if c.tsOK && seg.Flags&(SYN|RST) == 0 {
		seg.Opts |= OptTimestamps
	}
	c.Env.Output(seg, why, r)
}

// syn completes one of our SYNs: window, MSS and the configured options.
// A SYN,ACK only echoes options the peer offered (RFC 7323 §1.3, RFC 2018).
func (c *Conn) syn(seg Segment) Segment {
	// A SYN's window is never scaled (RFC 7323 §2.2).
	seg.Wnd, seg.MSS = uint16(min(c.fullWindow(), 65535)), c.Cfg.MSS
	seg.Opts = c.Cfg.SYNOpts
	if seg.Flags&ACK != 0 {
		seg.Opts &= c.peerOpts
	}
	if seg.Opts&OptWScale != 0 {
		seg.WScale = c.synShift()
	}
	return seg
}

func (c *Conn) armRTO() {
	if !c.rtoOn {
		c.rtoOn = true
		c.Env.Timer(TimerRTO, Start)
	}
}

// reset prepares a fresh TCB for a new incarnation.
func (c *Conn) reset() {
	stream := c.Stream()[:0]
	held := c.held[:0]
	rcvd := c.rcvd[:0]
	noRead := c.noRead
	*c = Conn{state: c.state, Cfg: c.Cfg, Env: c.Env, stream: stream, held: held, rcvd: rcvd, noRead: noRead}
	c.tcb.RcvWnd = c.fullWindow()
	c.peerMSS = c.defaultMSS()
	c.ssthresh = 1 << 30 // "arbitrarily high" (RFC 5681 §3.1)
}

// startCwnd sets the initial window once the MSS is known (RFC 5681 §3.1).
func (c *Conn) startCwnd() {
	smss := c.sendMSS()
	switch {
	case c.synRetx:
		c.cwnd = smss // a lost SYN or SYN,ACK: the loss window
	case c.Cfg.InitialWindow > 0:
		c.cwnd = uint32(c.Cfg.InitialWindow) * smss
	case smss > 2190:
		c.cwnd = 2 * smss
	case smss > 1095:
		c.cwnd = 3 * smss
	default:
		c.cwnd = 4 * smss
	}
}

// onNewACK grows the window for acked bytes: slow start below ssthresh,
// congestion avoidance above (RFC 5681 §3.1).
func (c *Conn) onNewACK(acked uint32) {
	smss := c.sendMSS()
	c.dupACKs = 0
	if c.recovering {
		c.recovering = false
		c.cwnd = c.ssthresh // deflate after fast recovery (§3.2 step 6)
		return
	}
	if c.cwnd < c.ssthresh {
		c.cwnd += min(acked, smss)
	} else {
		c.cwnd += max(1, smss*smss/c.cwnd)
	}
}

// halve sets ssthresh after a loss (RFC 5681 equation 4).
func (c *Conn) halve() {
	flight := uint32(c.tcb.SndNxt.Sub(c.tcb.SndUna))
	c.ssthresh = max(flight/2, 2*c.sendMSS())
}

// ---- user calls (§3.10.1–§3.10.5) ----

// The user calls return the row that answered them.

// Open is the OPEN call, passive (listen) or active (connect).
func (c *Conn) Open(active bool) *Row {
	if !active {
		if c.state == Closed {
			c.reset()
		}
		return c.fire(EvPassiveOpen, nil)
	}
	if c.state == Closed || c.state == Listen {
		c.reset()
		c.tcb.ISS = c.Env.ISS()
		c.tcb.SndUna, c.tcb.SndNxt = c.tcb.ISS, c.tcb.ISS.Add(1)
	}
	r := c.fire(EvActiveOpen, nil)
	c.output()
	return r
}

// Send is the SEND call. data may be nil with n > 0 when bytes are not tracked.
func (c *Conn) Send(data []byte, n uint32) *Row {
	if data != nil {
		n = uint32(len(data))
	}
	if c.takesData() {
		switch {
		case len(data) > 0 && len(c.stream) == 0 && !c.borrowed:
			// SEND's buffer is the caller's until the data is sent (RFC
			// 9293 §3.10.2): keep it rather than a copy. Callers never
			// write into data they sent.
			c.stream, c.borrowed = data[:len(data):len(data)], true
		case data != nil:
			c.stream = append(c.stream, data...) // a borrowed stream is copied here: it has no room
			c.borrowed = false
		}
		c.startWrite()
		c.written += n
	}
	r := c.fire(EvSend, nil)
	c.output()
	return r
}

// Close is the CLOSE call: no more data from this side. With
// Cfg.FullClose it is the sockets API's close(): the application is gone
// (socket.go).
func (c *Conn) Close() *Row {
	if !c.Cfg.FullClose {
		return c.Shutdown()
	}
	c.orphan = true
	if c.unread > 0 && unreadClose.Has(c.state) {
		return c.fire(EvCloseUnread, nil) // RFC 1122 §4.2.2.13: show that data was lost
	}
	return c.Shutdown()
}

// Shutdown is shutdown(SHUT_WR): RFC 9293's CLOSE, a half-close after
// which this side still receives.
func (c *Conn) Shutdown() *Row {
	r := c.fire(EvClose, nil)
	c.output()
	return r
}

// Abort is the ABORT call.
func (c *Conn) Abort() *Row { return c.fire(EvAbort, nil) }

// Crash makes the host forget the connection silently (§3.5.1 "REBOOT").
func (c *Conn) Crash() {
	if c.state != Closed {
		c.fire(EvCrash, nil)
	}
}

// Timeout is called by the environment when a timer it runs for us fires.
// TimerRTO with giveUp set means the retry budget is spent.
func (c *Conn) Timeout(t Timer, giveUp bool) {
	switch t {
	case TimerRTO:
		c.rtoOn = false
		if !canRetx.Has(c.state) {
			return // a stale timer of a deleted TCB: nothing is outstanding
		}
		if giveUp {
			c.fire(EvGiveUp, nil) // from LISTEN, back to LISTEN (Passive)
			return
		}
		c.fire(EvRTO, nil)
	case TimerTimeWait:
		if c.state == TimeWait {
			c.fire(EvTimeWait, nil)
		}
	case TimerFinWait2:
		if c.state == FinWait2 {
			c.fire(EvFinWait2Timeout, nil)
		}
	case TimerKeepalive:
		c.keepaliveTimeout(giveUp)
	case TimerPersist:
		c.persist = false
		if c.zeroWindowWait() {
			c.fire(EvPersist, nil)
		}
	case TimerDelayedACK:
		c.delack = false
		if c.ackDue {
			c.ackDue = false
			c.emit(c.bareACK(), ReasonDelayedACK, c.ackRow)
			c.ackRow = nil
		}
		return
	}
	c.output()
}
