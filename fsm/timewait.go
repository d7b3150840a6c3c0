package fsm

// A new SYN meeting TIME-WAIT. RFC 9293 §3.10.7.4 answers it like any
// unacceptable segment (an ACK, or a challenge ACK in the window), so a
// peer reconnecting from the same port must wait out 2MSL or end TIME-WAIT
// with a RST. §3.6 MAY-2 lets the host reopen the connection instead,
// provided the new ISS is larger than every sequence number the old
// incarnation used; RFC 6191 adds timestamps as the test that the SYN is
// new. Linux does both (tcp_timewait_state_process).

// TimeWaitSYN is what a connection in TIME-WAIT does with a new SYN.
type TimeWaitSYN uint8

const (
	// TimeWaitACK: §3.10.7.4 only; the SYN gets an ACK of the old connection.
	TimeWaitACK TimeWaitSYN = iota
	// TimeWaitReopen: MAY-2 with the ISS from the environment's clock,
	// raised above the old SND.NXT when the clock is not there yet.
	TimeWaitReopen
	// TimeWaitReopenLinux: MAY-2 with Linux's ISS, old SND.NXT + 65537
	// (tw_snd_nxt + 65535 + 2), whatever the clock says.
	TimeWaitReopenLinux
)

// reopenStep is how far above the old SND.NXT a reopened connection's ISS
// lies when the clock does not choose it: more than a maximum window, so
// no old segment can fall into the new window (Linux: 65535 + 2).
const reopenStep = 65537

// reopens reports whether seg is a SYN that may reopen this connection in
// TIME-WAIT: the profile takes MAY-2; the connection came from LISTEN, and
// under Linux's rule a listening socket is still open to take the new
// connection (Cfg.Listening; without one Linux answers with the ACK); a
// bare SYN; and it is new, which RFC 6191 reads off a
// timestamp newer than the last one (every SYN of the simulated peer is
// later than its last segment, so a SYN with timestamps on a connection
// that used them is newer) and, without timestamps, MAY-2 off a sequence
// number above the old RCV.NXT.
func (c *Conn) reopens(seg *Segment) bool {
	if c.Cfg.TimeWaitSYN == TimeWaitACK || !c.passive || seg.Flags&(SYN|ACK|RST|FIN) != SYN {
		return false
	}
	if c.Cfg.TimeWaitSYN == TimeWaitReopenLinux && !c.Cfg.Listening {
		return false // no listening socket: Linux answers with the ACK
	}
	return c.tcb.RcvNxt.LessThan(seg.Seq) || (c.tsOK && seg.Opts&OptTimestamps != 0)
}

// reopen ends the old incarnation and starts a new one from seg, as
// LISTEN would, with an ISS above the old SND.NXT (MAY-2's first
// condition). MAY-2's second, going back to TIME-WAIT if the SYN proves
// an old duplicate, is not modelled: a RST in SYN-RECEIVED returns the
// connection to LISTEN (the listening socket), as in Linux, where the
// TIME-WAIT socket is gone by then.
func (c *Conn) reopen(seg *Segment) {
	old := c.tcb.SndNxt
	for t := Timer(0); t < NumTimers; t++ {
		c.Env.Timer(t, Stop) // 2MSL and every other timer of the old incarnation
	}
	c.reset()
	iss := c.Env.ISS()
	if c.Cfg.TimeWaitSYN == TimeWaitReopenLinux || !old.LessThan(iss) {
		iss = old.Add(reopenStep)
		if iss == 0 {
			iss = 1 // Linux avoids an ISN of 0
		}
	}
	c.takeSYN(seg, iss)
	c.fire(EvNewSYN, seg)
	c.holdAfterSYN(seg)
}

// Optional reports an event only some profiles have (the TIME-WAIT reopen
// of MAY-2): RFC 9293's Figure 5 has no arc for it, so a drawing of the
// whole machine may leave it out.
func (e Event) Optional() bool { return e == EvNewSYN || e == EvSYNAgain }

// Reopens reports whether a SYN arriving now would reopen this
// connection from TIME-WAIT under rule tw (replay asks before delivering
// a SYN the capture shows answered; hooks.go lists the other hooks).
func (c *Conn) Reopens(seg *Segment, tw TimeWaitSYN) bool {
	if c.state != TimeWait {
		return false
	}
	saved := c.Cfg.TimeWaitSYN
	c.Cfg.TimeWaitSYN = tw
	ok := c.reopens(seg)
	c.Cfg.TimeWaitSYN = saved
	return ok
}
