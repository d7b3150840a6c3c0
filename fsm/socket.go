package fsm

// The socket as applications use it: a receive buffer the application
// reads at its own pace, the window that follows it, zero-window probes,
// and the full close of the sockets API (issue 14).

var (
	// States where a full close with unread data resets (Linux tcp_close
	// checks for unread data in every state that holds a socket).
	unreadClose = Of(Established, FinWait1, FinWait2, CloseWait, Closing, LastAck)
	// States where data can still arrive after our CLOSE.
	afterClose = Of(FinWait1, FinWait2)
	// States where keep-alive probes an idle connection.
	keepStates = Of(Established, CloseWait, FinWait2)
)

// rcvBuf is RCV.BUFF of §3.8.6.2.2.
func (c *Conn) rcvBuf() uint32 {
	if c.Cfg.RcvBuf > 0 {
		return c.Cfg.RcvBuf
	}
	return uint32(c.Cfg.Window)
}

// fullWindow is the window with nothing unread: the buffer, at most
// Window. Once window scaling is on (wscale.go), a receive buffer over
// 64 KiB is offered whole, up to 65535 << Rcv.Wind.Shift (RFC 7323 §2).
func (c *Conn) fullWindow() uint32 {
	w := uint32(c.Cfg.Window)
	if w == 0 {
		w = 65535
	}
	if c.scaled && c.Cfg.RcvBuf > 65535 {
		w = c.maxWindow()
	}
	w = min(w, c.rcvBuf())
	if m := c.windowMSS(); c.Cfg.LinuxWindow && w > m {
		w -= w % m // tcp_select_initial_window: "a multiple of mss if possible"
	}
	return w
}

// accept puts n in-order bytes into the receive buffer. An application
// that reads at once takes them (RCV.WND stays, as the right edge moves
// with RCV.NXT); otherwise they wait and the window shrinks by n, keeping
// the right edge where it was (§3.8.6.2.2: the window is never shrunk).
func (c *Conn) accept(data []byte, n uint32) {
	if !c.noRead && c.unread == 0 {
		c.Env.Deliver(data, n)
		return
	}
	c.unread += n
	if data != nil {
		c.rcvd = append(c.rcvd, data...)
	}
	c.tcb.RcvWnd -= min(n, c.tcb.RcvWnd)
	c.moveEdge() // the ACK of this data carries any room still free
}

// Unread is how many received bytes wait for the application.
func (c *Conn) Unread() uint32 { return c.unread }

// Reading reports whether the application reads data as it arrives.
func (c *Conn) Reading() bool { return !c.noRead }

// SetReading says whether the application reads data as it arrives; when
// it starts, it first reads everything waiting (a RECEIVE).
func (c *Conn) SetReading(on bool) *Row {
	c.noRead = !on
	if on && c.unread > 0 {
		return c.Read(0)
	}
	return nil
}

// Read is the RECEIVE call (§3.10.3): the application takes up to max
// bytes (0: all) from the receive buffer, which may open the window.
func (c *Conn) Read(max uint32) *Row {
	r := c.fire(EvReceive, nil)
	if r.Tell != NoSignal {
		return r
	}
	n := c.unread
	if max > 0 && max < n {
		n = max
	}
	if n > 0 {
		var data []byte
		if uint32(len(c.rcvd)) >= n {
			data = c.rcvd[:n]
		}
		c.Env.Deliver(data, n)
		if data != nil {
			c.rcvd = c.rcvd[:copy(c.rcvd, c.rcvd[n:])]
		}
		c.unread -= n
	}
	c.openWindow(r)
	c.output()
	return r
}

// moveEdge advances the right edge RCV.NXT+RCV.WND to the free room of
// the buffer (at most Window) once it can move by min(RCV.BUFF/2,
// Eff.snd.MSS), or to the whole window; it never moves back. It reports
// whether it moved.
func (c *Conn) moveEdge() bool {
	room := min(c.rcvBuf()-min(c.unread, c.rcvBuf()), c.fullWindow())
	if room <= c.tcb.RcvWnd {
		return false
	}
	if room-c.tcb.RcvWnd < min(c.rcvBuf()/2, c.recvMSS()) && room < c.fullWindow() {
		return false
	}
	c.tcb.RcvWnd = room
	return true
}

// recvMSS is the largest segment the peer sends us (Eff.snd.MSS of §3.8.6.2.2).
func (c *Conn) recvMSS() uint32 {
	m := uint32(c.Cfg.MSS)
	if m == 0 {
		m = 536
	}
	if c.tsOK {
		m -= 12
	}
	return m
}

// openWindow is receiver silly window avoidance (§3.8.6.2.2, MUST-39):
// the right edge moves only once it can move by min(RCV.BUFF/2,
// Eff.snd.MSS), and then a window update tells the peer at once.
func (c *Conn) openWindow(r *Row) {
	if !c.state.Synchronized() || !c.moveEdge() {
		return
	}
	if c.finRcvd {
		return // nothing more can come: no update is needed
	}
	c.ackNow = true
	c.ackRow = r
	c.ackUpdate = true
}

// zeroWindowWait: data waits for a window of zero with nothing in flight
// but a probe, so only a probe can learn when it opens (RFC 1122 §4.2.2.17).
func (c *Conn) zeroWindowWait() bool {
	if c.tcb.SndWnd != 0 || c.rtoOn || !c.canSendData() {
		return false
	}
	return c.written > c.sent || c.probeOut()
}

// probeOut: a one-byte probe is sent and not yet acknowledged.
func (c *Conn) probeOut() bool { return c.probing && c.tcb.SndUna != c.tcb.SndNxt }

// persistCheck starts or stops the persist timer after output. When the
// window opens while a one-byte probe is out, the probe is taken back
// into the send queue so the data follows in order.
func (c *Conn) persistCheck() {
	want := c.zeroWindowWait()
	switch {
	case want && !c.persist:
		c.persist = true
		c.Env.Timer(TimerPersist, Start)
	case !want && c.persist:
		c.persist = false
		c.Env.Timer(TimerPersist, Stop)
	}
}

// rewindProbe takes back an unacknowledged one-byte probe once the window
// is open, so output sends it again in order.
func (c *Conn) rewindProbe() {
	if !c.probing || c.tcb.SndWnd == 0 {
		return
	}
	c.probing = false
	if out := uint32(c.tcb.SndNxt.Sub(c.tcb.SndUna)); out > 0 && !c.finSent && !c.rtoOn {
		c.sent -= out
		c.tcb.SndNxt = c.tcb.SndUna
	}
}

// probe sends a zero-window probe: Linux's ACK at SND.UNA-1 without data,
// or RFC 9293's one byte of new data beyond the window (MUST-36), resent
// at SND.UNA while it stays unacknowledged.
func (c *Conn) probe(r *Row) {
	seg := Segment{Seq: c.tcb.SndNxt, Ack: c.tcb.RcvNxt, Flags: ACK, Wnd: c.wndField()}
	switch {
	case c.Cfg.OldSeqProbe:
		seg.Seq = c.tcb.SndUna - 1
	case c.probeOut():
		off := uint32(c.tcb.SndUna.Sub(c.tcb.ISS.Add(1)))
		seg.Seq, seg.Len = c.tcb.SndUna, 1
		if c.stream != nil && off < uint32(len(c.stream)) {
			seg.Data = c.stream[off : off+1]
		}
	default:
		seg.Len = 1
		if c.stream != nil {
			seg.Data = c.stream[c.sent : c.sent+1]
		}
		c.sent++
		c.tcb.SndNxt = c.tcb.SndNxt.Add(1)
		c.probing = true
	}
	c.clearACK()
	c.emit(seg, ReasonProbe, r)
}

// keepaliveTimeout: probe an idle connection, or give up after the
// environment counted enough unanswered probes. With data outstanding the
// retransmission timer watches the peer instead (Linux waits too).
func (c *Conn) keepaliveTimeout(giveUp bool) {
	if !keepStates.Has(c.state) {
		return
	}
	switch {
	case giveUp:
		c.fire(EvKeepaliveGone, nil)
	case c.tcb.SndUna != c.tcb.SndNxt || c.written > c.sent:
		c.Env.Timer(TimerKeepalive, Start)
	default:
		c.fire(EvKeepalive, nil)
	}
}

// keepalive sends a probe: SEG.SEQ = SND.NXT-1 and no data (§3.8.4 allows
// a garbage octet; Linux, like this, sends none), then waits the interval.
func (c *Conn) keepalive(r *Row) {
	c.emit(Segment{Seq: c.tcb.SndNxt - 1, Ack: c.tcb.RcvNxt, Flags: ACK, Wnd: c.wndField()}, ReasonKeepalive, r)
	c.Env.Timer(TimerKeepalive, Start)
}
