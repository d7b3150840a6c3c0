package fsm

// Segment arrival, in the order of RFC 9293 §3.10.7. Each function is one
// state's section or one numbered step; the step says which event a
// segment reached and the table (read in order, with Guard.holds) says
// which row applies.

// Arrive processes one segment and returns the row of the deepest step it
// reached: the rule that decided what became of it (rows for what leaves
// afterwards belong to those segments).
func (c *Conn) Arrive(seg Segment) *Row {
	c.decided = nil
	switch c.state {
	case Closed:
		c.arriveClosed(&seg)
		return c.decided
	case Listen:
		c.arriveListen(&seg)
	case SynSent:
		c.arriveSynSent(&seg)
	default:
		c.arriveOther(&seg)
	}
	r := c.decided
	c.output()
	if c.Cfg.Keepalive && keepStates.Has(c.state) {
		c.Env.Timer(TimerKeepalive, Restart) // idle is counted from the last segment received
	}
	return r
}

// §3.10.7.1: no TCB. Answer anything but a RST with a RST the sender will accept.
func (c *Conn) arriveClosed(seg *Segment) { c.fire(EvSegment, seg) }

// §3.10.7.2
func (c *Conn) arriveListen(seg *Segment) {
	switch {
	case seg.Flags&RST != 0:
		c.fire(EvRST, seg)
	case seg.Flags&ACK != 0:
		c.fire(EvACK, seg)
	case seg.Flags&SYN != 0:
		c.takeSYN(seg, c.Env.ISS())
		c.fire(EvSYN, seg)
		c.holdAfterSYN(seg)
	default:
		c.fire(EvOther, seg)
	}
}

// holdAfterSYN keeps any data or FIN that came with a SYN for after the
// handshake: §3.10.7.2 processes it in SYN-RECEIVED, and text is only
// delivered from ESTABLISHED on.
func (c *Conn) holdAfterSYN(seg *Segment) {
	if seg.Len == 0 && seg.Flags&FIN == 0 {
		return
	}
	rest := *seg
	rest.Seq = rest.Seq.Add(1)
	rest.Flags &^= SYN
	c.hold(&rest)
}

// takeSYN is a passive open's bookkeeping for an arriving SYN: IRS,
// RCV.NXT, our ISS and the SYN's options.
func (c *Conn) takeSYN(seg *Segment, iss Seq) {
	c.passive = true
	c.tcb.IRS = seg.Seq
	c.tcb.RcvNxt = seg.Seq.Add(1)
	c.tcb.ISS = iss
	c.tcb.SndUna, c.tcb.SndNxt = c.tcb.ISS, c.tcb.ISS.Add(1)
	c.takeSYNOptions(seg)
}

func (c *Conn) takeSYNOptions(seg *Segment) {
	c.tcb.SndWnd = uint32(seg.Wnd) // a SYN's window is never scaled (RFC 7323 §2.2)
	c.tcb.MaxSndWnd = c.tcb.SndWnd
	c.tcb.SndWL1 = seg.Seq
	if seg.MSS != 0 {
		c.peerMSS = seg.MSS
	}
	c.peerOpts = seg.Opts
	c.tsOK = seg.Opts&OptTimestamps != 0 && c.Cfg.SYNOpts&OptTimestamps != 0
	c.takeWScale(seg)
}

// §3.10.7.3
func (c *Conn) arriveSynSent(seg *Segment) {
	// First, check the ACK bit.
	if c.try(EvACK, seg) != nil {
		return // BadACK or BadACKRST
	}
	// Second, check the RST bit. RFC 5961's RCV.NXT test cannot apply: IRS is unknown.
	if seg.Flags&RST != 0 {
		c.fire(EvRST, seg)
		return
	}
	// Fourth, check the SYN bit.
	if seg.Flags&SYN == 0 {
		c.fire(EvOther, seg)
		return
	}
	c.tcb.IRS = seg.Seq
	c.tcb.RcvNxt = seg.Seq.Add(1)
	c.takeSYNOptions(seg)
	c.tcb.SndWL2 = seg.Ack
	if GoodACK.holds(c, seg) {
		old := c.tcb.SndUna
		c.tcb.SndUna = seg.Ack
		c.Env.Acked(old, c.tcb.SndUna)
	}
	if SYNAcked.holds(c, seg) {
		c.rtoOff()
	}
	r := c.fire(EvSYN, seg)
	switch {
	case r.If == SYNUnacked:
		c.holdAfterSYN(seg) // simultaneous open: as in LISTEN
	case seg.Len > 0 || seg.Flags&FIN != 0:
		// Text or FIN on the SYN,ACK continue at the sixth step.
		rest := *seg
		rest.Seq = rest.Seq.Add(1)
		rest.Flags &^= SYN
		c.text(&rest)
	}
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

// §3.10.7.4: SYN-RECEIVED and the synchronized states, step by step.
// Each step returns true when the segment is done with.
func (c *Conn) arriveOther(seg *Segment) {
	// TIME-WAIT: a retransmission of the peer's FIN sits just below RCV.NXT, so
	// the sequence test would reject it; the RFC's TIME-WAIT rules (fifth and
	// eighth steps) say to acknowledge it and restart 2MSL, as stacks do.
	if c.state == TimeWait && Retransmitted.holds(c, seg) {
		c.fire(EvFIN, seg)
		return
	}
	if c.state == TimeWait && c.reopens(seg) {
		c.reopen(seg)
		return
	}
	if c.synAgain(seg) {
		c.fire(EvSYNAgain, seg)
		return
	}
	// Simultaneous open (Figure 7): the peer's SYN,ACK repeats the SYN we
	// already hold at RCV.NXT-1. Trimming the old SYN leaves the "idealized
	// segment" beginning at RCV.NXT that §3.10.7.4 asks us to process.
	simOpen := false
	if c.state == SynReceived && seg.Flags&(SYN|ACK) == SYN|ACK && seg.Seq.Add(1) == c.tcb.RcvNxt {
		simOpen = true
		trimmed := *seg
		trimmed.Flags &^= SYN
		trimmed.Seq = c.tcb.RcvNxt
		seg = &trimmed
	}
	if c.firstCheckSequence(seg) || c.secondCheckRST(seg) || c.fourthCheckSYN(seg) || c.fifthCheckACK(seg) {
		return
	}
	// Sixth (URG) is not modelled. Seventh and eighth: text and FIN.
	c.text(seg)
	if simOpen && c.Cfg.SimOpenACK && c.state == Established {
		c.fire(EvSYNAgain, seg) // linuxsyn.go
	}
}

// First, check the sequence number.
func (c *Conn) firstCheckSequence(seg *Segment) bool {
	if c.acceptable(seg) {
		return false
	}
	c.fire(EvUnacceptable, seg)
	return true
}

// Second, check the RST bit (RFC 5961 §3: only exactly RCV.NXT resets).
func (c *Conn) secondCheckRST(seg *Segment) bool {
	if seg.Flags&RST == 0 {
		return false
	}
	c.fire(EvRST, seg)
	return true
}

// Fourth, check the SYN bit (the third, security, is not modelled).
func (c *Conn) fourthCheckSYN(seg *Segment) bool {
	if seg.Flags&SYN == 0 {
		return false
	}
	c.fire(EvSYN, seg)
	return true
}

// Fifth, check the ACK field.
func (c *Conn) fifthCheckACK(seg *Segment) bool {
	if seg.Flags&ACK == 0 {
		c.fire(EvNoACK, seg)
		return true
	}
	if c.state == SynReceived {
		if GoodACK.holds(c, seg) {
			c.tcb.SndWnd, c.tcb.SndWL1, c.tcb.SndWL2 = c.peerWnd(seg), seg.Seq, seg.Ack
		}
		if c.fire(EvACK, seg).If == BadACK {
			return true
		}
		// ESTABLISHED now; the same ACK goes on through its processing,
		// whose bookkeeping moves SND.UNA over our SYN.
		c.ack = c.ackFactsOf(seg)
		c.ackBookkeeping(seg)
		c.enteredEstablished()
		return false
	}
	c.ack = c.ackFactsOf(seg)
	if c.ack.tooNew || c.ack.tooOld {
		c.fire(EvACK, seg) // AckTooNew / AckTooOld: ACK and drop
		return true
	}
	st := c.state
	c.ackBookkeeping(seg)
	r := c.fire(EvACK, seg)
	// LAST-ACK and TIME-WAIT take nothing after the ACK; CLOSING only the
	// ACK of our FIN, which moved it on.
	switch st {
	case TimeWait:
		if FINAtRcvNxt.holds(c, seg) {
			c.fire(EvFIN, seg) // its ACK is built after RCV.NXT moves over the FIN
			c.tcb.RcvNxt = c.tcb.RcvNxt.Add(1)
		}
		return true
	case LastAck:
		return true
	case Closing:
		return r.If != AcksFIN
	}
	return false
}

// enteredEstablished runs what SYN-RECEIVED kept for ESTABLISHED: text
// that came with the SYN, and a CLOSE the user already made (§3.10.4).
func (c *Conn) enteredEstablished() {
	for c.drainHeld() {
	}
	if c.closePending {
		c.closePending = false
		c.fire(EvClose, nil)
	}
}

func (c *Conn) ackFactsOf(seg *Segment) ackFacts {
	return ackFacts{
		tooNew:   c.tcb.SndNxt.LessThan(seg.Ack),
		tooOld:   seg.Ack.LessThan(c.tcb.SndUna - Seq(c.tcb.MaxSndWnd)),
		dup:      c.isDupACK(seg),
		advanced: c.tcb.SndUna.LessThan(seg.Ack),
	}
}

// ackBookkeeping is the sequence arithmetic of an acceptable ACK: SND.UNA,
// the congestion window, the RTO, the send window and the duplicate count.
func (c *Conn) ackBookkeeping(seg *Segment) {
	if c.ack.advanced {
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
		c.tcb.SndWnd, c.tcb.SndWL1, c.tcb.SndWL2 = c.peerWnd(seg), seg.Seq, seg.Ack
		if c.tcb.SndWnd > c.tcb.MaxSndWnd {
			c.tcb.MaxSndWnd = c.tcb.SndWnd
		}
	}
	if c.ack.dup {
		c.dupACKs++
		if c.dupACKs > 3 && c.recovering {
			c.cwnd += c.sendMSS() // each further duplicate: a segment left the network
		}
	}
}

// isDupACK is RFC 5681's duplicate: data outstanding, no payload, no
// SYN/FIN, acknowledging SND.UNA and advertising the same window. A zero
// window is no sign of loss: such ACKs answer zero-window probes.
func (c *Conn) isDupACK(seg *Segment) bool {
	return c.tcb.SndUna != c.tcb.SndNxt && seg.Wnd != 0 && seg.Len == 0 && seg.Flags&(SYN|FIN) == 0 &&
		seg.Ack == c.tcb.SndUna && c.peerWnd(seg) == c.tcb.SndWnd
}

func (c *Conn) finAcked() bool { return c.finSent && c.finSeq.LessThan(c.tcb.SndUna) }

// text runs the seventh (segment text) and eighth (FIN) steps for an
// acceptable segment, holding anything that starts beyond RCV.NXT.
func (c *Conn) text(seg *Segment) {
	if seg.Len == 0 && seg.Flags&FIN == 0 {
		return
	}
	if (c.orphan || c.rdShut) && seg.Len > 0 && afterClose.Has(c.state) && c.tcb.RcvNxt.LessThan(seg.Seq.Add(seg.Len)) {
		c.fire(c.afterCloseEvent(), seg) // nobody will read it (RFC 1122 §4.2.2.13)
		return
	}
	if c.finRcvd {
		if seg.Len > 0 {
			c.fire(EvText, seg) // AfterFIN
		}
		// In TIME-WAIT the only FIN that can come is the retransmission
		// matched before the sequence test; another cannot be valid.
		if seg.Flags&FIN != 0 && c.state != TimeWait {
			c.fire(EvFIN, seg)
		}
		return
	}
	if c.tcb.RcvNxt.LessThan(seg.Seq) {
		c.hold(seg)
		c.fire(EvText, seg) // OutOfOrder
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
		c.accept(data, n)
		moved = true
		c.fire(EvText, seg) // InOrder
		if skip+n < seg.Len {
			return moved // the FIN lies beyond what fit
		}
	}
	if seg.Flags&FIN != 0 && seg.Seq.Add(seg.Len) == c.tcb.RcvNxt {
		c.tcb.RcvNxt = c.tcb.RcvNxt.Add(1)
		c.finRcvd = true
		moved = true
		// In FIN-WAIT-1 the row needs FINNotAcked: an ACK of our FIN would
		// already have moved us to FIN-WAIT-2 in the fifth step.
		c.fire(EvFIN, seg)
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
