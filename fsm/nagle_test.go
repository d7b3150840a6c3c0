package fsm

import "testing"

// ack acknowledges everything c sent so far.
func ackAll(c *Conn) {
	c.Arrive(Segment{Seq: remoteISS + 1, Ack: c.tcb.SndNxt, Flags: ACK, Wnd: 64000})
}

func TestNagle_HoldsShortSegmentWhileDataUnacked(t *testing.T) {
	c, r := connEstablished()
	c.Send(make([]byte, 100), 0)
	expectSent(t, r, "<SEQ=10001><ACK=4294967281><CTL=ACK><DATA=100>")
	c.Send(make([]byte, 100), 0)
	expectSent(t, r) // waits for the ACK of the first (§3.7.4)
	ackAll(c)
	expectSent(t, r, "<SEQ=10101><ACK=4294967281><CTL=ACK><DATA=100>")
}

func TestNagle_HoldsTheShortTailOfALargeWrite(t *testing.T) {
	c, r := connEstablished()
	c.Send(make([]byte, 3000), 0)
	expectSent(t, r,
		"<SEQ=10001><ACK=4294967281><CTL=ACK><DATA=1460>",
		"<SEQ=11461><ACK=4294967281><CTL=ACK><DATA=1460>")
	ackAll(c)
	expectSent(t, r, "<SEQ=12921><ACK=4294967281><CTL=ACK><DATA=80>")
}

func TestNagle_NoDelaySendsAtOnce(t *testing.T) {
	c, r := connEstablished()
	c.Cfg.NoDelay = true
	c.Send(make([]byte, 100), 0)
	c.Send(make([]byte, 100), 0)
	expectSent(t, r,
		"<SEQ=10001><ACK=4294967281><CTL=ACK><DATA=100>",
		"<SEQ=10101><ACK=4294967281><CTL=ACK><DATA=100>")
}

func TestNagle_FullSegmentIsNotHeld(t *testing.T) {
	c, r := connEstablished()
	c.Send(make([]byte, 100), 0)
	r.take()
	c.Send(make([]byte, 1460), 0)
	expectSent(t, r, "<SEQ=10101><ACK=4294967281><CTL=ACK><DATA=1460>")
}

func TestNagle_CloseSendsTheHeldDataWithTheFIN(t *testing.T) {
	c, r := connEstablished()
	c.Send(make([]byte, 100), 0)
	c.Send(make([]byte, 100), 0)
	r.take()
	c.Close()
	expectSent(t, r, "<SEQ=10101><ACK=4294967281><CTL=FIN,ACK><DATA=100>")
}

func TestNagle_MinshallWaitsOnlyForAShortSegment(t *testing.T) {
	c, r := connEstablished()
	c.Cfg.Minshall = true
	c.Send(make([]byte, 3000), 0) // the 80-byte tail goes: no short segment is out
	expectSent(t, r,
		"<SEQ=10001><ACK=4294967281><CTL=ACK><DATA=1460>",
		"<SEQ=11461><ACK=4294967281><CTL=ACK><DATA=1460>",
		"<SEQ=12921><ACK=4294967281><CTL=ACK><DATA=80>")
	c.Send(make([]byte, 10), 0)
	expectSent(t, r) // the 80 bytes are unacknowledged
	c.Arrive(Segment{Seq: remoteISS + 1, Ack: localISS + 2921, Flags: ACK, Wnd: 64000})
	expectSent(t, r) // still: only the full segments are acknowledged
	ackAll(c)
	expectSent(t, r, "<SEQ=13001><ACK=4294967281><CTL=ACK><DATA=10>")
}
