package fsm

// PSH within a write (Cfg.PSHEvery), as Linux sets it; see docs/kernel.md
// "PSH in the middle of a write". Two rules, both in tcp_sendmsg_locked():
//
//  1. forced_push(): a full segment gets PSH once more than half the
//     largest window the peer offered (max_window) has been written since
//     the last PSH (pushed_seq).
//  2. Each burst: the sender puts out at most a burst at once (half the
//     congestion window, tcp_cwnd_test(); the TSO autosize,
//     tcp_tso_autosize()), and the last segment of each burst carries PSH.
//     Measured, the burst is PSHEvery full segments, counted from the
//     write's first byte; the environment picks PSHEvery from its
//     round-trip estimate.
//
// The segment that empties the send buffer has PSH as before (tcp_push()).

// startWrite is called by SEND before the bytes are added: a write that
// finds the send buffer's data all segmentized starts the count afresh.
func (c *Conn) startWrite() {
	if c.sent == c.written {
		c.pushMark = c.written
	}
}

// pushOut says whether the new segment of n bytes at stream offset off
// carries PSH, and records it for a resend.
func (c *Conn) pushOut(off, n, mss uint32) bool {
	end := off + n
	push := (c.Cfg.PSHOnLast || c.Cfg.PSHEvery > 0) && end == c.written
	if k := c.Cfg.PSHEvery; k > 0 && n == mss {
		since := end - c.pushMark
		push = push || since >= uint32(k)*mss || since > c.tcb.MaxSndWnd/2
	}
	if !push || c.Cfg.PSHEvery == 0 {
		return push
	}
	c.pushMark = end
	c.trimPushed()
	c.pushed = append(c.pushed, end)
	return true
}

// pushAgain says whether a resend of n bytes at off carries PSH: a PSH
// sent inside that range moves to the resent segment's end, as
// tcp_fragment() and the collapse of segments carry it.
func (c *Conn) pushAgain(off, n uint32) bool {
	end := off + n
	if c.Cfg.PSHOnLast && end == c.written {
		return true
	}
	for _, p := range c.pushed {
		if p > off && p <= end {
			return true
		}
	}
	return false
}

// trimPushed forgets the PSH marks the peer has acknowledged.
func (c *Conn) trimPushed() {
	if c.tcb.SndUna == c.tcb.ISS {
		return // the SYN is outstanding: no data acknowledged
	}
	una := uint32(c.tcb.SndUna.Sub(c.tcb.ISS.Add(1)))
	i := 0
	for i < len(c.pushed) && c.pushed[i] <= una {
		i++
	}
	c.pushed = c.pushed[i:]
}
