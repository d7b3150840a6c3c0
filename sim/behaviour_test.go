package sim

import (
	"bytes"
	"github.com/tcpsim/tcpsim/trace"
	"strings"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
)

// connection is the usual client/server script: B listens, A connects,
// sends, and closes at closeAt; B closes closeAfter its CLOSE-WAIT begins.
func connection(data string, closeAt, closeAfter time.Duration) *Config {
	cfg := base(100, 300, 50*ms)
	cfg.Timeline = []Action{
		at(0, trace.B, trace.OpListen), at(0, trace.A, trace.OpConnect),
		{When: true, WhenSide: trace.A, WhenState: fsm.Established, Side: trace.A, Op: trace.OpSend, Data: []byte(data)},
		at(closeAt, trace.A, trace.OpClose),
		when(trace.B, fsm.CloseWait, closeAfter, trace.B, trace.OpClose),
	}
	return cfg
}

// sends returns the send events of one side matching flags exactly (PSH ignored).
func sends(tr *trace.Trace, side trace.Side, flags fsm.Flags) []trace.Event {
	var out []trace.Event
	for _, e := range tr.Events {
		if e.Kind == trace.KSend && e.Side == side && e.Seg.Flags&^fsm.PSH == flags {
			out = append(out, e)
		}
	}
	return out
}

func TestLostSYN_RetransmitsWithBackoff(t *testing.T) {
	cfg := connection("hi", 20*time.Second, 0)
	cfg.Faults = []Fault{
		{Kind: FaultDrop, From: trace.A, Flags: fsm.SYN, Nth: 1},
		{Kind: FaultDrop, From: trace.A, Flags: fsm.SYN, Nth: 2},
	}
	tr := Run(cfg)
	syns := sends(tr, trace.A, fsm.SYN)
	if len(syns) != 3 {
		t.Fatalf("A sent %d SYNs, want 3", len(syns))
	}
	// RFC 6298: initial RTO 1 s, doubled on each expiry: sent at 0, 1 s, 3 s.
	for i, want := range []time.Duration{0, time.Second, 3 * time.Second} {
		if syns[i].T != want || syns[i].Seg.Seq != 100 {
			t.Errorf("SYN %d at %v seq %d, want %v seq 100", i, syns[i].T, syns[i].Seg.Seq, want)
		}
		if i > 0 && (syns[i].Reason != fsm.ReasonRetransmit || syns[i].Retx != uint16(i)) {
			t.Errorf("SYN %d: why %v retx %d", i, syns[i].Reason, syns[i].Retx)
		}
	}
	if !syns[0].Lost || !syns[1].Lost || syns[2].Lost {
		t.Errorf("loss pattern wrong: %v %v %v", syns[0].Lost, syns[1].Lost, syns[2].Lost)
	}
	if tr.Final != [2]fsm.State{fsm.Closed, fsm.Closed} {
		t.Errorf("final %v", tr.Final)
	}
}

func TestLostSYN_GivesUp(t *testing.T) {
	cfg := connection("hi", time.Hour, 0)
	cfg.A.SynRetries = 3
	cfg.AtoB.Loss = 1
	tr := Run(cfg)
	syns := sends(tr, trace.A, fsm.SYN)
	if len(syns) != 4 {
		t.Fatalf("A sent %d SYNs, want 1 + 3 retries", len(syns))
	}
	// Give-up comes when the RTO after the last retry expires: 1+2+4+8 = 15 s.
	if got := tr.Errors[trace.A]; len(got) != 1 || got[0] != fsm.SigTimedOut {
		t.Fatalf("A was told %v, want connection timed out", got)
	}
	for _, e := range tr.Events {
		if e.Kind == trace.KState && e.Side == trace.A && e.To == fsm.Closed && e.T != 15*time.Second {
			t.Errorf("A gave up at %v, want 15s", e.T)
		}
	}
}

func TestLostSYNACK_BothRetransmit(t *testing.T) {
	cfg := connection("hi", 5*time.Second, 0)
	cfg.Faults = []Fault{{Kind: FaultDrop, From: trace.B, Flags: fsm.SYN | fsm.ACK, Nth: 1}}
	tr := Run(cfg)
	synacks := sends(tr, trace.B, fsm.SYN|fsm.ACK)
	if len(synacks) < 2 || synacks[1].Reason != fsm.ReasonRetransmit || synacks[1].Seg.Seq != 300 || synacks[1].Seg.Ack != 101 {
		t.Fatalf("B's SYN,ACK was not retransmitted as <SEQ=300><ACK=101>: %v", synacks)
	}
	// A's retransmitted SYN reaches B in SYN-RECEIVED below RCV.NXT: it is
	// unacceptable, so B answers with an ACK (§3.10.7.4 first step).
	syns := sends(tr, trace.A, fsm.SYN)
	if len(syns) != 2 {
		t.Fatalf("A sent %d SYNs, want 2", len(syns))
	}
	expectStates(t, tr, trace.A, "SYN-SENT", "ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT", "CLOSED")
}

func TestLostFIN_Retransmitted(t *testing.T) {
	cfg := connection("hi", time.Second, 100*ms)
	cfg.Faults = []Fault{{Kind: FaultDrop, From: trace.A, Flags: fsm.FIN | fsm.ACK, Nth: 1}}
	tr := Run(cfg)
	fins := sends(tr, trace.A, fsm.FIN|fsm.ACK)
	if len(fins) != 2 || fins[0].Seg.Seq != fins[1].Seg.Seq || fins[1].Reason != fsm.ReasonRetransmit {
		t.Fatalf("FIN not retransmitted: %v", fins)
	}
	// The RTO was measured during the handshake (RTT 100 ms) but RFC 6298
	// keeps it at least 1 s.
	if d := fins[1].T - fins[0].T; d != time.Second {
		t.Errorf("FIN resent after %v, want 1s", d)
	}
	expectStates(t, tr, trace.B, "LISTEN", "SYN-RECEIVED", "ESTABLISHED", "CLOSE-WAIT", "LAST-ACK", "CLOSED")
}

func TestLostFinalACK_TimeWaitReACKsAndRestarts2MSL(t *testing.T) {
	cfg := connection("hi", time.Second, 100*ms)
	cfg.Faults = []Fault{{Kind: FaultDrop, From: trace.A, Flags: fsm.ACK, State: fsm.TimeWait, HasState: true, Nth: 1}}
	tr := Run(cfg)
	bfins := sends(tr, trace.B, fsm.FIN|fsm.ACK)
	if len(bfins) != 2 || bfins[1].From != fsm.LastAck || bfins[1].Reason != fsm.ReasonRetransmit {
		t.Fatalf("B did not retransmit its FIN from LAST-ACK: %+v", bfins)
	}
	var acks []trace.Event
	for _, e := range sends(tr, trace.A, fsm.ACK) {
		if e.From == fsm.TimeWait {
			acks = append(acks, e)
		}
	}
	if len(acks) != 2 || !acks[0].Lost || acks[1].Lost || acks[0].Seg.Ack != acks[1].Seg.Ack {
		t.Fatalf("want a lost ACK then a re-ACK from TIME-WAIT, got %+v", acks)
	}
	// The 2MSL timer restarts at the re-ACK, so A leaves TIME-WAIT 2 MSL after it.
	var closed time.Duration
	arms := 0
	for _, e := range tr.Events {
		if e.Side == trace.A && e.Kind == trace.KTimer && e.Timer == fsm.TimerTimeWait && e.TimerEv == trace.TimerArmed {
			arms++
		}
		if e.Side == trace.A && e.Kind == trace.KState && e.From == fsm.TimeWait {
			closed = e.T
		}
	}
	if arms != 2 {
		t.Errorf("2MSL timer armed %d times, want 2", arms)
	}
	if closed != acks[1].T+2*cfg.MSL {
		t.Errorf("A closed at %v, want re-ACK %v + 2MSL", closed, acks[1].T)
	}
	if tr.Final != [2]fsm.State{fsm.Closed, fsm.Closed} {
		t.Errorf("final %v", tr.Final)
	}
}

// received collects the bytes each side's application read, in order.
func received(tr *trace.Trace, side trace.Side) uint32 {
	var n uint32
	for _, e := range tr.Events {
		if e.Kind == trace.KData && e.Side == side {
			n += e.N
		}
	}
	return n
}

func TestDuplicatedAndReorderedData(t *testing.T) {
	data := strings.Repeat("x", 6000) // five segments of MSS 1460 and one short
	cfg := connection(data, 5*time.Second, 100*ms)
	cfg.AtoB.Duplicate = 0.3
	cfg.AtoB.Reorder = 0.2
	cfg.AtoB.Jitter = 10 * ms
	cfg.Seed = 6
	tr := Run(cfg)
	var dups, reordered, outOfOrder int
	for _, e := range tr.Events {
		switch {
		case e.Kind == trace.KDup:
			dups++
		case e.Kind == trace.KSend && e.Reorder:
			reordered++
		case e.Kind == trace.KSend && e.Side == trace.B:
			if r := e.Rule(); r != nil && r.On == fsm.EvText && r.If == fsm.OutOfOrder {
				outOfOrder++
			}
		}
	}
	if dups == 0 || reordered == 0 || outOfOrder == 0 {
		t.Fatalf("seed gave dups=%d reordered=%d out-of-order ACKs=%d; pick a seed that exercises all", dups, reordered, outOfOrder)
	}
	if got := received(tr, trace.B); got != uint32(len(data)) {
		t.Errorf("B read %d bytes, want exactly %d (duplicates must not be delivered twice)", got, len(data))
	}
	if tr.Final != [2]fsm.State{fsm.Closed, fsm.Closed} {
		t.Errorf("final %v", tr.Final)
	}
}

func TestRefused_RSTACKForClosedPort(t *testing.T) {
	cfg := base(100, 300, 50*ms)
	cfg.Timeline = []Action{at(0, trace.A, trace.OpConnect)}
	tr := Run(cfg)
	expectLines(t, tr, []string{
		"SYN-SENT --> <SEQ=100><CTL=SYN>           --> CLOSED",
		"CLOSED   <-- <SEQ=0><ACK=101><CTL=RST,ACK> <-- CLOSED",
	})
	// RFC 9293 §3.10.7.3 words it "connection reset"; the linux profile
	// says "refused", as the sockets API does.
	if got := tr.Errors[trace.A]; len(got) != 1 || got[0] != fsm.SigReset {
		t.Errorf("A was told %v, want connection reset", got)
	}
	cfg.Profile = Linux
	if got := Run(cfg).Errors[trace.A]; len(got) != 1 || got[0] != fsm.SigRefused {
		t.Errorf("under linux A was told %v, want connection refused", got)
	}
}

func TestAbort_SendsRSTAndResetsPeer(t *testing.T) {
	cfg := base(100, 300, 50*ms)
	cfg.Timeline = []Action{at(0, trace.B, trace.OpListen), at(0, trace.A, trace.OpConnect),
		{At: 500 * ms, Side: trace.A, Op: trace.OpSend, Data: []byte("hello")},
		at(time.Second, trace.A, trace.OpAbort)}
	tr := Run(cfg)
	rsts := sends(tr, trace.A, fsm.RST)
	if len(rsts) != 1 || rsts[0].Seg.Seq != 106 {
		t.Fatalf("want one <SEQ=SND.NXT=106><CTL=RST>, got %+v", rsts)
	}
	if got := tr.Errors[trace.B]; len(got) != 1 || got[0] != fsm.SigReset {
		t.Errorf("B was told %v, want connection reset", got)
	}
	if tr.Final != [2]fsm.State{fsm.Closed, fsm.Closed} {
		t.Errorf("final %v", tr.Final)
	}
}

func TestHalfClose_PeerStillSendsAfterFIN(t *testing.T) {
	cfg := base(100, 300, 50*ms)
	cfg.Timeline = []Action{at(0, trace.B, trace.OpListen), at(0, trace.A, trace.OpConnect),
		{At: 200 * ms, Side: trace.A, Op: trace.OpSend, Data: []byte("GET")},
		at(300*ms, trace.A, trace.OpClose),
		{When: true, WhenSide: trace.B, WhenState: fsm.CloseWait, After: 10 * ms, Side: trace.B, Op: trace.OpSend, Data: bytes.Repeat([]byte("d"), 4000)},
		when(trace.B, fsm.CloseWait, 20*ms, trace.B, trace.OpClose)}
	tr := Run(cfg)
	if got := received(tr, trace.A); got != 4000 {
		t.Errorf("A read %d bytes after its own FIN, want 4000", got)
	}
	expectStates(t, tr, trace.A, "SYN-SENT", "ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT", "CLOSED")
}

func TestSameSeedSameTrace(t *testing.T) {
	mk := func(seed uint64) []byte {
		cfg := connection(strings.Repeat("y", 5000), 3*time.Second, 50*ms)
		cfg.Seed = seed
		cfg.AtoB = LinkConfig{Delay: 40 * ms, Jitter: 20 * ms, Loss: 0.1, Duplicate: 0.1, Reorder: 0.1}
		cfg.BtoA = cfg.AtoB
		var b bytes.Buffer
		if err := trace.WriteJSONL(&b, Run(cfg)); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	if !bytes.Equal(mk(42), mk(42)) {
		t.Fatal("same seed gave different traces")
	}
	if bytes.Equal(mk(42), mk(43)) {
		t.Fatal("different seeds gave the same lossy trace")
	}
}
