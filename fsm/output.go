package fsm

// ---- output ----

func (c *Conn) bareACK() Segment {
	return Segment{Seq: c.tcb.SndNxt, Ack: c.tcb.RcvNxt, Flags: ACK, Wnd: c.wndField()}
}

// defaultMSS is the send MSS assumed when the peer's SYN has no MSS
// option: 536 over IPv4, 1220 over IPv6 (§3.7.1, MUST-15).
func (c *Conn) defaultMSS() uint16 {
	if c.Cfg.IPv6 {
		return 1220
	}
	return 536
}

func (c *Conn) sendMSS() uint32 {
	m := c.peerMSS
	if c.Cfg.MSS != 0 && c.Cfg.MSS < m {
		m = c.Cfg.MSS
	}
	if m == 0 {
		m = c.defaultMSS()
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
	if c.probing {
		c.rewindProbe()
	}
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
			if n == unsent && c.nagleHolds(n, mss, inFlight) {
				n = 0 // Nagle (nagle.go)
			}
			// The FIN follows the last byte; a lone FIN is not held back by cwnd.
			fin := c.finQueue && !c.finSent && c.sent+n == c.written && (room > n || n == 0)
			if n == 0 && !fin {
				break
			}
			seg := Segment{Seq: c.tcb.SndNxt, Ack: c.tcb.RcvNxt, Flags: ACK, Wnd: c.wndField(), Len: n}
			if n > 0 && c.stream != nil {
				seg.Data = c.stream[c.sent : c.sent+n]
			}
			if n > 0 && c.pushOut(c.sent, n, mss) {
				seg.Flags |= PSH
			}
			if fin {
				seg.Flags |= FIN
				c.finSent = true
				c.finSeq = c.tcb.SndNxt.Add(n)
			}
			r := c.fire(EvOutput, &seg) // DataOut or FINOut
			c.sentSmall(&seg, mss)
			c.sent += n
			c.tcb.SndNxt = c.tcb.SndNxt.Add(seg.SegLen())
			c.clearACK()
			c.emit(seg, ReasonData, r)
			c.armRTO()
		}
	}
	if c.tcb.SndWnd == 0 || c.persist { // the common case costs one test
		c.persistCheck()
	}
	if c.ackNow {
		why := ReasonACK
		if c.ackUpdate {
			why = ReasonWindowUpdate
		}
		c.clearACK()
		c.emit(c.bareACK(), why, c.takeACKRow())
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
	c.ackNow, c.ackDue, c.ackLater, c.ackUpdate = false, false, false, false
	if c.delack {
		c.delack = false
		c.Env.Timer(TimerDelayedACK, Stop)
	}
}

// retransmit resends the front of the retransmission queue: the sequence
// space from SND.UNA, rebuilt from the stream (SYN, up to one MSS of data,
// and the FIN if it follows).
func (c *Conn) retransmit(r *Row) {
	seg := Segment{Seq: c.tcb.SndUna, Wnd: c.wndField()}
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
		if n > 0 && c.pushAgain(off, n) {
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
	if r.On != EvRTO {
		c.emit(seg, ReasonFastRetransmit, r)
		return
	}
	c.emit(seg, ReasonRetransmit, r)
	c.rtoOn = true
	c.Env.Timer(TimerRTO, Restart)
}
