package fsm

import "testing"

// RFC 9293 MUST-15: with no MSS option on the peer's SYN the sender
// assumes 536 bytes over IPv4 and 1220 over IPv6.
func TestDefaultSendMSS(t *testing.T) {
	for _, v6 := range []bool{false, true} {
		c, r := newConn()
		c.Cfg.IPv6 = v6
		c.Open(true)
		r.take()
		c.Arrive(Segment{Seq: remoteISS, Ack: localISS + 1, Flags: SYN | ACK, Wnd: 64000}) // no MSS option
		r.take()
		c.Send(make([]byte, 3000), 0)
		want := uint32(536)
		if v6 {
			want = 1220
		}
		out := r.take()
		if len(out) == 0 || out[0].Len != want {
			t.Fatalf("IPv6=%v: first segment %v, want %d bytes", v6, out, want)
		}
	}
}
