package fsm

import "testing"

var fixtures = []func() (*Conn, *recorder){
	newConn, connListen, connSynSent, connSynReceived, connSynReceivedActive, connEstablished, connFinWait1,
	connFinWait2, connCloseWait, connClosing, connLastAck, connTimeWait,
}

// FuzzArrive delivers up to three arbitrary segments to a connection in
// each state and checks what must always hold.
func FuzzArrive(f *testing.F) {
	f.Add(uint8(4), []byte{0x10, 0, 0, 0, 1, 0, 0, 0, 1, 0, 10})
	f.Add(uint8(2), []byte{0x12, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0})
	f.Add(uint8(10), []byte{0x11, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0})
	f.Add(uint8(3), []byte{0x04, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		c, r := fixtures[int(which)%len(fixtures)]()
		for len(data) >= 11 {
			flags := Flags(data[0]) & (FIN | SYN | RST | PSH | ACK)
			// Offsets relative to the TCB keep most segments near the windows.
			seq := c.tcb.RcvNxt.Add(uint32(int32(int16(uint16(data[1])<<8 | uint16(data[2])))))
			ack := c.tcb.SndUna.Add(uint32(int32(int16(uint16(data[3])<<8 | uint16(data[4])))))
			if data[5]&1 == 1 {
				seq = Seq(uint32(data[5])<<24 | uint32(data[6])<<16)
			}
			n := uint32(data[7])<<8 | uint32(data[8])
			seg := Segment{Seq: seq, Ack: ack, Flags: flags, Len: n % 3000, Wnd: uint16(data[9])<<8 | uint16(data[10])}
			before := c.state
			c.Arrive(seg)
			if c.state >= NumStates {
				t.Fatalf("invalid state after %s in %s", seg, before)
			}
			if c.state != Closed && c.state != Listen && c.tcb.SndNxt.LessThan(c.tcb.SndUna) {
				t.Fatalf("SND.UNA %d > SND.NXT %d after %s in %s", c.tcb.SndUna, c.tcb.SndNxt, seg, before)
			}
			for _, o := range r.take() {
				if o.Flags&RST != 0 && o.Len > 0 {
					t.Fatalf("RST with data")
				}
				if before == Closed && o.Flags&RST == 0 {
					t.Fatalf("CLOSED answered %s with %s", seg, o)
				}
				if seg.Flags&RST != 0 && o.Flags&RST != 0 {
					t.Fatalf("answered a RST with a RST")
				}
			}
			data = data[11:]
		}
	})
}
