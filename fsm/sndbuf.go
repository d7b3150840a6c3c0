package fsm

// The send buffer (SO_SNDBUF). Data the application has written stays in
// it until the peer acknowledges it (RFC 9293 §3.8.1: a segment is kept
// for retransmission until acknowledged); Cfg.SndBuf bounds how much that
// may be. A blocking write larger than the room left waits in the
// application (the environment) and goes in as ACKs free room.

// takesData: a SEND in this state queues data (rather than failing).
func (c *Conn) takesData() bool {
	r := Lookup(c.state, EvSend, Always)
	return r != nil && len(r.Do) > 0 && r.Do[0] == QueueData
}

// Queued is the send buffer's contents: bytes written and not yet
// acknowledged, whether sent or not.
func (c *Conn) Queued() uint32 {
	acked := c.tcb.SndUna.Sub(c.tcb.ISS.Add(1)) // the SYN is no data
	if acked <= 0 {                             // nothing acknowledged yet (or only the SYN)
		return c.written
	}
	return c.written - min(uint32(acked), c.written) // a FIN acked is no data either
}

// SendRoom is how many bytes a SEND can put into the send buffer now:
// Cfg.SndBuf less what it holds, or all of n without a limit. A SEND the
// state refuses (after CLOSE, §3.10.2: "connection closing") does not
// wait for room: it fails at once, whole.
func (c *Conn) SendRoom(n uint32) uint32 {
	if c.Cfg.SndBuf == 0 || !c.takesData() {
		return n
	}
	q := c.Queued()
	if q >= c.Cfg.SndBuf {
		return 0
	}
	return min(n, c.Cfg.SndBuf-q)
}
