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
	NumTimers
)

var timerNames = [NumTimers]string{"RTO", "TIME-WAIT", "FIN-WAIT-2", "delayed ACK"}

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
)

var reasonNames = [...]string{"control", "data", "retransmission", "ACK", "delayed ACK", "fast retransmission"}

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

// Config holds per-endpoint settings the state machine reads.
type Config struct {
	Window     uint16 // RCV.WND we advertise
	MSS        uint16 // our MSS, sent as an option on SYNs
	DelayedACK bool   // delay ACKs of data (RFC 1122 §4.2.3.2) until the environment's timer fires
	// DelayFINACK delays only the ACK of a FIN that moves ESTABLISHED to
	// CLOSE-WAIT, so it can ride on the application's own FIN (Linux enters
	// "pingpong" mode there).
	DelayFINACK bool
	PSHOnLast   bool    // set PSH on the segment that empties the send buffer
	AbortACK    bool    // ABORT sends RST,ACK carrying RCV.NXT (Linux) rather than a bare RST
	SYNOpts     Options // options on our SYN besides MSS
	WScale      uint8   // our window scale shift, with OptWScale
	// InitialWindow is the initial congestion window in segments; 0 uses
	// RFC 5681 §3.1 (2 to 4 segments by MSS).
	InitialWindow int
}

// TCB is the transmission control block (RFC 9293 §3.3.1).
type TCB struct {
	ISS       Seq    // initial send sequence number
	SndUna    Seq    // SND.UNA: oldest unacknowledged
	SndNxt    Seq    // SND.NXT: next to send
	SndWnd    uint32 // SND.WND: the peer's window
	SndWL1    Seq    // SND.WL1: SEG.SEQ of the last window update
	SndWL2    Seq    // SND.WL2: SEG.ACK of the last window update
	MaxSndWnd uint32 // MAX.SND.WND (RFC 5961 §5)
	IRS       Seq    // initial receive sequence number
	RcvNxt    Seq    // RCV.NXT: next expected
	RcvWnd    uint32 // RCV.WND
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
	peerMSS  uint16 // from the peer's SYN; 536 when absent (§3.7.1)
	tsOK     bool   // both SYNs carried timestamps: every segment does (RFC 7323)
	peerOpts Options
	stream   []byte // all data the user SENT; byte i has sequence ISS+1+i
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

	// Congestion control (RFC 5681), required by RFC 9293 §3.8.2 (MUST-19).
	cwnd, ssthresh uint32
	dupACKs        int
	recovering     bool // in fast recovery after the third duplicate ACK
	synRetx        bool // our SYN was retransmitted: start with one segment
}

// NewConn returns a CLOSED connection with its configuration and
// environment. RCV.WND already holds Cfg.Window, so a snapshot taken before
// the first OPEN shows the window the endpoint will offer.
func NewConn(cfg Config, env Env) Conn {
	c := Conn{Cfg: cfg, Env: env}
	c.tcb.RcvWnd = uint32(cfg.Window)
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
func (c *Conn) Stream() []byte { return c.stream }

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

// fire runs the row for (state, event, guard): state change first, then
// its actions. A missing row is a bug in the table.
func (c *Conn) fire(e Event, g Guard, seg *Segment) *Row {
	r := Lookup(c.state, e, g)
	if r == nil {
		panic("fsm: no row for " + c.state.String() + " / " + e.String() + " / " + g.String())
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
		c.rtoOn, c.delack, c.ackDue, c.ackNow = false, false, false, false
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
		c.ackNow = true
		c.ackRow = r
	case SendRSTForACK:
		c.emit(Segment{Seq: seg.Ack, Flags: RST}, ReasonControl, r)
	case SendRSTACK:
		c.emit(Segment{Seq: 0, Ack: seg.Seq.Add(seg.SegLen()), Flags: RST | ACK}, ReasonControl, r)
	case SendRSTAbort:
		if c.Cfg.AbortACK {
			c.emit(Segment{Seq: c.tcb.SndNxt, Ack: c.tcb.RcvNxt, Flags: RST | ACK}, ReasonControl, r)
		} else {
			c.emit(Segment{Seq: c.tcb.SndNxt, Flags: RST}, ReasonControl, r)
		}
	case QueueData, QueueFIN, Drop:
		// QueueData/QueueFIN: the caller updated the queue; output() sends.
	case Retransmit:
		if r.On == EvRTO {
			if c.tcb.SndUna == c.tcb.ISS {
				c.synRetx = true
			} else {
				c.halve()
				c.cwnd = c.sendMSS() // RFC 5681 §3.1: after an RTO, one segment (LW)
				c.dupACKs, c.recovering = 0, false
			}
		}
		c.retransmit(r.On != EvRTO)
	case StartTimeWait:
		c.Env.Timer(TimerTimeWait, Restart)
	case StartFinWait2:
		c.Env.Timer(TimerFinWait2, Restart)
	case StopTimers:
		c.Env.Timer(TimerRTO, Stop)
		c.Env.Timer(TimerDelayedACK, Stop)
		c.Env.Timer(TimerFinWait2, Stop)
		c.rtoOn, c.delack = false, false
	case Tell:
		c.Env.Signal(r.Tell, r)
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
	seg.Wnd, seg.MSS = c.Cfg.Window, c.Cfg.MSS
	seg.Opts = c.Cfg.SYNOpts
	if seg.Flags&ACK != 0 {
		seg.Opts &= c.peerOpts
	}
	if seg.Opts&OptWScale != 0 {
		seg.WScale = c.Cfg.WScale
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
	stream := c.stream[:0]
	held := c.held[:0]
	*c = Conn{state: c.state, Cfg: c.Cfg, Env: c.Env, stream: stream, held: held}
	c.tcb.RcvWnd = uint32(c.Cfg.Window)
	c.peerMSS = 536
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

// Open is the OPEN call, passive (listen) or active (connect).
func (c *Conn) Open(active bool) {
	if !active {
		if c.state == Closed {
			c.reset()
		}
		c.fire(EvPassiveOpen, Always, nil)
		return
	}
	if c.state == Closed || c.state == Listen {
		c.reset()
		c.tcb.ISS = c.Env.ISS()
		c.tcb.SndUna, c.tcb.SndNxt = c.tcb.ISS, c.tcb.ISS.Add(1)
	}
	c.fire(EvActiveOpen, Always, nil)
	c.output()
}

// Send is the SEND call. data may be nil with n > 0 when bytes are not tracked.
func (c *Conn) Send(data []byte, n uint32) {
	if data != nil {
		n = uint32(len(data))
	}
	r := Lookup(c.state, EvSend, Always)
	if r != nil && len(r.Do) > 0 && r.Do[0] == QueueData {
		if data != nil {
			c.stream = append(c.stream, data...)
		}
		c.written += n
	}
	c.fire(EvSend, Always, nil)
	c.output()
}

// Close is the CLOSE call: no more data from this side.
func (c *Conn) Close() {
	r := Lookup(c.state, EvClose, Always)
	if r != nil && len(r.Do) > 0 && r.Do[0] == QueueFIN {
		c.finQueue = true
	}
	c.fire(EvClose, Always, nil)
	c.output()
}

// Abort is the ABORT call.
func (c *Conn) Abort() { c.fire(EvAbort, Always, nil) }

// Crash makes the host forget the connection silently (§3.5.1 "REBOOT").
func (c *Conn) Crash() {
	if c.state != Closed {
		c.fire(EvCrash, Always, nil)
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
			g := Always
			if c.state == SynReceived && c.passive {
				g = Passive
			}
			c.fire(EvGiveUp, g, nil)
			return
		}
		c.fire(EvRTO, Always, nil)
	case TimerTimeWait:
		if c.state == TimeWait {
			c.fire(EvTimeWait, Always, nil)
		}
	case TimerFinWait2:
		if c.state == FinWait2 {
			c.fire(EvFinWait2Timeout, Always, nil)
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

// ---- segment arrival (§3.10.7) ----

// Arrive processes one segment, in the order of RFC 9293 §3.10.7.
func (c *Conn) Arrive(seg Segment) {
	switch c.state {
	case Closed:
		c.arriveClosed(&seg)
		return
	case Listen:
		c.arriveListen(&seg)
	case SynSent:
		c.arriveSynSent(&seg)
	default:
		c.arriveOther(&seg)
	}
	c.output()
}

// §3.10.7.1: no TCB. Answer anything but a RST with a RST the sender will accept.
func (c *Conn) arriveClosed(seg *Segment) {
	switch {
	case seg.Flags&RST != 0:
		c.fire(EvSegment, WithRST, seg)
	case seg.Flags&ACK != 0:
		c.fire(EvSegment, WithACK, seg)
	default:
		c.fire(EvSegment, WithoutACK, seg)
	}
}

// §3.10.7.2
func (c *Conn) arriveListen(seg *Segment) {
	switch {
	case seg.Flags&RST != 0:
		c.fire(EvRST, Always, seg)
	case seg.Flags&ACK != 0:
		c.fire(EvACK, Always, seg)
	case seg.Flags&SYN != 0:
		c.passive = true
		c.tcb.IRS = seg.Seq
		c.tcb.RcvNxt = seg.Seq.Add(1)
		c.tcb.ISS = c.Env.ISS()
		c.tcb.SndUna, c.tcb.SndNxt = c.tcb.ISS, c.tcb.ISS.Add(1)
		c.takeSYNOptions(seg)
		c.fire(EvSYN, Always, seg)
	default:
		c.fire(EvOther, Always, seg)
	}
}

func (c *Conn) takeSYNOptions(seg *Segment) {
	c.tcb.SndWnd = uint32(seg.Wnd)
	c.tcb.MaxSndWnd = c.tcb.SndWnd
	c.tcb.SndWL1 = seg.Seq
	if seg.MSS != 0 {
		c.peerMSS = seg.MSS
	}
	c.peerOpts = seg.Opts
	c.tsOK = seg.Opts&OptTimestamps != 0 && c.Cfg.SYNOpts&OptTimestamps != 0
}

// §3.10.7.3
func (c *Conn) arriveSynSent(seg *Segment) {
	ackOK := false
	// First, check the ACK bit.
	if seg.Flags&ACK != 0 {
		if seg.Ack.LessEq(c.tcb.ISS) || c.tcb.SndNxt.LessThan(seg.Ack) {
			if seg.Flags&RST != 0 {
				c.fire(EvACK, BadACKRST, seg)
			} else {
				c.fire(EvACK, BadACK, seg)
			}
			return
		}
		ackOK = c.tcb.SndUna.LessThan(seg.Ack) && seg.Ack.LessEq(c.tcb.SndNxt)
	}
	// Second, check the RST bit. RFC 5961's RCV.NXT test cannot apply: IRS is unknown.
	if seg.Flags&RST != 0 {
		if ackOK {
			c.fire(EvRST, GoodACK, seg)
		} else {
			c.fire(EvRST, WithoutACK, seg)
		}
		return
	}
	// Fourth, check the SYN bit.
	if seg.Flags&SYN == 0 {
		c.fire(EvOther, Always, seg)
		return
	}
	c.tcb.IRS = seg.Seq
	c.tcb.RcvNxt = seg.Seq.Add(1)
	c.takeSYNOptions(seg)
	if ackOK {
		old := c.tcb.SndUna
		c.tcb.SndUna = seg.Ack
		c.tcb.SndWL2 = seg.Ack
		c.Env.Acked(old, c.tcb.SndUna)
	}
	if c.tcb.ISS.LessThan(c.tcb.SndUna) {
		c.rtoOff()
		c.fire(EvSYN, SYNAcked, seg)
		// Text or FIN on the SYN,ACK continue at the sixth step.
		if seg.Len > 0 || seg.Flags&FIN != 0 {
			rest := *seg
			rest.Seq = rest.Seq.Add(1)
			rest.Flags &^= SYN
			c.text(&rest)
		}
		return
	}
	c.tcb.SndWL2 = seg.Ack
	c.fire(EvSYN, SYNUnacked, seg)
}

func (c *Conn) rtoOff() {
	if c.rtoOn {
		c.rtoOn = false
		c.Env.Timer(TimerRTO, Stop)
	}
}

// acceptable is the four-case test of Table 6 (§3.10.7.4).
func (c *Conn) acceptable(seg *Segment) bool {
	n := seg.SegLen()
	if n == 0 {
		if c.tcb.RcvWnd == 0 {
			return seg.Seq == c.tcb.RcvNxt
		}
		return seg.Seq.InWindow(c.tcb.RcvNxt, c.tcb.RcvWnd)
	}
	if c.tcb.RcvWnd == 0 {
		return false
	}
	return seg.Seq.InWindow(c.tcb.RcvNxt, c.tcb.RcvWnd) || seg.Seq.Add(n-1).InWindow(c.tcb.RcvNxt, c.tcb.RcvWnd)
}

func (c *Conn) synGuard() Guard {
	if c.passive {
		return Passive
	}
	return Active
}

// §3.10.7.4: SYN-RECEIVED and the synchronized states.
func (c *Conn) arriveOther(seg *Segment) {
	// TIME-WAIT: a retransmission of the peer's FIN sits just below RCV.NXT, so
	// the sequence test would reject it; the RFC's TIME-WAIT rules (fifth and
	// eighth steps) say to acknowledge it and restart 2MSL, as stacks do.
	if c.state == TimeWait && seg.Flags&(FIN|RST|SYN) == FIN && seg.Seq.Add(seg.SegLen()) == c.tcb.RcvNxt {
		c.fire(EvFIN, Retransmitted, seg)
		return
	}
	// Simultaneous open (Figure 7): the peer's SYN,ACK repeats the SYN we
	// already hold at RCV.NXT-1. Trimming the old SYN leaves the "idealized
	// segment" beginning at RCV.NXT that §3.10.7.4 asks us to process.
	if c.state == SynReceived && seg.Flags&(SYN|ACK) == SYN|ACK && seg.Seq.Add(1) == c.tcb.RcvNxt {
		trimmed := *seg
		trimmed.Flags &^= SYN
		trimmed.Seq = c.tcb.RcvNxt
		seg = &trimmed
	}
	// First, check the sequence number.
	if !c.acceptable(seg) {
		if seg.Flags&RST != 0 {
			c.fire(EvUnacceptable, WithRST, seg)
		} else {
			c.fire(EvUnacceptable, WithoutRST, seg)
		}
		return
	}
	// Second, check the RST bit (RFC 5961 §3: only exactly RCV.NXT resets).
	if seg.Flags&RST != 0 {
		switch {
		case seg.Seq != c.tcb.RcvNxt:
			c.fire(EvRST, InWindow, seg)
		case c.state == SynReceived:
			c.fire(EvRST, c.synGuard(), seg)
		default:
			c.fire(EvRST, Exact, seg)
		}
		return
	}
	// Fourth, check the SYN bit.
	if seg.Flags&SYN != 0 {
		if c.state == SynReceived && c.passive {
			c.fire(EvSYN, Passive, seg)
		} else {
			c.fire(EvSYN, Always, seg)
		}
		return
	}
	// Fifth, check the ACK field.
	if seg.Flags&ACK == 0 {
		c.fire(EvNoACK, Always, seg)
		return
	}
	if c.state == SynReceived {
		if !(c.tcb.SndUna.LessThan(seg.Ack) && seg.Ack.LessEq(c.tcb.SndNxt)) {
			c.fire(EvACK, BadACK, seg)
			return
		}
		c.tcb.SndWnd, c.tcb.SndWL1, c.tcb.SndWL2 = uint32(seg.Wnd), seg.Seq, seg.Ack
		c.fire(EvACK, GoodACK, seg)
	}
	if c.tcb.SndNxt.LessThan(seg.Ack) {
		c.fire(EvACK, AckTooNew, seg)
		return
	}
	if seg.Ack.LessThan(c.tcb.SndUna - Seq(c.tcb.MaxSndWnd)) {
		c.fire(EvACK, AckTooOld, seg)
		return
	}
	dup := c.isDupACK(seg) // before the window update below
	if c.tcb.SndUna.LessThan(seg.Ack) {
		old := c.tcb.SndUna
		c.tcb.SndUna = seg.Ack
		// Slow start counts acknowledged data; SYN and FIN are not data.
		acked := uint32(seg.Ack.Sub(old))
		if old == c.tcb.ISS {
			acked--
		}
		if c.finSent && old.LessEq(c.finSeq) && c.finSeq.LessThan(seg.Ack) {
			acked--
		}
		c.onNewACK(acked)
		c.Env.Acked(old, c.tcb.SndUna)
		if c.tcb.SndUna == c.tcb.SndNxt {
			c.rtoOff()
		} else {
			c.rtoOn = true
			c.Env.Timer(TimerRTO, Restart) // RFC 6298 §5.3
		}
	}
	// Window update (SND.WL1/SND.WL2 keep old segments from shrinking it).
	if c.tcb.SndWL1.LessThan(seg.Seq) || (c.tcb.SndWL1 == seg.Seq && c.tcb.SndWL2.LessEq(seg.Ack)) {
		c.tcb.SndWnd, c.tcb.SndWL1, c.tcb.SndWL2 = uint32(seg.Wnd), seg.Seq, seg.Ack
		if c.tcb.SndWnd > c.tcb.MaxSndWnd {
			c.tcb.MaxSndWnd = c.tcb.SndWnd
		}
	}
	if dup {
		c.dupACKs++
		switch {
		case c.dupACKs == 3:
			// RFC 5681 §3.2: the third duplicate ACK means a segment is lost.
			c.halve()
			c.fire(EvACK, ThirdDupACK, seg)
			c.cwnd = c.ssthresh + 3*c.sendMSS()
			c.recovering = true
		case c.dupACKs > 3 && c.recovering:
			c.cwnd += c.sendMSS() // each further duplicate: a segment left the network
		}
	}
	finAcked := c.finSent && c.finSeq.LessThan(c.tcb.SndUna)
	switch c.state {
	case FinWait1:
		if finAcked {
			c.fire(EvACK, AcksFIN, seg)
		}
	case Closing:
		if !finAcked {
			return // "otherwise, ignore the segment"
		}
		c.fire(EvACK, AcksFIN, seg)
	case LastAck:
		if finAcked {
			c.fire(EvACK, AcksFIN, seg)
		}
		return
	case TimeWait:
		return
	}
	// Sixth (URG) is not modelled. Seventh and eighth: text and FIN.
	c.text(seg)
}

// isDupACK is RFC 5681's duplicate: data outstanding, no payload, no
// SYN/FIN, acknowledging SND.UNA and advertising the same window.
func (c *Conn) isDupACK(seg *Segment) bool {
	return c.tcb.SndUna != c.tcb.SndNxt && seg.Len == 0 && seg.Flags&(SYN|FIN) == 0 &&
		seg.Ack == c.tcb.SndUna && uint32(seg.Wnd) == c.tcb.SndWnd
}

// text runs the seventh (segment text) and eighth (FIN) steps for an
// acceptable segment, holding anything that starts beyond RCV.NXT.
func (c *Conn) text(seg *Segment) {
	if seg.Len == 0 && seg.Flags&FIN == 0 {
		return
	}
	if c.finRcvd {
		if seg.Len > 0 {
			c.fire(EvText, AfterFIN, seg)
		}
		// In TIME-WAIT the only FIN that can come is the retransmission
		// matched before the sequence test; another cannot be valid.
		if seg.Flags&FIN != 0 && c.state != TimeWait {
			c.fire(EvFIN, Always, seg)
		}
		return
	}
	if c.tcb.RcvNxt.LessThan(seg.Seq) {
		c.hold(seg)
		c.fire(EvText, OutOfOrder, seg)
		return
	}
	if c.take(seg) {
		for c.drainHeld() {
		}
	}
}

// take accepts the in-window part of a segment starting at or before
// RCV.NXT. It reports whether RCV.NXT moved.
func (c *Conn) take(seg *Segment) bool {
	skip := uint32(c.tcb.RcvNxt.Sub(seg.Seq)) // bytes already received
	moved := false
	if skip < seg.Len {
		n := seg.Len - skip
		if n > c.tcb.RcvWnd {
			n = c.tcb.RcvWnd
		}
		var data []byte
		if seg.Data != nil {
			data = seg.Data[skip : skip+n]
		}
		c.tcb.RcvNxt = c.tcb.RcvNxt.Add(n)
		c.Env.Deliver(data, n)
		moved = true
		c.fire(EvText, InOrder, seg)
		if skip+n < seg.Len {
			return moved // the FIN lies beyond what fit
		}
	}
	if seg.Flags&FIN != 0 && seg.Seq.Add(seg.Len) == c.tcb.RcvNxt {
		c.tcb.RcvNxt = c.tcb.RcvNxt.Add(1)
		c.finRcvd = true
		moved = true
		if c.state == FinWait1 {
			c.fire(EvFIN, FINNotAcked, seg) // an ACK of our FIN would have moved us on
		} else {
			c.fire(EvFIN, Always, seg)
		}
	}
	return moved
}

func (c *Conn) hold(seg *Segment) {
	if len(c.held) >= maxHeld {
		return
	}
	// Keep the queue sorted by sequence number.
	i := len(c.held)
	for i > 0 && seg.Seq.LessThan(c.held[i-1].Seq) {
		i--
	}
	c.held = append(c.held, Segment{})
	copy(c.held[i+1:], c.held[i:])
	c.held[i] = *seg
	c.held[i].Flags &= FIN | PSH | ACK
}

// drainHeld processes the first held segment that now touches RCV.NXT.
func (c *Conn) drainHeld() bool {
	for i := 0; i < len(c.held); i++ {
		h := c.held[i]
		end := h.Seq.Add(h.SegLen())
		if end.LessEq(c.tcb.RcvNxt) { // wholly old
			c.held = append(c.held[:i], c.held[i+1:]...)
			i--
			continue
		}
		if h.Seq.LessEq(c.tcb.RcvNxt) {
			c.held = append(c.held[:i], c.held[i+1:]...)
			if c.finRcvd {
				return false
			}
			return c.take(&h)
		}
	}
	return false
}

// ---- output ----

func (c *Conn) bareACK() Segment {
	return Segment{Seq: c.tcb.SndNxt, Ack: c.tcb.RcvNxt, Flags: ACK, Wnd: uint16(c.tcb.RcvWnd)}
}

func (c *Conn) sendMSS() uint32 {
	m := c.peerMSS
	if c.Cfg.MSS != 0 && c.Cfg.MSS < m {
		m = c.Cfg.MSS
	}
	if m == 0 {
		m = 536
	}
	if c.tsOK {
		m -= 12 // the timestamps option (10 bytes, padded) comes out of the MSS
	}
	return uint32(m)
}

// canSendData: our SYN is acknowledged and the state allows data out. After
// CLOSE that is only data queued before it; CLOSING is included because the
// peer's FIN can arrive while ours still waits behind data (§3.6: everything
// up to and including the FIN is delivered).
func (c *Conn) canSendData() bool {
	switch c.state {
	case Established, CloseWait, FinWait1, Closing, LastAck:
		return c.tcb.ISS.LessThan(c.tcb.SndUna)
	}
	return false
}

// output sends what the state and the peer's window allow: queued data,
// then a queued FIN, then any ACK still owed (piggybacked if possible).
func (c *Conn) output() {
	if c.canSendData() || (c.finQueue && !c.finSent && (c.state == FinWait1 || c.state == Closing || c.state == LastAck)) {
		for {
			inFlight := uint32(c.tcb.SndNxt.Sub(c.tcb.SndUna))
			room := uint32(0)
			if wnd := min(c.tcb.SndWnd, c.cwnd); wnd > inFlight {
				room = wnd - inFlight
			}
			unsent := c.written - c.sent
			if !c.canSendData() {
				unsent = 0
			}
			mss := c.sendMSS()
			n := min(unsent, mss, room)
			// Sender-side silly window avoidance (§3.8.6.2.1): send a full
			// segment, all that is left, or half the largest window offered;
			// otherwise wait for an ACK to open the window. With nothing in
			// flight no ACK is coming, so send what fits.
			if n < mss && n < unsent && n < c.tcb.MaxSndWnd/2 && inFlight > 0 {
				n = 0
			}
			// The FIN follows the last byte; a lone FIN is not held back by cwnd.
			fin := c.finQueue && !c.finSent && c.sent+n == c.written && (room > n || n == 0)
			if n == 0 && !fin {
				break
			}
			seg := Segment{Seq: c.tcb.SndNxt, Ack: c.tcb.RcvNxt, Flags: ACK, Wnd: uint16(c.tcb.RcvWnd), Len: n}
			if n > 0 && c.stream != nil {
				seg.Data = c.stream[c.sent : c.sent+n]
			}
			if n > 0 && c.Cfg.PSHOnLast && c.sent+n == c.written {
				seg.Flags |= PSH
			}
			if fin {
				seg.Flags |= FIN
				c.finSent = true
				c.finSeq = c.tcb.SndNxt.Add(n)
			}
			c.sent += n
			c.tcb.SndNxt = c.tcb.SndNxt.Add(seg.SegLen())
			c.clearACK()
			c.emit(seg, ReasonData, nil)
			c.armRTO()
		}
	}
	if c.ackNow {
		c.clearACK()
		c.emit(c.bareACK(), ReasonACK, c.takeACKRow())
		return
	}
	if c.ackDue {
		if !c.ackLater || c.delack {
			// No delaying, or a second segment is waiting: ACK now (RFC 1122 §4.2.3.2).
			c.clearACK()
			c.emit(c.bareACK(), ReasonACK, c.takeACKRow())
			return
		}
		c.delack = true
		c.Env.Timer(TimerDelayedACK, Start)
	}
}

func (c *Conn) takeACKRow() *Row {
	r := c.ackRow
	c.ackRow = nil
	return r
}

// clearACK marks any owed ACK as sent (it rides on the segment being sent).
func (c *Conn) clearACK() {
	c.ackNow, c.ackDue, c.ackLater = false, false, false
	if c.delack {
		c.delack = false
		c.Env.Timer(TimerDelayedACK, Stop)
	}
}

// retransmit resends the front of the retransmission queue: the sequence
// space from SND.UNA, rebuilt from the stream (SYN, up to one MSS of data,
// and the FIN if it follows).
func (c *Conn) retransmit(fast bool) {
	seg := Segment{Seq: c.tcb.SndUna, Wnd: uint16(c.tcb.RcvWnd)}
	if c.tcb.SndUna == c.tcb.ISS {
		seg.Flags = SYN
		if c.state != SynSent {
			seg.Flags |= ACK
			seg.Ack = c.tcb.RcvNxt
		}
		seg = c.syn(seg)
	} else {
		off := uint32(c.tcb.SndUna.Sub(c.tcb.ISS.Add(1)))
		if off > c.sent {
			off = c.sent // only the FIN is outstanding
		}
		n := c.sent - off
		if n > c.sendMSS() {
			n = c.sendMSS()
		}
		seg.Flags = ACK
		seg.Ack = c.tcb.RcvNxt
		seg.Len = n
		if n > 0 && c.stream != nil {
			seg.Data = c.stream[off : off+n]
		}
		if n > 0 && c.Cfg.PSHOnLast && off+n == c.written {
			seg.Flags |= PSH
		}
		if c.finSent && off+n == c.sent {
			seg.Flags |= FIN
		}
		if n == 0 && seg.Flags&FIN == 0 {
			return // nothing outstanding
		}
	}
	c.clearACK()
	if fast {
		c.emit(seg, ReasonFastRetransmit, nil)
		return
	}
	c.emit(seg, ReasonRetransmit, nil)
	c.rtoOn = true
	c.Env.Timer(TimerRTO, Restart)
}
