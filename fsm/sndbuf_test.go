package fsm

import "testing"

// The send buffer holds what is written until it is acknowledged; the SYN
// and the FIN take no room.
func TestSendRoomFollowsACKs(t *testing.T) {
	c, r := newConn()
	c.Cfg.SndBuf = 3000
	if got := c.SendRoom(5000); got != 5000 {
		t.Fatalf("room %d before connecting, want all 5000: a SEND there fails at once, it does not wait", got)
	}
	c.Open(true)
	c.Send(make([]byte, 1000), 0) // queued in SYN-SENT
	if got := c.SendRoom(5000); got != 2000 || c.Queued() != 1000 {
		t.Fatalf("room %d, queued %d in SYN-SENT; want 2000 and 1000", got, c.Queued())
	}
	c.Arrive(Segment{Seq: remoteISS, Ack: localISS + 1, Flags: SYN | ACK, Wnd: 64000, MSS: 1460})
	c.Send(make([]byte, 2000), 0)
	if got := c.SendRoom(1); got != 0 || c.Queued() != 3000 {
		t.Fatalf("room %d, queued %d with the buffer full; want 0 and 3000", got, c.Queued())
	}
	r.take()
	c.Arrive(Segment{Seq: remoteISS + 1, Ack: localISS + 1 + 1460, Flags: ACK, Wnd: 64000})
	if got := c.SendRoom(5000); got != 1460 {
		t.Errorf("room %d after 1460 bytes were acknowledged, want 1460", got)
	}
	c.Close()
	if got := c.SendRoom(5000); got != 5000 {
		t.Errorf("room %d after CLOSE, want all 5000: the SEND fails (connection closing)", got)
	}
	c.Arrive(Segment{Seq: remoteISS + 1, Ack: localISS + 1 + 3000 + 1, Flags: ACK, Wnd: 64000})
	if c.Queued() != 0 {
		t.Errorf("queued %d after data and FIN were acknowledged, want 0", c.Queued())
	}
}
