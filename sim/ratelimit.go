package sim

import (
	"time"

	"github.com/tcpsim/tcpsim/fsm"
)

// ackLimit is one endpoint's throttle on ACKs that answer invalid
// segments (RFC 5961 §7); the profile sets the numbers.
type ackLimit struct {
	windowStart time.Duration
	inWindow    int
	last        time.Duration
	any         bool // last is set
}

// AllowInvalidACK implements fsm.ACKLimiter.
func (e *endpoint) AllowInvalidACK(seg fsm.Segment) bool {
	p, l, now := e.s.prof, &e.limit, e.s.now
	if e.cfg.NoACKThrottle {
		return true
	}
	if p.InvalidGap > 0 && !(seg.SegLen() > 0 && seg.Flags&fsm.SYN == 0) {
		// tcp_oow_rate_limited: a segment with data or FIN is always answered.
		if l.any && now-l.last < p.InvalidGap {
			return false
		}
		l.last, l.any = now, true
	}
	if p.ChallengeACKs > 0 {
		if now-l.windowStart >= p.ChallengeWindow || l.inWindow == 0 {
			l.windowStart, l.inWindow = now, 0
		}
		if l.inWindow >= p.ChallengeACKs {
			return false
		}
		l.inWindow++
	}
	return true
}
