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

// Aside runs f with env standing in for the connection's environment,
// then puts the environment back: for a trial on a copy, or a set-up no
// trace should see (replay's start mid-connection).
func (c *Conn) Aside(env Env, f func()) {
	saved := c.Env
	c.Env = env
	defer func() { c.Env = saved }()
	f()
}

// SetAbortACK says whether ABORT sends RST,ACK (as Linux does) rather
// than a bare RST: replay learns it from the RST a capture shows.
func (c *Conn) SetAbortACK(on bool) { c.Cfg.AbortACK = on }

// MirrorSYN makes our next SYN carry what syn, a SYN this end is known to
// send, carries: options, window scale and (if set) window. Replay reads
// it off the capture ahead of time.
func (c *Conn) MirrorSYN(syn *Segment) {
	c.Cfg.SYNOpts = syn.Opts
	c.Cfg.WScale = syn.WScale
	if syn.Wnd != 0 {
		c.Cfg.Window = syn.Wnd
	}
}
