package fsm

// shutdown(SHUT_RD), as Linux does it (checked on 6.18 in two network
// namespaces): nothing is sent and the peer is not told. Data that
// arrives is still acknowledged and queued; the application reads no
// more, so the buffer fills and the window closes, as with stop reading.
// Data already queued can still be read (a read returns 0 only once the
// queue is empty). Once this side has also sent its FIN (FIN-WAIT-1,
// FIN-WAIT-2), new data is answered with a RST, as after a full close
// (RFC 1122 §4.2.2.13; Linux tcp_rcv_state_process, RCV_SHUTDOWN). RFC
// 9293 has no such call; both profiles follow the sockets API.

// ShutdownRead is shutdown(SHUT_RD).
func (c *Conn) ShutdownRead() *Row {
	r := c.fire(EvShutRead, nil)
	if r.Tell == NoSignal {
		c.rdShut, c.noRead = true, true
	}
	return r
}

// ReadShut reports whether the application shut down reading.
func (c *Conn) ReadShut() bool { return c.rdShut }

// afterCloseEvent names why new data after our FIN gets a RST: a full
// close, or shutdown(SHUT_RD).
func (c *Conn) afterCloseEvent() Event {
	if c.orphan {
		return EvTextAfterClose
	}
	return EvTextAfterShut
}
