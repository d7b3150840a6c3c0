package fsm

import (
	"os"
	"strings"
	"testing"
)

// recorder is a test Env that keeps everything the connection did.
type recorder struct {
	iss     Seq
	out     []Segment
	rows    []*Row
	changes []string
	signals []Signal
	got     uint32
	timers  map[Timer]bool
}

func (r *recorder) ISS() Seq { return r.iss }
func (r *recorder) Output(s Segment, _ SendReason, row *Row) {
	r.out = append(r.out, s)
	r.rows = append(r.rows, row)
}
func (r *recorder) Changed(from, to State, _ *Row) {
	r.changes = append(r.changes, from.String()+">"+to.String())
}
func (r *recorder) Signal(s Signal, _ *Row)    { r.signals = append(r.signals, s) }
func (r *recorder) Deliver(_ []byte, n uint32) { r.got += n }
func (r *recorder) Timer(t Timer, op TimerOp) {
	if r.timers == nil {
		r.timers = map[Timer]bool{}
	}
	r.timers[t] = op != Stop
}
func (r *recorder) Acked(_, _ Seq) {}

// last returns and clears the segments sent since the previous call.
func (r *recorder) take() []Segment {
	out := r.out
	r.out, r.rows = nil, nil
	return out
}

const localISS Seq = 10000

var remoteISS Seq = 0xFFFFFFF0 // near wraparound on purpose

func newConn() (*Conn, *recorder) {
	r := &recorder{iss: localISS}
	c := &Conn{Cfg: Config{Window: 64000, MSS: 1460}, Env: r}
	return c, r
}

// Segment templates, overridden per test.
func synFromPeer() Segment { return Segment{Seq: remoteISS, Flags: SYN, Wnd: 64000, MSS: 1460} }
func ackFromPeer(ack Seq) Segment {
	return Segment{Seq: remoteISS + 1, Ack: ack, Flags: ACK, Wnd: 64000}
}

// Fixtures build on each other, from LISTEN to TIME-WAIT.
func connListen() (*Conn, *recorder) {
	c, r := newConn()
	c.Open(false)
	return c, r
}

func connSynReceived() (*Conn, *recorder) {
	c, r := connListen()
	c.Arrive(synFromPeer())
	r.take()
	return c, r
}

func connSynSent() (*Conn, *recorder) {
	c, r := newConn()
	c.Open(true)
	r.take()
	return c, r
}

// connSynReceivedActive is simultaneous open: our SYN is out and the peer's arrives.
func connSynReceivedActive() (*Conn, *recorder) {
	c, r := connSynSent()
	c.Arrive(synFromPeer())
	r.take()
	return c, r
}

func connEstablished() (*Conn, *recorder) {
	c, r := connSynSent()
	c.Arrive(Segment{Seq: remoteISS, Ack: localISS + 1, Flags: SYN | ACK, Wnd: 64000, MSS: 1460})
	r.take()
	return c, r
}

func connFinWait1() (*Conn, *recorder) {
	c, r := connEstablished()
	c.Close()
	r.take()
	return c, r
}

func connFinWait2() (*Conn, *recorder) {
	c, r := connFinWait1()
	c.Arrive(ackFromPeer(localISS + 2))
	r.take()
	return c, r
}

func connTimeWait() (*Conn, *recorder) {
	c, r := connFinWait2()
	c.Arrive(Segment{Seq: remoteISS + 1, Ack: localISS + 2, Flags: FIN | ACK, Wnd: 64000})
	r.take()
	return c, r
}

func connCloseWait() (*Conn, *recorder) {
	c, r := connEstablished()
	c.Arrive(Segment{Seq: remoteISS + 1, Ack: localISS + 1, Flags: FIN | ACK, Wnd: 64000})
	r.take()
	return c, r
}

func connLastAck() (*Conn, *recorder) {
	c, r := connCloseWait()
	c.Close()
	r.take()
	return c, r
}

func connClosing() (*Conn, *recorder) {
	c, r := connFinWait1()
	c.Arrive(Segment{Seq: remoteISS + 1, Ack: localISS + 1, Flags: FIN | ACK, Wnd: 64000})
	r.take()
	return c, r
}

func expectState(t *testing.T, c *Conn, want State) {
	t.Helper()
	if c.state != want {
		t.Fatalf("state %s, want %s", c.state, want)
	}
}

func expectSent(t *testing.T, r *recorder, want ...string) {
	t.Helper()
	var got []string
	for _, s := range r.take() {
		got = append(got, s.String())
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("sent %v, want %v", got, want)
	}
}

func TestFixturesReachTheirStates(t *testing.T) {
	for want, mk := range map[State]func() (*Conn, *recorder){
		Listen: connListen, SynSent: connSynSent, SynReceived: connSynReceived, Established: connEstablished,
		FinWait1: connFinWait1, FinWait2: connFinWait2, TimeWait: connTimeWait, CloseWait: connCloseWait,
		LastAck: connLastAck, Closing: connClosing,
	} {
		c, _ := mk()
		if c.state != want {
			t.Errorf("fixture for %s ended in %s", want, c.state)
		}
	}
}

func TestSeqWraparound(t *testing.T) {
	a, b := Seq(0xFFFFFFF0), Seq(0x10)
	if !a.LessThan(b) || b.LessThan(a) || !a.LessEq(a) || a.Add(0x20) != b || b.Sub(a) != 0x20 {
		t.Fatal("modular comparison broken across wraparound")
	}
	if !Seq(5).InWindow(0xFFFFFFFE, 10) || Seq(8).InWindow(0xFFFFFFFE, 10) {
		t.Fatal("InWindow broken across wraparound")
	}
}

func TestFlagsString(t *testing.T) {
	for f, want := range map[Flags]string{SYN | ACK: "SYN,ACK", FIN | ACK: "FIN,ACK", RST | ACK: "RST,ACK", FIN | PSH | ACK: "FIN,PSH,ACK", 0: "none"} {
		if f.String() != want {
			t.Errorf("%#x: %q want %q", uint8(f), f.String(), want)
		}
	}
}

func TestEveryUserCallHasARowInEveryState(t *testing.T) {
	for s := Closed; s < NumStates; s++ {
		for _, e := range []Event{EvPassiveOpen, EvActiveOpen, EvSend, EvClose, EvAbort} {
			// Guarded rows cover every case: the reachability test
			// fires each one from the fixtures.
			if len(candidates(s, e)) == 0 {
				t.Errorf("no row for %s in %s", e, s)
			}
		}
	}
}

func TestStateDiagramDocIsFresh(t *testing.T) {
	got, err := os.ReadFile("../docs/state-diagram.md")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != Markdown() {
		t.Fatal("docs/state-diagram.md is stale: run go generate ./fsm")
	}
}

func TestListen_SYN_SendsSYNACK(t *testing.T) {
	c, r := connListen()
	c.Arrive(synFromPeer())
	expectState(t, c, SynReceived)
	expectSent(t, r, "<SEQ=10000><ACK=4294967281><CTL=SYN,ACK>")
}

func TestListen_ACK_SendsRST(t *testing.T) {
	c, r := connListen()
	c.Arrive(ackFromPeer(777))
	expectState(t, c, Listen)
	expectSent(t, r, "<SEQ=777><CTL=RST>")
}

func TestClosed_SYN_RSTACK(t *testing.T) {
	c, r := newConn()
	c.Arrive(Segment{Seq: 500, Flags: SYN})
	expectSent(t, r, "<SEQ=0><ACK=501><CTL=RST,ACK>")
	c.Arrive(Segment{Seq: 500, Flags: RST})
	expectSent(t, r)
}

func TestSynSent_BadACK_SendsRST(t *testing.T) {
	c, r := connSynSent()
	c.Arrive(Segment{Seq: 1, Ack: localISS, Flags: SYN | ACK}) // SEG.ACK =< ISS
	expectState(t, c, SynSent)
	expectSent(t, r, "<SEQ=10000><CTL=RST>")
}

// RFC 9293 §3.10.7.3: "connection reset"; the sockets API: refused.
func TestSynSent_RSTWithGoodACK_Reset(t *testing.T) {
	for _, refused := range []bool{false, true} {
		c, r := newConn()
		c.Cfg.RefusedInSynSent = refused
		c.Open(true)
		c.Arrive(Segment{Seq: 0, Ack: localISS + 1, Flags: RST | ACK})
		expectState(t, c, Closed)
		want := SigReset
		if refused {
			want = SigRefused
		}
		if len(r.signals) != 1 || r.signals[0] != want {
			t.Fatalf("refused=%v: signals %v, want %v", refused, r.signals, want)
		}
	}
}

// The fifth and eighth steps in TIME-WAIT: a FIN at RCV.NXT is
// acknowledged and restarts 2MSL.
func TestTimeWait_NewFIN_AckedAndRestarts(t *testing.T) {
	c, r := connTimeWait()
	nxt := c.TCB().RcvNxt
	r.timers[TimerTimeWait] = false
	c.Arrive(Segment{Seq: nxt, Ack: localISS + 2, Flags: FIN | ACK, Wnd: 64000})
	expectState(t, c, TimeWait)
	if got := c.TCB().RcvNxt; got != nxt+1 {
		t.Errorf("RCV.NXT %d, want %d", got, nxt+1)
	}
	if out := r.take(); len(out) != 1 || out[0].Flags != ACK || out[0].Ack != nxt+1 {
		t.Errorf("sent %v, want one ACK of the FIN", out)
	}
	if !r.timers[TimerTimeWait] {
		t.Error("2MSL timer not restarted")
	}
}

// §3.10.4: CLOSE in SYN-RECEIVED with data queued waits for ESTABLISHED,
// then the data goes out and the FIN follows it.
func TestSynReceived_CloseWithData_WaitsForEstablished(t *testing.T) {
	c, r := connSynReceived()
	c.Send(make([]byte, 100), 0)
	c.Close()
	expectState(t, c, SynReceived)
	expectSent(t, r)
	c.Arrive(ackFromPeer(localISS + 1))
	expectState(t, c, FinWait1)
	out := r.take()
	if len(out) != 1 || out[0].Len != 100 || out[0].Flags&FIN == 0 {
		t.Fatalf("sent %v, want the 100 bytes with FIN", out)
	}
}

// §3.10.7.2: data on a SYN is kept and delivered once ESTABLISHED.
func TestListen_SYNWithData_DeliveredAfterHandshake(t *testing.T) {
	c, r := connListen()
	syn := synFromPeer()
	syn.Len = 20
	c.Arrive(syn)
	expectState(t, c, SynReceived)
	if r.got != 0 {
		t.Fatalf("%d bytes delivered in SYN-RECEIVED", r.got)
	}
	r.take()
	c.Arrive(ackFromPeer(localISS + 1))
	expectState(t, c, Established)
	if r.got != 20 {
		t.Errorf("%d bytes delivered, want 20", r.got)
	}
	if got := c.TCB().RcvNxt; got != remoteISS+21 {
		t.Errorf("RCV.NXT %d", got)
	}
}

func TestSynSent_RSTWithoutACK_Dropped(t *testing.T) {
	c, _ := connSynSent()
	c.Arrive(Segment{Seq: 0, Flags: RST})
	expectState(t, c, SynSent)
}

func TestSynSent_SYNACK_Established_AcrossWraparound(t *testing.T) {
	c, r := connSynSent()
	c.Arrive(Segment{Seq: remoteISS, Ack: localISS + 1, Flags: SYN | ACK, Wnd: 64000})
	expectState(t, c, Established)
	expectSent(t, r, "<SEQ=10001><ACK=4294967281><CTL=ACK>")
	// Data that crosses 2^32 is accepted and RCV.NXT wraps.
	c.Arrive(Segment{Seq: remoteISS + 1, Ack: localISS + 1, Flags: ACK, Len: 40, Wnd: 64000})
	if c.tcb.RcvNxt != 0x19 || r.got != 40 {
		t.Fatalf("RCV.NXT %#x, delivered %d", uint32(c.tcb.RcvNxt), r.got)
	}
}

func TestSynReceived_RST_ReturnsToListen(t *testing.T) {
	c, _ := connSynReceived()
	c.Arrive(Segment{Seq: remoteISS + 1, Flags: RST})
	expectState(t, c, Listen)
}

func TestEstablished_RSTInWindow_ChallengeACK(t *testing.T) {
	c, r := connEstablished()
	c.Arrive(Segment{Seq: remoteISS.Add(100), Flags: RST})
	expectState(t, c, Established)
	expectSent(t, r, "<SEQ=10001><ACK=4294967281><CTL=ACK>")
}

func TestEstablished_RSTExact_Resets(t *testing.T) {
	c, r := connEstablished()
	c.Arrive(Segment{Seq: remoteISS + 1, Flags: RST})
	expectState(t, c, Closed)
	if len(r.signals) != 1 || r.signals[0] != SigReset {
		t.Fatalf("signals %v", r.signals)
	}
}

func TestEstablished_RSTOutsideWindow_Dropped(t *testing.T) {
	c, r := connEstablished()
	c.Arrive(Segment{Seq: remoteISS.Add(100000), Flags: RST})
	expectState(t, c, Established)
	expectSent(t, r)
}

func TestEstablished_SYN_ChallengeACK(t *testing.T) {
	c, r := connEstablished()
	c.Arrive(Segment{Seq: remoteISS + 1, Flags: SYN})
	expectState(t, c, Established)
	expectSent(t, r, "<SEQ=10001><ACK=4294967281><CTL=ACK>")
}

func TestEstablished_AckTooNew_ACKAndDrop(t *testing.T) {
	c, r := connEstablished()
	c.Arrive(Segment{Seq: remoteISS + 1, Ack: localISS + 500, Flags: ACK, Len: 10})
	expectSent(t, r, "<SEQ=10001><ACK=4294967281><CTL=ACK>")
	if r.got != 0 {
		t.Fatal("data of a segment with a too-new ACK was delivered")
	}
}

func TestEstablished_OutOfWindow_ACK(t *testing.T) {
	c, r := connEstablished()
	c.Arrive(Segment{Seq: remoteISS - 50, Ack: localISS + 1, Flags: ACK, Len: 10})
	expectSent(t, r, "<SEQ=10001><ACK=4294967281><CTL=ACK>")
}

func TestEstablished_OutOfOrderHeldThenDelivered(t *testing.T) {
	c, r := connEstablished()
	c.Arrive(Segment{Seq: remoteISS.Add(11), Ack: localISS + 1, Flags: ACK, Len: 10})
	expectSent(t, r, "<SEQ=10001><ACK=4294967281><CTL=ACK>") // duplicate ACK
	c.Arrive(Segment{Seq: remoteISS + 1, Ack: localISS + 1, Flags: ACK, Len: 10})
	expectSent(t, r, "<SEQ=10001><ACK=5><CTL=ACK>")
	if r.got != 20 {
		t.Fatalf("delivered %d, want 20", r.got)
	}
}

func TestEstablished_FIN_CloseWait(t *testing.T) {
	c, r := connEstablished()
	c.Arrive(Segment{Seq: remoteISS + 1, Ack: localISS + 1, Flags: FIN | ACK})
	expectState(t, c, CloseWait)
	expectSent(t, r, "<SEQ=10001><ACK=4294967282><CTL=ACK>")
}

func TestFinWait1_FINBeforeACK_Closing(t *testing.T) {
	c, _ := connClosing()
	expectState(t, c, Closing)
	c.Arrive(Segment{Seq: remoteISS + 2, Ack: localISS + 2, Flags: ACK}) // after its FIN

	expectState(t, c, TimeWait)
}

func TestFinWait1_FINWithACK_TimeWait(t *testing.T) {
	c, r := connFinWait1()
	c.Arrive(Segment{Seq: remoteISS + 1, Ack: localISS + 2, Flags: FIN | ACK})
	expectState(t, c, TimeWait)
	expectSent(t, r, "<SEQ=10002><ACK=4294967282><CTL=ACK>")
}

func TestFinWait2_StillReceives(t *testing.T) {
	c, r := connFinWait2()
	c.Arrive(Segment{Seq: remoteISS + 1, Ack: localISS + 2, Flags: ACK, Len: 100})
	if r.got != 100 {
		t.Fatal("FIN-WAIT-2 must keep receiving (half-close)")
	}
}

func TestCloseWait_DataAfterFIN_Ignored(t *testing.T) {
	c, r := connCloseWait()
	c.Arrive(Segment{Seq: remoteISS + 2, Ack: localISS + 1, Flags: ACK, Len: 10})
	if r.got != 0 {
		t.Fatal("data after the peer's FIN was delivered")
	}
}

func TestLastAck_ACKOfFIN_Closed(t *testing.T) {
	c, _ := connLastAck()
	c.Arrive(Segment{Seq: remoteISS + 2, Ack: localISS + 2, Flags: ACK})
	expectState(t, c, Closed)
}

func TestTimeWait_RetransmittedFIN_ReACKsAndRestarts(t *testing.T) {
	c, r := connTimeWait()
	r.timers[TimerTimeWait] = false
	c.Arrive(Segment{Seq: remoteISS + 1, Ack: localISS + 2, Flags: FIN | ACK})
	expectState(t, c, TimeWait)
	expectSent(t, r, "<SEQ=10002><ACK=4294967282><CTL=ACK>")
	if !r.timers[TimerTimeWait] {
		t.Fatal("2MSL timer not restarted")
	}
}

func TestTimeWait_Timeout_Closed(t *testing.T) {
	c, _ := connTimeWait()
	c.Timeout(TimerTimeWait, false)
	expectState(t, c, Closed)
}

func TestAbort_SendsRSTAtSndNxt(t *testing.T) {
	c, r := connEstablished()
	c.Abort()
	expectState(t, c, Closed)
	expectSent(t, r, "<SEQ=10001><CTL=RST>")
}

func TestSend_SegmentizesByMSS(t *testing.T) {
	c, r := connEstablished()
	c.Cfg.PSHOnLast = true
	c.Cfg.NoDelay = true // Nagle would hold the short tail (nagle_test.go)
	c.Send(make([]byte, 3000), 0)
	expectSent(t, r,
		"<SEQ=10001><ACK=4294967281><CTL=ACK><DATA=1460>",
		"<SEQ=11461><ACK=4294967281><CTL=ACK><DATA=1460>",
		"<SEQ=12921><ACK=4294967281><CTL=PSH,ACK><DATA=80>")
}

func TestRTO_RetransmitsFront(t *testing.T) {
	c, r := connEstablished()
	c.Send(make([]byte, 2000), 0)
	r.take()
	c.Timeout(TimerRTO, false)
	expectSent(t, r, "<SEQ=10001><ACK=4294967281><CTL=ACK><DATA=1460>")
	c.Timeout(TimerRTO, true)
	expectState(t, c, Closed)
}

// Found by the property test: the peer's FIN arrives while our FIN still
// waits behind data the window holds back. CLOSING must still send them.
func TestClosing_SendsDataAndFINQueuedBehindIt(t *testing.T) {
	c, r := connEstablished()
	c.tcb.SndWnd = 100 // the peer's window lets only 100 bytes out
	c.Send(make([]byte, 150), 0)
	c.Close()
	expectSent(t, r, "<SEQ=10001><ACK=4294967281><CTL=ACK><DATA=100>")
	c.Arrive(Segment{Seq: remoteISS + 1, Ack: localISS + 1, Flags: FIN | ACK, Wnd: 100})
	expectState(t, c, Closing)
	r.take()
	c.Arrive(Segment{Seq: remoteISS + 2, Ack: localISS + 101, Flags: ACK, Wnd: 100})
	expectSent(t, r, "<SEQ=10101><ACK=4294967282><CTL=FIN,ACK><DATA=50>")
	c.Arrive(Segment{Seq: remoteISS + 2, Ack: localISS + 152, Flags: ACK, Wnd: 100})
	expectState(t, c, TimeWait)
}

// A connection that went back to LISTEN starts the next one afresh: a
// retransmitted SYN,ACK of the failed attempt must not shrink the new
// connection's initial window.
func TestListen_AfterFailedAttempt_StartsAfresh(t *testing.T) {
	c, _ := connSynReceived()
	c.Timeout(TimerRTO, false) // SYN,ACK resent
	c.Arrive(Segment{Seq: remoteISS + 1, Flags: RST})
	expectState(t, c, Listen)
	c.Arrive(synFromPeer())
	c.Arrive(Segment{Seq: remoteISS + 1, Ack: localISS + 1, Flags: ACK, Wnd: 64000})
	expectState(t, c, Established)
	if cwnd, _ := c.Cwnd(); cwnd != 3*1460 {
		t.Fatalf("initial window %d, want RFC 5681's 3 segments", cwnd)
	}
}
