package fsm

// Hooks for environments that record what a connection does (the
// simulator, replay). Each is a thin wrapper over the ordinary call that
// also says which table row fired, so every recorded event can name its
// rule.

// Expire is Timeout that also returns the row the expiry fired: the
// RTO's retransmission or give-up, the TIME-WAIT or FIN-WAIT-2 timeout
// (§3.10.8). It returns nil for the delayed-ACK timer, which fires no row
// (the ACK it sends names the row that owed it), and for a timer whose
// state has gone.
func (c *Conn) Expire(t Timer, giveUp bool) *Row {
	c.decided = nil
	c.Timeout(t, giveUp)
	return c.decided
}

// Reboot is Crash that also returns the row that forgot the connection,
// nil if there was none to forget (CLOSED).
func (c *Conn) Reboot() *Row {
	c.decided = nil
	c.Crash()
	return c.decided
}
