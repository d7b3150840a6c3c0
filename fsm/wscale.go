package fsm

// Window scaling (RFC 7323 §2). Each side offers a shift on its SYN;
// only when both SYNs carried the option is the window field of every
// later segment scaled, each direction by its sender's shift. A SYN's
// own window is never scaled (§2.2).

// maxShift is the largest shift RFC 7323 §2.3 allows: a larger offer is
// taken as 14, which keeps every window below 2^30.
const maxShift = 14

// synShift is the shift our SYN offers: the configured one, or 0 for a
// receive buffer the application sized that fits 16 bits (Linux
// tcp_select_initial_window; capture q's SYN,ACK offers ws=0).
func (c *Conn) synShift() uint8 {
	if c.Cfg.RcvBuf > 0 && c.Cfg.RcvBuf <= 65535 {
		return 0
	}
	return min(c.Cfg.WScale, maxShift)
}

// takeWScale settles scaling from the peer's SYN: on only when both
// SYNs carry the option (RFC 7323 §2.2). Our SYN carries it when our
// configuration offers it; a SYN,ACK only when the peer's SYN did.
func (c *Conn) takeWScale(seg *Segment) {
	c.scaled = seg.Opts&OptWScale != 0 && c.Cfg.SYNOpts&OptWScale != 0
	c.sndShift, c.rcvShift = 0, 0
	if !c.scaled {
		return
	}
	c.sndShift = min(seg.WScale, maxShift)
	c.rcvShift = c.synShift()
	c.tcb.RcvWnd = max(c.tcb.RcvWnd, c.fullWindow()) // a buffer over 64 KiB can now be offered
}

// wndField is SEG.WND for a segment other than a SYN:
// RCV.WND >> Rcv.Wind.Shift (RFC 7323 §2.3). The truncation can pull the
// advertised right edge back by less than 2^shift (RFC 7323 Appendix F);
// the receiver still accepts all of RCV.WND.
func (c *Conn) wndField() uint16 {
	if c.Cfg.LinuxWindow && c.rcvShift > 0 {
		// Linux rounds the window up to a whole unit, so that a little
		// room is not scaled away to nothing, and offers that
		// (__tcp_select_window: ALIGN(free_space, 1 << rcv_wscale)); never
		// beyond the buffer's free room rounded up, so unread data cannot
		// outgrow the buffer by a unit or more.
		room := c.rcvBuf() - min(c.unread, c.rcvBuf())
		up := min(c.alignUp(c.tcb.RcvWnd), c.alignUp(room))
		f := min(up>>c.rcvShift, 65535)
		c.tcb.RcvWnd = max(c.tcb.RcvWnd, f<<c.rcvShift)
		return uint16(f)
	}
	return uint16(min(c.tcb.RcvWnd>>c.rcvShift, 65535))
}

// alignUp rounds w up to a whole unit of the window scale, 2^Rcv.Wind.Shift.
func (c *Conn) alignUp(w uint32) uint32 {
	unit := uint32(1) << c.rcvShift
	return (w + unit - 1) &^ (unit - 1)
}

// windowMSS is the segment size Linux counts the initial window in: our
// MSS, less the timestamps option where a passive open already knows
// both ends use it (tcp_openreq_init_rwin; an active open does not yet
// know, tcp_connect_init). Capture a_normal: 64240 = 44 × 1460 on the
// SYN, 65160 = 45 × 1448 on the SYN,ACK.
func (c *Conn) windowMSS() uint32 {
	m := uint32(c.Cfg.MSS)
	if m == 0 {
		m = 536
	}
	if c.passive && c.tsOK {
		m -= 12
	}
	return m
}

// peerWnd is the window a segment offers, in bytes: SEG.WND <<
// Snd.Wind.Shift, except on a SYN (RFC 7323 §2.3).
func (c *Conn) peerWnd(seg *Segment) uint32 {
	if seg.Flags&SYN != 0 {
		return uint32(seg.Wnd)
	}
	return uint32(seg.Wnd) << c.sndShift
}

// maxWindow is the largest window this end can offer once scaling is
// settled: 65535 bytes, or 65535 << Rcv.Wind.Shift with scaling.
func (c *Conn) maxWindow() uint32 {
	return 65535 << c.rcvShift
}

// WindowScale reports whether window scaling is in use on this
// connection and the two shifts: snd applies to windows the peer
// advertises, rcv to ours (RFC 7323's Snd.Wind.Shift, Rcv.Wind.Shift).
func (c *Conn) WindowScale() (on bool, snd, rcv uint8) {
	return c.scaled, c.sndShift, c.rcvShift
}
