package fsm

// The peer's SYN arriving again, where Linux departs from RFC 9293
// §3.10.7.4. The RFC's first step finds such a SYN below RCV.NXT and
// answers it with an ACK (or, for the SYN,ACK of a simultaneous open,
// trims the old SYN off and says nothing more). Two profile switches
// (sim/profile.go) follow the kernel instead; both were seen with
// `tcpsim real`.

// synAgain reports a bare SYN repeating the one that opened this passive
// SYN-RECEIVED (SEG.SEQ = IRS), under Cfg.SYNACKAgain. Linux checks
// exactly this in tcp_check_req ("pure retransmitted SYN": the flags
// among RST, SYN and ACK are SYN alone). An active SYN-RECEIVED is a full
// socket in Linux, which answers with a challenge ACK, as the RFC's row
// does.
func (c *Conn) synAgain(seg *Segment) bool {
	return c.Cfg.SYNACKAgain && c.state == SynReceived && c.passive &&
		seg.Flags&(SYN|ACK|RST) == SYN && seg.Seq == c.tcb.IRS
}

// resendSYNACK sends our SYN,ACK again at once and starts the
// retransmission timer over at its current interval (Linux:
// inet_rtx_syn_ack, then mod_timer_pending with reqsk_timeout). It is not
// a retransmission by the timer: the retry budget is untouched. Linux
// limits these answers as it limits ACKs of invalid segments
// (tcp_oow_rate_limited), so the environment's limiter decides.
func (c *Conn) resendSYNACK(r *Row, seg *Segment) {
	if l, ok := c.Env.(ACKLimiter); ok && seg != nil && !l.AllowInvalidACK(*seg) {
		return
	}
	c.emit(c.syn(Segment{Seq: c.tcb.ISS, Ack: c.tcb.RcvNxt, Flags: SYN | ACK}), ReasonControl, r)
	c.rtoOn = true
	c.Env.Timer(TimerRTO, Restart)
}
