package sim

import (
	"github.com/tcpsim/tcpsim/trace"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
)

// Each test reproduces one example figure of RFC 9293 §3.5–§3.6 with the
// figure's sequence numbers. The figure is pasted above its test; the
// expected lines are written in the same notation.

// TCP Peer A                                           TCP Peer B
//
// 1.  CLOSED                                               LISTEN
// 2.  SYN-SENT    --> <SEQ=100><CTL=SYN>               --> SYN-RECEIVED
// 3.  ESTABLISHED <-- <SEQ=300><ACK=101><CTL=SYN,ACK>  <-- SYN-RECEIVED
// 4.  ESTABLISHED --> <SEQ=101><ACK=301><CTL=ACK>       --> ESTABLISHED
// 5.  ESTABLISHED --> <SEQ=101><ACK=301><CTL=ACK><DATA> --> ESTABLISHED
//
// Figure 6: Basic Three-Way Handshake for Connection Synchronization
func TestFigure6_BasicThreeWayHandshake(t *testing.T) {
	cfg := base(100, 300, 50*ms)
	cfg.Timeline = []Action{
		at(0, trace.B, trace.OpListen),
		at(0, trace.A, trace.OpConnect),
		{When: true, WhenSide: trace.A, WhenState: fsm.Established, Side: trace.A, Op: trace.OpSend, Data: []byte("0123456789")},
	}
	tr := Run(cfg)
	expectLines(t, tr, []string{
		"SYN-SENT    --> <SEQ=100><CTL=SYN>                  --> SYN-RECEIVED",
		"ESTABLISHED <-- <SEQ=300><ACK=101><CTL=SYN,ACK>     <-- SYN-RECEIVED",
		"ESTABLISHED --> <SEQ=101><ACK=301><CTL=ACK>         --> ESTABLISHED",
		"ESTABLISHED --> <SEQ=101><ACK=301><CTL=ACK><DATA=10> --> ESTABLISHED",
		"ESTABLISHED <-- <SEQ=301><ACK=111><CTL=ACK>         <-- ESTABLISHED",
	})
	expectStates(t, tr, trace.A, "SYN-SENT", "ESTABLISHED")
	expectStates(t, tr, trace.B, "LISTEN", "SYN-RECEIVED", "ESTABLISHED")
}

// TCP Peer A                                       TCP Peer B
//
// 1.  CLOSED                                           CLOSED
// 2.  SYN-SENT     --> <SEQ=100><CTL=SYN>              ...
// 3.  SYN-RECEIVED <-- <SEQ=300><CTL=SYN>              <-- SYN-SENT
// 4.               ... <SEQ=100><CTL=SYN>              --> SYN-RECEIVED
// 5.  SYN-RECEIVED --> <SEQ=100><ACK=301><CTL=SYN,ACK> ...
// 6.  ESTABLISHED  <-- <SEQ=300><ACK=101><CTL=SYN,ACK> <-- SYN-RECEIVED
// 7.               ... <SEQ=100><ACK=301><CTL=SYN,ACK> --> ESTABLISHED
//
// Figure 7: Simultaneous Connection Synchronization
func TestFigure7_SimultaneousOpen(t *testing.T) {
	cfg := base(100, 300, 0)
	// A's segments travel slower, so B's SYN reaches A first (line 3) and
	// A's SYN reaches B afterwards (line 4), as in the figure.
	cfg.AtoB.Delay = 100 * ms
	cfg.BtoA.Delay = 50 * ms
	cfg.Timeline = []Action{at(0, trace.A, trace.OpConnect), at(0, trace.B, trace.OpConnect)}
	tr := Run(cfg)
	expectLines(t, tr, []string{
		"SYN-SENT     --> <SEQ=100><CTL=SYN>              --> SYN-RECEIVED",
		"SYN-RECEIVED <-- <SEQ=300><CTL=SYN>              <-- SYN-SENT",
		"SYN-RECEIVED --> <SEQ=100><ACK=301><CTL=SYN,ACK> --> ESTABLISHED",
		"ESTABLISHED  <-- <SEQ=300><ACK=101><CTL=SYN,ACK> <-- SYN-RECEIVED",
	})
	// Both cycle CLOSED -> SYN-SENT -> SYN-RECEIVED -> ESTABLISHED.
	expectStates(t, tr, trace.A, "SYN-SENT", "SYN-RECEIVED", "ESTABLISHED")
	expectStates(t, tr, trace.B, "SYN-SENT", "SYN-RECEIVED", "ESTABLISHED")
	// A is ESTABLISHED at line 6 (t=150ms) before its SYN,ACK reaches B (line 7, t=150ms+).
	if tr.Final != [2]fsm.State{fsm.Established, fsm.Established} {
		t.Errorf("final %v", tr.Final)
	}
}

// TCP Peer A                                           TCP Peer B
//
// 1.  CLOSED                                               LISTEN
// 2.  SYN-SENT    --> <SEQ=100><CTL=SYN>               ...
// 3.  (duplicate) ... <SEQ=90><CTL=SYN>               --> SYN-RECEIVED
// 4.  SYN-SENT    <-- <SEQ=300><ACK=91><CTL=SYN,ACK>  <-- SYN-RECEIVED
// 5.  SYN-SENT    --> <SEQ=91><CTL=RST>               --> LISTEN
// 6.              ... <SEQ=100><CTL=SYN>               --> SYN-RECEIVED
// 7.  ESTABLISHED <-- <SEQ=400><ACK=101><CTL=SYN,ACK>  <-- SYN-RECEIVED
// 8.  ESTABLISHED --> <SEQ=101><ACK=401><CTL=ACK>      --> ESTABLISHED
//
// Figure 8: Recovery from Old Duplicate SYN
func TestFigure8_OldDuplicateSYN(t *testing.T) {
	cfg := base(100, 300, 100*us)
	cfg.Timeline = []Action{at(0, trace.B, trace.OpListen), at(0, trace.A, trace.OpConnect)}
	cfg.Faults = []Fault{
		// The old duplicate reaches B at 100µs; B picks ISS 300 then.
		{Kind: FaultInject, At: 0, From: trace.A, Seg: fsm.Segment{Seq: 90, Flags: fsm.SYN}},
		// A's real SYN is delayed in the network until 500µs: B's ISN clock
		// (one tick per 4µs) has moved 100 ticks, so B's new ISS is 400.
		{Kind: FaultHold, From: trace.A, Flags: fsm.SYN, Nth: 1, For: 400 * us},
	}
	tr := Run(cfg)
	expectLines(t, tr, []string{
		"SYN-SENT        --> <SEQ=100><CTL=SYN>              --> SYN-RECEIVED",
		"(old duplicate) --> <SEQ=90><CTL=SYN>               --> SYN-RECEIVED",
		"SYN-SENT        <-- <SEQ=300><ACK=91><CTL=SYN,ACK>  <-- SYN-RECEIVED",
		"SYN-SENT        --> <SEQ=91><CTL=RST>               --> LISTEN",
		"ESTABLISHED     <-- <SEQ=400><ACK=101><CTL=SYN,ACK> <-- SYN-RECEIVED",
		"ESTABLISHED     --> <SEQ=101><ACK=401><CTL=ACK>     --> ESTABLISHED",
	})
	expectStates(t, tr, trace.B, "LISTEN", "SYN-RECEIVED", "LISTEN", "SYN-RECEIVED", "ESTABLISHED")
	expectStates(t, tr, trace.A, "SYN-SENT", "ESTABLISHED")
}

// established opens a connection with A at send 100/receive 300 (ISNs 99
// and 299) and returns the time by which both sides are ESTABLISHED.
func established(cfg *Config) time.Duration {
	cfg.Timeline = append(cfg.Timeline, at(0, trace.B, trace.OpListen), at(0, trace.A, trace.OpConnect))
	return 3*cfg.AtoB.Delay + cfg.BtoA.Delay
}

//	TCP Peer A                                      TCP Peer B
//
// 1.  (REBOOT)                              (send 300,receive 100)
// 2.  CLOSED                                           ESTABLISHED
// 3.  SYN-SENT --> <SEQ=400><CTL=SYN>              --> (??)
// 4.  (!!)     <-- <SEQ=300><ACK=100><CTL=ACK>     <-- ESTABLISHED
// 5.  SYN-SENT --> <SEQ=100><CTL=RST>              --> (Abort!!)
// 6.  SYN-SENT                                         CLOSED
// 7.  SYN-SENT --> <SEQ=400><CTL=SYN>              -->
//
// Figure 9: Half-Open Connection Discovery
func TestFigure9_HalfOpenDiscovery(t *testing.T) {
	cfg := base(99, 299, 100*us)
	cfg.B.Window = 100 // so A's new SYN falls outside B's window, as the text says
	ready := established(cfg)
	// A's ISN clock started at 0 with 99; 1204µs later it reads 99+301 = 400.
	cfg.Timeline = append(cfg.Timeline, at(ready+100*us, trace.A, trace.OpCrash), at(1204*us, trace.A, trace.OpConnect))
	tr := Run(cfg)
	lines := rfcLines(tr)
	if len(lines) < 3 {
		t.Fatalf("too few segments: %v", lines)
	}
	tr2 := *tr
	expectLines(t, &tr2, append(lines[:3:3],
		"SYN-SENT --> <SEQ=400><CTL=SYN>          --> ESTABLISHED",
		"SYN-SENT <-- <SEQ=300><ACK=100><CTL=ACK> <-- ESTABLISHED",
		"SYN-SENT --> <SEQ=100><CTL=RST>          --> CLOSED",
		// Line 7: A keeps trying; B has no connection now, so it answers as CLOSED does.
		"SYN-SENT --> <SEQ=400><CTL=SYN>          --> CLOSED",
		"CLOSED   <-- <SEQ=0><ACK=401><CTL=RST,ACK> <-- CLOSED",
	))
	if got := tr.Errors[trace.B]; len(got) != 1 || got[0] != fsm.SigReset {
		t.Errorf("B was told %v, want connection reset", got)
	}
}

//	TCP Peer A                                         TCP Peer B
//
// 1.  (REBOOT)                                  (send 300,receive 100)
// 2.  (??)    <-- <SEQ=300><ACK=100><DATA=10><CTL=ACK> <-- ESTABLISHED
// 3.          --> <SEQ=100><CTL=RST>                   --> (ABORT!!)
//
// Figure 10: Active Side Causes Half-Open Connection Discovery
func TestFigure10_ActiveSideHalfOpen(t *testing.T) {
	cfg := base(99, 299, 100*us)
	ready := established(cfg)
	cfg.Timeline = append(cfg.Timeline, at(ready+100*us, trace.A, trace.OpCrash),
		Action{At: ready + 200*us, Side: trace.B, Op: trace.OpSend, Data: []byte("0123456789")})
	tr := Run(cfg)
	lines := rfcLines(tr)
	expectLines(t, tr, append(lines[:3:3],
		"CLOSED <-- <SEQ=300><ACK=100><CTL=ACK><DATA=10> <-- ESTABLISHED",
		"CLOSED --> <SEQ=100><CTL=RST>                   --> CLOSED",
	))
	if got := tr.Errors[trace.B]; len(got) != 1 || got[0] != fsm.SigReset {
		t.Errorf("B was told %v, want connection reset", got)
	}
}

//	TCP Peer A                                    TCP Peer B
//
// 1.  LISTEN                                        LISTEN
// 2.       ... <SEQ=Z><CTL=SYN>                -->  SYN-RECEIVED
// 3.  (??) <-- <SEQ=X><ACK=Z+1><CTL=SYN,ACK>   <--  SYN-RECEIVED
// 4.       --> <SEQ=Z+1><CTL=RST>              -->  (return to LISTEN!)
// 5.  LISTEN                                        LISTEN
//
// Figure 11: Old Duplicate SYN Initiates a Reset on Two Passive Sockets
func TestFigure11_ResetTwoPassiveSockets(t *testing.T) {
	cfg := base(100, 300, 100*us) // X = 300; Z = 200
	cfg.Timeline = []Action{at(0, trace.A, trace.OpListen), at(0, trace.B, trace.OpListen)}
	cfg.Faults = []Fault{{Kind: FaultInject, At: 10 * us, From: trace.A, Seg: fsm.Segment{Seq: 200, Flags: fsm.SYN}}}
	tr := Run(cfg)
	expectLines(t, tr, []string{
		"(old duplicate) --> <SEQ=200><CTL=SYN>              --> SYN-RECEIVED",
		"LISTEN          <-- <SEQ=300><ACK=201><CTL=SYN,ACK> <-- SYN-RECEIVED",
		"LISTEN          --> <SEQ=201><CTL=RST>              --> LISTEN",
	})
	if tr.Final != [2]fsm.State{fsm.Listen, fsm.Listen} {
		t.Errorf("final %v, want both LISTEN", tr.Final)
	}
}

//		TCP Peer A                                           TCP Peer B
//
//	 1. ESTABLISHED                                          ESTABLISHED
//	 2. (Close)
//	    FIN-WAIT-1  --> <SEQ=100><ACK=300><CTL=FIN,ACK>  --> CLOSE-WAIT
//	 3. FIN-WAIT-2  <-- <SEQ=300><ACK=101><CTL=ACK>      <-- CLOSE-WAIT
//	 4. (Close)
//	    TIME-WAIT   <-- <SEQ=300><ACK=101><CTL=FIN,ACK>  <-- LAST-ACK
//	 5. TIME-WAIT   --> <SEQ=101><ACK=301><CTL=ACK>      --> CLOSED
//	 6. (2 MSL)
//	    CLOSED
//
// Figure 12: Normal Close Sequence
func TestFigure12_NormalClose(t *testing.T) {
	cfg := base(99, 299, 100*us)
	ready := established(cfg)
	cfg.Timeline = append(cfg.Timeline, at(ready+100*us, trace.A, trace.OpClose), when(trace.B, fsm.CloseWait, 500*us, trace.B, trace.OpClose))
	tr := Run(cfg)
	lines := rfcLines(tr)
	expectLines(t, tr, append(lines[:3:3],
		"FIN-WAIT-1 --> <SEQ=100><ACK=300><CTL=FIN,ACK> --> CLOSE-WAIT",
		"FIN-WAIT-2 <-- <SEQ=300><ACK=101><CTL=ACK>     <-- CLOSE-WAIT",
		"TIME-WAIT  <-- <SEQ=300><ACK=101><CTL=FIN,ACK> <-- LAST-ACK",
		"TIME-WAIT  --> <SEQ=101><ACK=301><CTL=ACK>     --> CLOSED",
	))
	expectStates(t, tr, trace.A, "SYN-SENT", "ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT", "CLOSED")
	expectStates(t, tr, trace.B, "LISTEN", "SYN-RECEIVED", "ESTABLISHED", "CLOSE-WAIT", "LAST-ACK", "CLOSED")
	// Line 6: A leaves TIME-WAIT exactly 2 MSL after entering it.
	var entered, left time.Duration
	for _, e := range tr.Events {
		if e.Kind == trace.KState && e.Side == trace.A && e.To == fsm.TimeWait {
			entered = e.T
		}
		if e.Kind == trace.KState && e.Side == trace.A && e.From == fsm.TimeWait {
			left = e.T
		}
	}
	if left-entered != 2*cfg.MSL {
		t.Errorf("TIME-WAIT lasted %v, want 2×MSL = %v", left-entered, 2*cfg.MSL)
	}
}

//		TCP Peer A                                           TCP Peer B
//
//	 1. ESTABLISHED                                          ESTABLISHED
//	 2. (Close)                                              (Close)
//	    FIN-WAIT-1  --> <SEQ=100><ACK=300><CTL=FIN,ACK>  ... FIN-WAIT-1
//	    <-- <SEQ=300><ACK=100><CTL=FIN,ACK>  <--
//	    ... <SEQ=100><ACK=300><CTL=FIN,ACK>  -->
//	 3. CLOSING     --> <SEQ=101><ACK=301><CTL=ACK>      ... CLOSING
//	    <-- <SEQ=301><ACK=101><CTL=ACK>      <--
//	    ... <SEQ=101><ACK=301><CTL=ACK>      -->
//	 4. TIME-WAIT                                            TIME-WAIT
//	    (2 MSL)                                              (2 MSL)
//	    CLOSED                                               CLOSED
//
// Figure 13: Simultaneous Close Sequence
func TestFigure13_SimultaneousClose(t *testing.T) {
	cfg := base(99, 299, 100*us)
	cfg.AtoB.Delay = 150 * us // B's FIN reaches A before A's reaches B, as drawn
	ready := established(cfg)
	cfg.Timeline = append(cfg.Timeline, at(ready+100*us, trace.A, trace.OpClose), at(ready+100*us, trace.B, trace.OpClose))
	tr := Run(cfg)
	lines := rfcLines(tr)
	expectLines(t, tr, append(lines[:3:3],
		"FIN-WAIT-1 --> <SEQ=100><ACK=300><CTL=FIN,ACK> --> CLOSING",
		"CLOSING    <-- <SEQ=300><ACK=100><CTL=FIN,ACK> <-- FIN-WAIT-1",
		"CLOSING    --> <SEQ=101><ACK=301><CTL=ACK>     --> TIME-WAIT",
		"TIME-WAIT  <-- <SEQ=301><ACK=101><CTL=ACK>     <-- CLOSING",
	))
	expectStates(t, tr, trace.A, "SYN-SENT", "ESTABLISHED", "FIN-WAIT-1", "CLOSING", "TIME-WAIT", "CLOSED")
	expectStates(t, tr, trace.B, "LISTEN", "SYN-RECEIVED", "ESTABLISHED", "FIN-WAIT-1", "CLOSING", "TIME-WAIT", "CLOSED")
}
