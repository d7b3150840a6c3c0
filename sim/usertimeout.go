package sim

import (
	"time"

	"github.com/tcpsim/tcpsim/fsm"
)

// The user timeout (RFC 9293 §3.8.3 (d), MUST-21; Linux
// TCP_USER_TIMEOUT): the application sets R2 as a time. Once sent data, a
// SYN or a FIN has stayed unacknowledged that long, the next expiry of the
// retransmission timer gives the connection up ("connection timed out"),
// whatever the retry count; the timer is clamped so that it expires at the
// deadline (Linux tcp_clamp_rto_to_user_timeout). It replaces the retry
// counts, so it may be less than MUST-23's 3 minutes for a SYN, which the
// RFC allows when the application asks.

// userOutstanding notes when the front of the retransmission queue became
// outstanding: on a send when nothing was, and on an ACK that leaves some.
func (e *endpoint) userOutstanding(seg fsm.Segment) {
	if e.cfg.UserTimeout == 0 || seg.SegLen() == 0 || e.uSet {
		return
	}
	e.uSet, e.uSince = true, e.s.now
}

// userAcked restarts the clock for what is still outstanding.
func (e *endpoint) userAcked() {
	t := e.conn.TCB()
	e.uSet = t.SndUna != t.SndNxt
	e.uSince = e.s.now
}

// userRTO clamps the retransmission timeout d to the user timeout's deadline.
func (e *endpoint) userRTO(d time.Duration) time.Duration {
	if e.cfg.UserTimeout == 0 || !e.uSet {
		return d
	}
	left := max(e.uSince+e.cfg.UserTimeout-e.s.now, time.Millisecond)
	return min(d, left)
}

// userTimedOut: the data at the front has waited the whole user timeout.
func (e *endpoint) userTimedOut() bool {
	return e.cfg.UserTimeout > 0 && e.uSet && e.s.now-e.uSince >= e.cfg.UserTimeout
}

// giveUp: the retry count is spent, or with a user timeout, which
// replaces the count (Linux retransmits_timed_out), the time is.
func (e *endpoint) giveUp(limit int) bool {
	if e.cfg.UserTimeout > 0 {
		return e.userTimedOut()
	}
	return e.retries >= limit
}
