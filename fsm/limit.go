package fsm

// ACKLimiter is an optional part of Env. A connection asks it before
// answering an invalid segment with an ACK: a challenge ACK (RFC 5961 §3,
// §4), an ACK of an acknowledgment it cannot accept (§5) or of a segment
// outside the window (Errata 4772). Two ends out of step otherwise ACK
// each other's ACKs for ever (the ACK storm of §3.10.7.4's note), and
// RFC 5961 §7 asks for a throttle. fsm has no clock, so the environment
// decides; an Env without this method answers every one.
type ACKLimiter interface {
	AllowInvalidACK(seg Segment) bool
}

// answersInvalid reports whether a row's immediate ACK answers an invalid
// segment, the ACKs RFC 5961 §7 throttles.
func answersInvalid(r *Row) bool {
	switch {
	case r.On == EvUnacceptable:
		return true
	case r.On == EvRST && r.If == InWindow:
		return true
	case r.On == EvSYN && r.Next == Same:
		return true
	case r.On == EvACK && (r.If == AckTooNew || r.If == AckTooOld):
		return true
	}
	return false
}

// throttled asks the environment whether this invalid segment may be
// answered; see ACKLimiter.
func (c *Conn) throttled(r *Row, seg *Segment) bool {
	l, ok := c.Env.(ACKLimiter)
	return ok && seg != nil && answersInvalid(r) && !l.AllowInvalidACK(*seg)
}
