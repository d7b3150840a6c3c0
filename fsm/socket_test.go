package fsm

import "testing"

// dataFromPeer is n bytes at RCV.NXT acknowledging everything we sent.
func dataFromPeer(c *Conn, n uint32) Segment {
	return Segment{Seq: c.tcb.RcvNxt, Ack: c.tcb.SndNxt, Flags: ACK, Len: n, Wnd: 64000}
}

// An application that does not read: the window shrinks by what arrives
// and closes at zero; data beyond it is refused.
func TestUnreadDataShrinksTheWindow(t *testing.T) {
	c, r := newConn()
	c.Cfg.RcvBuf, c.noRead = 3000, true
	c.Open(true)
	c.Arrive(Segment{Seq: remoteISS, Ack: localISS + 1, Flags: SYN | ACK, Wnd: 64000, MSS: 1460})
	if got := c.tcb.RcvWnd; got != 3000 {
		t.Fatalf("window %d before any data, want the buffer (3000)", got)
	}
	r.take()
	c.Arrive(dataFromPeer(c, 1000))
	c.Arrive(dataFromPeer(c, 2000))
	out := r.take()
	if len(out) != 2 || out[0].Wnd != 2000 || out[1].Wnd != 0 {
		t.Fatalf("ACKs %v, want windows 2000 then 0", out)
	}
	if r.got != 0 || c.Unread() != 3000 {
		t.Fatalf("the application got %d, %d unread; want 0 and 3000", r.got, c.Unread())
	}
	c.Arrive(dataFromPeer(c, 100)) // beyond a zero window: ACKed, not taken (§3.10.7.4)
	if out := r.take(); len(out) != 1 || out[0].Ack != remoteISS+3001 || c.Unread() != 3000 {
		t.Fatalf("data beyond a zero window: %v, unread %d", out, c.Unread())
	}
}

// Receiver SWS avoidance (§3.8.6.2.2): reading less than
// min(RCV.BUFF/2, MSS) keeps the window shut; more opens it with an update.
func TestReadOpensTheWindowPastSWS(t *testing.T) {
	c, r := newConn()
	c.Cfg.RcvBuf, c.noRead = 3000, true
	c.Open(true)
	c.Arrive(Segment{Seq: remoteISS, Ack: localISS + 1, Flags: SYN | ACK, Wnd: 64000, MSS: 1460})
	c.Arrive(dataFromPeer(c, 3000))
	r.take()
	c.Read(1000) // 1000 < min(1500, 1460): silly
	if out := r.take(); len(out) != 0 || c.tcb.RcvWnd != 0 {
		t.Fatalf("a small read sent %v, window %d; want nothing and 0", out, c.tcb.RcvWnd)
	}
	c.Read(500) // 1500 free: the window opens
	out := r.take()
	if len(out) != 1 || out[0].Wnd != 1500 || out[0].Flags != ACK {
		t.Fatalf("window update %v, want one ACK with window 1500", out)
	}
	if r.got != 1500 {
		t.Fatalf("the application read %d, want 1500", r.got)
	}
}

// zeroWindowSender has 500 bytes waiting behind a zero window.
func zeroWindowSender(linux bool) (*Conn, *recorder) {
	c, r := connEstablished()
	c.Cfg.OldSeqProbe = linux
	c.Arrive(Segment{Seq: remoteISS + 1, Ack: localISS + 1, Flags: ACK, Wnd: 0})
	c.Send(make([]byte, 500), 0)
	r.take()
	return c, r
}

func TestZeroWindowStartsThePersistTimer(t *testing.T) {
	c, r := zeroWindowSender(false)
	if !r.timers[TimerPersist] || r.timers[TimerRTO] {
		t.Fatalf("timers %v: want persist, not RTO", r.timers)
	}
	c.Arrive(Segment{Seq: remoteISS + 1, Ack: localISS + 1, Flags: ACK, Wnd: 4000})
	if r.timers[TimerPersist] {
		t.Error("persist still runs after the window opened")
	}
	if out := r.take(); len(out) != 1 || out[0].Len != 500 {
		t.Errorf("sent %v once the window opened, want the 500 bytes", out)
	}
}

// RFC 9293 §3.8.6.1 (MUST-36): the probe is one byte of new data, resent
// while unacknowledged; when the window opens it goes again in order.
func TestPersistProbeRFC(t *testing.T) {
	c, r := zeroWindowSender(false)
	c.Timeout(TimerPersist, false)
	c.Timeout(TimerPersist, false)
	out := r.take()
	if len(out) != 2 || out[0].Seq != localISS+1 || out[0].Len != 1 || out[1].Seq != localISS+1 || out[1].Len != 1 {
		t.Fatalf("probes %v, want the byte at SND.UNA twice", out)
	}
	// The peer refused it (zero window) and now opens the window.
	c.Arrive(Segment{Seq: remoteISS + 1, Ack: localISS + 1, Flags: ACK, Wnd: 4000})
	if out := r.take(); len(out) != 1 || out[0].Seq != localISS+1 || out[0].Len != 500 {
		t.Fatalf("after the window opened: %v, want all 500 bytes from SND.UNA", out)
	}
}

// Linux: a pure ACK at SND.UNA-1 (tcp_xmit_probe_skb), no byte.
func TestPersistProbeLinux(t *testing.T) {
	c, r := zeroWindowSender(true)
	c.Timeout(TimerPersist, false)
	out := r.take()
	if len(out) != 1 || out[0].Seq != localISS || out[0].Len != 0 || out[0].Flags != ACK {
		t.Fatalf("probe %v, want ACK seq=SND.UNA-1 len=0", out)
	}
	if !r.timers[TimerPersist] {
		t.Error("the persist timer must run again")
	}
}

// RFC 1122 §4.2.2.13: a full close with unread data sends a RST.
func TestFullCloseWithUnreadDataResets(t *testing.T) {
	c, r := connEstablished()
	c.Cfg.FullClose, c.Cfg.AbortACK, c.noRead = true, true, true
	c.Arrive(dataFromPeer(c, 5))
	r.take()
	c.Close()
	out := r.take()
	if len(out) != 1 || out[0].Flags != RST|ACK || out[0].Seq != localISS+1 || out[0].Ack != remoteISS+6 {
		t.Fatalf("close with unread data sent %v, want RST,ACK seq=SND.NXT ack=RCV.NXT", out)
	}
	if c.State() != Closed {
		t.Errorf("state %s, want CLOSED", c.State())
	}
}

// After a full close, new data is answered with a RST; after RFC 9293's
// CLOSE (a half-close) it is still received.
func TestDataAfterClose(t *testing.T) {
	for _, full := range []bool{false, true} {
		c, r := connEstablished()
		c.Cfg.FullClose = full
		c.Close()
		c.Arrive(ackFromPeer(localISS + 2))
		r.take()
		c.Arrive(dataFromPeer(c, 10))
		out := r.take()
		if full && (len(out) != 1 || out[0].Flags != RST || out[0].Seq != localISS+2 || c.State() != Closed) {
			t.Errorf("full close: %v in %s, want RST seq=SEG.ACK and CLOSED", out, c.State())
		}
		if !full && (r.got != 10 || c.State() != FinWait2) {
			t.Errorf("half-close: read %d in %s, want 10 in FIN-WAIT-2", r.got, c.State())
		}
	}
}

// MUST-66: with RCV.WND = 0 the zero-length RST at RCV.NXT is still
// acceptable and resets the connection.
func TestZeroWindowStillTakesRST(t *testing.T) {
	c, r := newConn()
	c.Cfg.RcvBuf, c.noRead = 1000, true
	c.Open(true)
	c.Arrive(Segment{Seq: remoteISS, Ack: localISS + 1, Flags: SYN | ACK, Wnd: 64000, MSS: 1460})
	c.Arrive(dataFromPeer(c, 1000))
	if c.tcb.RcvWnd != 0 {
		t.Fatalf("window %d, want 0", c.tcb.RcvWnd)
	}
	c.Arrive(Segment{Seq: c.tcb.RcvNxt, Flags: RST})
	if c.State() != Closed || len(r.signals) != 1 || r.signals[0] != SigReset {
		t.Errorf("state %s, signals %v: want CLOSED and connection reset", c.State(), r.signals)
	}
}

// §3.8.4: an idle connection's keep-alive probe is SND.NXT-1 without data;
// the timer restarts with every segment that arrives; giving up tells the
// application "timed out", with Linux's RST,ACK where the profile says so.
func TestKeepalive(t *testing.T) {
	for _, rst := range []bool{false, true} {
		c, r := connEstablished()
		c.Cfg.Keepalive, c.Cfg.KeepaliveRST, c.Cfg.AbortACK = true, rst, rst
		c.Arrive(dataFromPeer(c, 5))
		if !r.timers[TimerKeepalive] {
			t.Fatal("keep-alive timer not running after an arrival")
		}
		r.take()
		c.Timeout(TimerKeepalive, false)
		out := r.take()
		if len(out) != 1 || out[0].Seq != localISS || out[0].Len != 0 || out[0].Ack != remoteISS+6 {
			t.Fatalf("probe %v, want ACK seq=SND.NXT-1 ack=RCV.NXT len=0", out)
		}
		c.Timeout(TimerKeepalive, true)
		out = r.take()
		if c.State() != Closed || len(r.signals) != 1 || r.signals[0] != SigTimedOut {
			t.Fatalf("after giving up: %s, told %v", c.State(), r.signals)
		}
		if rst != (len(out) == 1 && out[0].Flags == RST|ACK && out[0].Seq == localISS+1) {
			t.Errorf("RST on give-up %v: sent %v", rst, out)
		}
	}
}

// With a buffer larger than the window, unread data shrinks the room but
// the right edge still moves on while the buffer has space (Linux's q
// capture: 1448 bytes unread of 4344, and the window is still 2896).
func TestWindowEdgeMovesWhileTheBufferHasRoom(t *testing.T) {
	c, r := newConn()
	c.Cfg.Window, c.Cfg.RcvBuf, c.noRead = 2896, 4344, true
	c.Open(true)
	c.Arrive(Segment{Seq: remoteISS, Ack: localISS + 1, Flags: SYN | ACK, Wnd: 64000, MSS: 1460})
	r.take()
	c.Arrive(dataFromPeer(c, 1448))
	c.Arrive(dataFromPeer(c, 1448))
	c.Arrive(dataFromPeer(c, 1448))
	out := r.take()
	if len(out) != 3 || out[0].Wnd != 2896 || out[1].Wnd != 1448 || out[2].Wnd != 0 {
		t.Fatalf("ACKs %v, want windows 2896, 1448, 0", out)
	}
}
