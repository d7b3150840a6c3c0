package fsm

import "testing"

// synAgainFixture is a passive SYN-RECEIVED under Linux's rule whose
// peer sent its SYN again (the SYN,ACK was lost).
func synAgainFixture() (*Conn, *recorder) {
	c, r := newConn()
	c.Cfg.SYNACKAgain = true
	c.Open(false)
	c.Arrive(synFromPeer())
	c.Arrive(synFromPeer())
	r.take()
	return c, r
}

// simOpenACKFixture is a simultaneous open under Linux's rule, completed
// by the peer's SYN,ACK.
func simOpenACKFixture() (*Conn, *recorder) {
	c, r := newConn()
	c.Cfg.SimOpenACK = true
	c.Open(true)
	c.Arrive(synFromPeer())
	c.Arrive(Segment{Seq: remoteISS, Ack: localISS + 1, Flags: SYN | ACK, Wnd: 64000, MSS: 1460})
	r.take()
	return c, r
}

// lost-synack as the kernel did it (tcpsim real lost-synack): the
// repeated SYN <SEQ=IRS><CTL=SYN> gets <SEQ=ISS><ACK=IRS+1><CTL=SYN,ACK>
// and the retransmission timer starts over.
func TestSYNAgain_ResendsSYNACK(t *testing.T) {
	c, r := newConn()
	c.Cfg.SYNACKAgain = true
	c.Open(false)
	c.Arrive(synFromPeer())
	r.take()
	r.timers = nil
	row := c.Arrive(synFromPeer())
	if row == nil || row.On != EvSYNAgain || row.Name() != "syn-received.repeated-syn" {
		t.Fatalf("row %v, want syn-received.repeated-syn", row)
	}
	out := r.take()
	if len(out) != 1 || out[0].Flags != SYN|ACK || out[0].Seq != localISS || out[0].Ack != remoteISS+1 {
		t.Fatalf("sent %+v, want one SYN,ACK seq=%d ack=%d", out, localISS, remoteISS+1)
	}
	if !r.timers[TimerRTO] {
		t.Error("the retransmission timer was not started over")
	}
	expectState(t, c, SynReceived)
}

// Without the switch, RFC 9293 §3.10.7.4's first step answers with an
// ACK <SEQ=ISS+1><ACK=IRS+1>; so does Linux for anything but a bare SYN
// at IRS, and in an active (simultaneous) SYN-RECEIVED.
func TestSYNAgain_OtherwiseACK(t *testing.T) {
	cases := []struct {
		name string
		mk   func() (*Conn, *recorder)
		seg  Segment
	}{
		{"rfc9293", connSynReceived, synFromPeer()},
		{"SYN elsewhere", linuxSynReceived, Segment{Seq: remoteISS - 5, Flags: SYN, Wnd: 64000}},
		{"SYN,ACK", linuxSynReceived, Segment{Seq: remoteISS, Ack: localISS, Flags: SYN | ACK, Wnd: 64000}},
		{"active", func() (*Conn, *recorder) {
			c, r := newConn()
			c.Cfg.SYNACKAgain = true
			c.Open(true)
			c.Arrive(synFromPeer())
			r.take()
			return c, r
		}, synFromPeer()},
	}
	for _, tc := range cases {
		c, r := tc.mk()
		row := c.Arrive(tc.seg)
		if row == nil || row.On == EvSYNAgain {
			t.Errorf("%s: row %v, want a row of §3.10.7.4", tc.name, row)
			continue
		}
		out := r.take()
		if len(out) > 0 && out[0].Flags&SYN != 0 {
			t.Errorf("%s: sent %+v, want no SYN,ACK", tc.name, out)
		}
	}
}

func linuxSynReceived() (*Conn, *recorder) {
	c, r := newConn()
	c.Cfg.SYNACKAgain = true
	c.Open(false)
	c.Arrive(synFromPeer())
	r.take()
	return c, r
}

// simultaneous-open as the kernel did it: the peer's SYN,ACK
// <SEQ=IRS><ACK=ISS+1> completes the handshake and gets
// <SEQ=ISS+1><ACK=IRS+1><CTL=ACK> at once; rfc9293 sends nothing.
func TestSimOpenACK(t *testing.T) {
	for _, linux := range []bool{false, true} {
		c, r := connSynSent()
		c.Cfg.SimOpenACK = linux
		c.Arrive(synFromPeer())
		r.take()
		c.Arrive(Segment{Seq: remoteISS, Ack: localISS + 1, Flags: SYN | ACK, Wnd: 64000, MSS: 1460})
		expectState(t, c, Established)
		out := r.take()
		if !linux {
			if len(out) != 0 {
				t.Errorf("rfc9293: sent %+v, want nothing", out)
			}
			continue
		}
		if len(out) != 1 || out[0].Flags != ACK || out[0].Seq != localISS+1 || out[0].Ack != remoteISS+1 {
			t.Errorf("linux: sent %+v, want ACK seq=%d ack=%d", out, localISS+1, remoteISS+1)
		}
	}
}
