package fsm

// The Nagle algorithm (RFC 9293 §3.7.4; RFC 1122 §4.2.3.4): while data is
// unacknowledged, a segment shorter than the MSS waits until the
// outstanding data is acknowledged or a full segment can go. It is on by
// default (SHLD-7); Cfg.NoDelay is TCP_NODELAY, the application's way to
// turn it off (MUST-17).

// nagleHolds reports whether n bytes, the last of the send queue and less
// than a full segment, wait for an ACK. With Cfg.Minshall (Linux
// tcp_minshall_check) they wait only while an earlier short segment is
// unacknowledged, not any data. Once CLOSE queued the FIN nothing more
// will be written, so nothing waits (Linux tcp_nagle_test sends a segment
// that carries the FIN).
func (c *Conn) nagleHolds(n, mss, inFlight uint32) bool {
	if c.Cfg.NoDelay || c.Cfg.NeverHold || n == 0 || n >= mss || inFlight == 0 || c.finQueue {
		return false
	}
	if c.Cfg.Minshall {
		return c.smallOut && c.tcb.SndUna.LessThan(c.smallEnd)
	}
	return true
}

// sentSmall remembers the end of the last short data segment sent (Linux
// snd_sml), which the Minshall form of the rule waits for.
func (c *Conn) sentSmall(seg *Segment, mss uint32) {
	if seg.Len > 0 && seg.Len < mss {
		c.smallOut, c.smallEnd = true, seg.Seq.Add(seg.Len)
	}
}

// SockOpts are the socket options an application sets per connection,
// and the Linux forms of their rules.
type SockOpts struct {
	NoDelay  bool // TCP_NODELAY: no Nagle (MUST-17)
	Minshall bool // Nagle waits only for a short segment's ACK (Linux)
	// NeverHold is for replay/: the capture shows what a host sent, with
	// or without Nagle, so nothing is held back, and no row claims the
	// application set TCP_NODELAY.
	NeverHold bool
}

// noDelayOut: seg is a short data segment that leaves while data is
// unacknowledged, which only TCP_NODELAY allows (the NoDelayOut row).
func (c *Conn) noDelayOut(seg *Segment) bool {
	return c.Cfg.NoDelay && seg.Len > 0 && seg.Flags&FIN == 0 &&
		seg.Len < c.sendMSS() && c.tcb.SndUna != c.tcb.SndNxt
}
