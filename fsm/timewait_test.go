package fsm

import "testing"

// connTimeWaitPassive is a passive connection (from LISTEN) that closed
// first and waits in TIME-WAIT, with the reopen rule tw.
func connTimeWaitPassive(tw TimeWaitSYN, ts bool) (*Conn, *recorder) {
	c, r := newConn()
	c.Cfg.TimeWaitSYN, c.Cfg.Listening = tw, true
	if ts {
		c.Cfg.SYNOpts = OptTimestamps
	}
	c.Open(false)
	syn := synFromPeer()
	if ts {
		syn.Opts = OptTimestamps
	}
	c.Arrive(syn)
	c.Arrive(ackFromPeer(localISS + 1))
	c.Send(make([]byte, 5), 0)
	c.Close() // FIN at localISS+6
	c.Arrive(ackFromPeer(localISS + 7))
	c.Arrive(Segment{Seq: remoteISS + 1, Ack: localISS + 7, Flags: FIN | ACK, Wnd: 64000})
	r.take()
	return c, r
}

// timeWaitReopenFixture is the one the reachability test drives.
func timeWaitReopenFixture() (*Conn, *recorder) {
	return connTimeWaitPassive(TimeWaitReopenLinux, false)
}

func TestTimeWait_NewSYN_ReopensUnderLinuxRule(t *testing.T) {
	c, r := connTimeWaitPassive(TimeWaitReopenLinux, true)
	expectState(t, c, TimeWait)
	old := c.TCB().SndNxt
	r.iss = 5 // the clock's choice is ignored: Linux takes old SND.NXT + 65537
	row := c.Arrive(Segment{Seq: remoteISS + 1000, Flags: SYN, Wnd: 64000, MSS: 1460, Opts: OptTimestamps})
	expectState(t, c, SynReceived)
	if row == nil || row.On != EvNewSYN {
		t.Fatalf("row %v, want the TIME-WAIT new SYN row", row)
	}
	if len(r.out) != 1 || r.out[0].Flags != SYN|ACK || r.out[0].Seq != old.Add(65537) || r.out[0].Ack != remoteISS+1001 {
		t.Fatalf("sent %+v, want SYN,ACK seq=%d ack=%d", r.out, old.Add(65537), remoteISS+1001)
	}
	if r.timers[TimerTimeWait] {
		t.Error("the 2MSL timer still runs after the reopen")
	}
	if !c.Passive() {
		t.Error("the reopened connection should be passive: a RST returns it to LISTEN")
	}
}

func TestTimeWait_NewSYN_TimestampAloneSuffices(t *testing.T) {
	// RFC 6191: a newer timestamp makes a SYN below RCV.NXT acceptable.
	c, r := connTimeWaitPassive(TimeWaitReopenLinux, true)
	c.Arrive(Segment{Seq: remoteISS - 1000, Flags: SYN, Wnd: 64000, Opts: OptTimestamps})
	expectState(t, c, SynReceived)
	if len(r.out) != 1 || r.out[0].Flags != SYN|ACK {
		t.Fatalf("sent %+v, want a SYN,ACK", r.out)
	}
}

func TestTimeWait_NewSYN_OldISNWithoutTimestampsGetsACK(t *testing.T) {
	c, r := connTimeWaitPassive(TimeWaitReopenLinux, false)
	rcvNxt := c.TCB().RcvNxt
	c.Arrive(Segment{Seq: remoteISS - 1000, Flags: SYN, Wnd: 64000})
	expectState(t, c, TimeWait)
	if len(r.out) != 1 || r.out[0].Flags != ACK || r.out[0].Ack != rcvNxt {
		t.Fatalf("sent %+v, want the old connection's ACK", r.out)
	}
}

func TestTimeWait_NewSYN_RFC9293ProfileAnswersACK(t *testing.T) {
	c, r := connTimeWaitPassive(TimeWaitACK, false)
	c.Arrive(Segment{Seq: remoteISS + 100000, Flags: SYN, Wnd: 64000})
	expectState(t, c, TimeWait)
	if len(r.out) != 1 || r.out[0].Flags != ACK {
		t.Fatalf("sent %+v, want an ACK", r.out)
	}
}

func TestTimeWait_NewSYN_ActiveOpenerHasNoListener(t *testing.T) {
	c, r := connTimeWait()
	c.Cfg.TimeWaitSYN = TimeWaitReopenLinux
	c.Arrive(Segment{Seq: remoteISS + 100000, Flags: SYN, Wnd: 64000})
	expectState(t, c, TimeWait)
	if len(r.out) != 1 || r.out[0].Flags != ACK {
		t.Fatalf("sent %+v, want an ACK: no listening socket takes the SYN", r.out)
	}
}

func TestTimeWait_NewSYN_ClockISSKeptAboveOldSndNxt(t *testing.T) {
	// MAY-2 (1): the new ISS must be larger than any sequence number used.
	c, r := connTimeWaitPassive(TimeWaitReopen, false)
	old := c.TCB().SndNxt
	r.iss = old.Add(500000) // the clock is ahead: it is used
	c.Arrive(Segment{Seq: remoteISS + 1000, Flags: SYN, Wnd: 64000})
	if got := c.TCB().ISS; got != old.Add(500000) {
		t.Errorf("ISS %d, want the clock's %d", got, old.Add(500000))
	}
	c, r = connTimeWaitPassive(TimeWaitReopen, false)
	r.iss = old - 10 // the clock is behind: raised above the old SND.NXT
	c.Arrive(Segment{Seq: remoteISS + 1000, Flags: SYN, Wnd: 64000})
	if got := c.TCB().ISS; !old.LessThan(got) {
		t.Errorf("ISS %d is not above the old SND.NXT %d", got, old)
	}
}
