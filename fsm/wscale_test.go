package fsm

import "testing"

// scaledClient opens actively offering shift 10 (as Linux does) and takes
// a SYN,ACK that offers peerShift, or no option when peerShift < 0.
func scaledClient(peerShift int) (*Conn, *recorder) {
	c, r := newConn()
	c.Cfg.Window, c.Cfg.SYNOpts, c.Cfg.WScale = 65535, OptWScale, 10
	c.Open(true)
	synack := Segment{Seq: remoteISS, Ack: localISS + 1, Flags: SYN | ACK, Wnd: 65160, MSS: 1460}
	if peerShift >= 0 {
		synack.Opts, synack.WScale = OptWScale, uint8(peerShift)
	}
	c.Arrive(synack)
	return c, r
}

// Both SYNs offered scaling: our SYN's window is the plain 16-bit value,
// every later segment carries RCV.WND >> 10, and the peer's fields count
// << its shift, starting with the SYN,ACK's own window unscaled.
func TestWindowScaleBothOffered(t *testing.T) {
	c, r := scaledClient(7)
	out := r.take()
	if len(out) != 2 || out[0].Flags != SYN || out[0].Wnd != 65535 || out[0].WScale != 10 {
		t.Fatalf("sent %v, want a SYN with window 65535 and ws=10 first", out)
	}
	if out[1].Wnd != 65535>>10 {
		t.Errorf("the handshake's ACK carries window %d, want 65535>>10 = %d", out[1].Wnd, 65535>>10)
	}
	if got := c.tcb.SndWnd; got != 65160 {
		t.Errorf("SND.WND %d after the SYN,ACK, want its window unscaled (65160)", got)
	}
	c.Arrive(Segment{Seq: remoteISS + 1, Ack: localISS + 1, Flags: ACK, Wnd: 502})
	if got := c.tcb.SndWnd; got != 502<<7 {
		t.Errorf("SND.WND %d from a field of 502, want 502<<7 = %d", got, 502<<7)
	}
	if on, snd, rcv := c.WindowScale(); !on || snd != 7 || rcv != 10 {
		t.Errorf("WindowScale() = %v %d %d, want true 7 10", on, snd, rcv)
	}
}

// Only one side offered: no scaling either way (RFC 7323 §2.2).
func TestWindowScaleOneSideOnly(t *testing.T) {
	c, r := scaledClient(-1)
	out := r.take()
	if len(out) != 2 || out[1].Wnd != 65535 {
		t.Fatalf("sent %v, want the ACK to carry the whole 65535", out)
	}
	c.Arrive(Segment{Seq: remoteISS + 1, Ack: localISS + 1, Flags: ACK, Wnd: 502})
	if got := c.tcb.SndWnd; got != 502 {
		t.Errorf("SND.WND %d, want the field as it is (502)", got)
	}
	if on, _, _ := c.WindowScale(); on {
		t.Error("scaling on though the peer never offered it")
	}
}

// A passive open echoes the option only when the peer's SYN had it, and
// its SYN,ACK's window is never scaled; a receive buffer over 64 KiB is
// then offered whole through the shift.
func TestWindowScalePassiveBigBuffer(t *testing.T) {
	c, r := newConn()
	c.Cfg.SYNOpts, c.Cfg.WScale, c.Cfg.RcvBuf = OptWScale, 7, 1<<20
	c.Open(false)
	syn := synFromPeer()
	syn.Opts, syn.WScale = OptWScale, 2
	c.Arrive(syn)
	out := r.take()
	if len(out) != 1 || out[0].Wnd != 65535 || out[0].WScale != 7 {
		t.Fatalf("SYN,ACK %v, want window 65535 (the most 16 bits hold) and ws=7", out)
	}
	ack := ackFromPeer(localISS + 1)
	ack.Wnd = 1000
	c.Arrive(ack)
	if got := c.tcb.SndWnd; got != 4000 {
		t.Errorf("SND.WND %d, want 1000<<2", got)
	}
	c.Arrive(dataFromPeer(c, 10))
	out = r.take()
	if len(out) != 1 || uint32(out[0].Wnd)<<7 > c.tcb.RcvWnd || c.tcb.RcvWnd != 1<<20 {
		t.Fatalf("ACK %v with RCV.WND %d, want the 1 MiB buffer offered as %d", out, c.tcb.RcvWnd, (1<<20)>>7)
	}
	if out[0].Wnd != (1<<20)>>7 {
		t.Errorf("window field %d, want %d", out[0].Wnd, (1<<20)>>7)
	}
}

// Linux's window arithmetic: the SYN offers a multiple of the MSS (less
// timestamps on a SYN,ACK that knows both ends use them), and the scaled
// field is rounded up to a whole unit, which RCV.WND then is.
func TestLinuxWindowArithmetic(t *testing.T) {
	c, r := newConn()
	c.Cfg = Config{Window: 65535, MSS: 1460, SYNOpts: OptWScale | OptTimestamps, WScale: 10, LinuxWindow: true}
	c.Open(true)
	c.Arrive(Segment{Seq: remoteISS, Ack: localISS + 1, Flags: SYN | ACK, Wnd: 65160, MSS: 1460, Opts: OptWScale | OptTimestamps, WScale: 10})
	out := r.take()
	if len(out) != 2 || out[0].Wnd != 64240 || out[1].Wnd != 63 || c.tcb.RcvWnd != 63<<10 {
		t.Fatalf("active: sent %v (windows %d, %d), RCV.WND %d; want 64240 = 44 × 1460, then 63 with RCV.WND 64512",
			out, out[0].Wnd, out[1].Wnd, c.tcb.RcvWnd)
	}

	p, r := newConn()
	p.Cfg = c.Cfg
	p.Open(false)
	syn := synFromPeer()
	syn.Opts, syn.WScale = OptWScale|OptTimestamps, 10
	p.Arrive(syn)
	p.Arrive(ackFromPeer(localISS + 1))
	p.Arrive(dataFromPeer(p, 10))
	out = r.take()
	if len(out) != 2 || out[0].Wnd != 65160 || out[1].Wnd != 64 {
		t.Fatalf("passive: sent %v; want a SYN,ACK with 65160 = 45 × 1448, then 64 (65160 rounded up to 65536)", out)
	}
	// RFC 7323 alone truncates: 65160 >> 10 = 63.
	q, r := newConn()
	q.Cfg = c.Cfg
	q.Cfg.LinuxWindow = false
	q.Open(false)
	q.Arrive(syn)
	q.Arrive(ackFromPeer(localISS + 1))
	q.Arrive(dataFromPeer(q, 10))
	if out := r.take(); len(out) != 2 || out[0].Wnd != 65535 || out[1].Wnd != 63 {
		t.Fatalf("RFC 7323: sent %v; want 65535, then 65535 >> 10 = 63", out)
	}
}

// FuzzScaledWindow feeds a scaled connection (Linux's arithmetic or RFC
// 7323's, a reading or a holding application, a buffer under or over
// 64 KiB) arbitrary data segments and reads, and reads every window it
// advertises back: never more than RCV.WND, less by under a unit at most
// (Linux's rounding up becomes RCV.WND), and unread data never outgrows
// the buffer by a whole unit.
func FuzzScaledWindow(f *testing.F) {
	f.Add(uint8(7), uint8(3), []byte{0, 10, 5, 0xdc, 0, 200})
	f.Add(uint8(10), uint8(0), []byte{0, 0, 0xff, 0xff, 1, 0})
	f.Fuzz(func(t *testing.T, peerShift, mode uint8, data []byte) {
		c, r := newConn()
		c.Cfg = Config{Window: 65535, MSS: 1460, SYNOpts: OptWScale, WScale: 10, LinuxWindow: mode&1 != 0, Hold: mode&2 != 0}
		if mode&4 != 0 {
			c.Cfg.RcvBuf = 200000
		}
		c.noRead = c.Cfg.Hold
		c.Open(true)
		c.Arrive(Segment{Seq: remoteISS, Ack: localISS + 1, Flags: SYN | ACK, Wnd: 65535, MSS: 1460, Opts: OptWScale, WScale: peerShift % 16})
		check := func() {
			_, _, shift := c.WindowScale()
			for _, o := range r.take() {
				if o.Flags&(SYN|RST) != 0 {
					continue
				}
				w, rcv := uint32(o.Wnd)<<shift, c.tcb.RcvWnd
				if w > rcv || o.Wnd < 65535 && rcv-w >= 1<<shift {
					t.Fatalf("field %d (<< %d = %d) with RCV.WND %d (linux %v)", o.Wnd, shift, w, rcv, c.Cfg.LinuxWindow)
				}
			}
			if c.unread > c.rcvBuf()+1<<shift {
				t.Fatalf("%d unread in a buffer of %d", c.unread, c.rcvBuf())
			}
		}
		check()
		for ; len(data) >= 6; data = data[6:] {
			seg := dataFromPeer(c, uint32(data[0])<<8|uint32(data[1]))
			seg.Wnd = uint16(data[2])<<8 | uint16(data[3])
			c.Arrive(seg)
			check()
			if data[4]&1 != 0 {
				c.Read(uint32(data[5]) << 4)
				check()
			}
		}
	})
}
