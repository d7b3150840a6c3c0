package fsm

import "testing"

// shutdown(SHUT_RD) sends nothing; later data is acknowledged and queued
// unread, so the window closes (Linux 6.18, checked in namespaces).
func TestShutdownRead_DataQueuedWindowCloses(t *testing.T) {
	c, r := newConn()
	c.Cfg.RcvBuf = 3000
	c.Open(true)
	c.Arrive(Segment{Seq: remoteISS, Ack: localISS + 1, Flags: SYN | ACK, Wnd: 64000, MSS: 1460})
	r.take()
	c.ShutdownRead()
	expectSent(t, r)
	c.Arrive(dataFromPeer(c, 1000))
	c.Arrive(dataFromPeer(c, 2000))
	out := r.take()
	if len(out) != 2 || out[0].Wnd != 2000 || out[1].Wnd != 0 {
		t.Fatalf("ACKs %v, want windows 2000 then 0", out)
	}
	if r.got != 0 || c.Unread() != 3000 {
		t.Fatalf("the application got %d, %d unread; want 0 and 3000", r.got, c.Unread())
	}
	c.Read(0) // what is queued can still be read
	if r.got != 3000 {
		t.Fatalf("a read after SHUT_RD got %d, want the 3000 queued", r.got)
	}
	if !c.ReadShut() || c.Reading() {
		t.Fatal("after a read the application still reads no more")
	}
}

// After SHUT_RD and our FIN, new data is answered with <SEQ=SEG.ACK><CTL=RST>.
func TestShutdownRead_DataAfterFINIsReset(t *testing.T) {
	c, r := connEstablished()
	c.ShutdownRead()
	c.Close()
	expectState(t, c, FinWait1)
	r.take()
	seg := dataFromPeer(c, 10)
	c.Arrive(seg)
	expectState(t, c, Closed)
	if len(r.rows) != 1 || r.rows[0] == nil || r.rows[0].On != EvTextAfterShut {
		t.Fatalf("rows %v, want the text-after-SHUT_RD row", r.rows)
	}
	if out := r.take(); len(out) != 1 || out[0].Flags != RST || out[0].Seq != seg.Ack {
		t.Fatalf("sent %v, want one RST at SEG.ACK", out)
	}
}

// Without SHUT_RD the same data is taken in FIN-WAIT-1 (a half-close).
func TestShutdownRead_HalfCloseStillReceives(t *testing.T) {
	c, r := connEstablished()
	c.Close()
	r.take()
	c.Arrive(dataFromPeer(c, 10)) // it also acknowledges our FIN
	expectState(t, c, FinWait2)
	if r.got != 10 {
		t.Fatalf("got %d bytes, want 10", r.got)
	}
}
