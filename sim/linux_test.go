package sim

import (
	"github.com/tcpsim/tcpsim/trace"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
)

func linuxConn(data string, closeAt, closeAfter time.Duration) *Config {
	cfg := connection(data, closeAt, closeAfter)
	cfg.Profile = Linux
	cfg.AtoB.Delay, cfg.BtoA.Delay = 16*us, 16*us
	return cfg
}

func TestLinux_LostSYN_LinearThenDoubling(t *testing.T) {
	cfg := linuxConn("hi", time.Minute, 0)
	cfg.AtoB.Loss = 1
	tr := Run(cfg)
	syns := sends(tr, trace.A, fsm.SYN)
	var gaps []string
	for i := 1; i < len(syns); i++ {
		gaps = append(gaps, (syns[i].T - syns[i-1].T).String())
	}
	// tcp_syn_linear_timeouts = 4: five resends 1 s apart, then 2 s; tcp_syn_retries = 6.
	if got, want := strings.Join(gaps, " "), "1s 1s 1s 1s 1s 2s"; got != want {
		t.Errorf("SYN gaps %s, want %s", got, want)
	}
	if got := tr.Errors[trace.A]; len(got) != 1 || got[0] != fsm.SigTimedOut {
		t.Errorf("A was told %v, want timed out", got)
	}
}

func TestLinux_Abort_RSTACKAtSndNxt(t *testing.T) {
	cfg := linuxConn("hello", time.Hour, 0)
	cfg.Timeline = append(cfg.Timeline, at(time.Second, trace.A, trace.OpAbort))
	tr := Run(cfg)
	rsts := sends(tr, trace.A, fsm.RST|fsm.ACK)
	if len(rsts) != 1 || rsts[0].Seg.Seq != 106 || rsts[0].Seg.Ack != 301 {
		t.Fatalf("want one RST,ACK seq=SND.NXT=106 ack=RCV.NXT=301, got %+v", rsts)
	}
}

func TestLinux_LostFinalACK_FINResentAfterMinRTO(t *testing.T) {
	cfg := linuxConn("hi", time.Second, 0)
	cfg.Faults = []Fault{{Kind: FaultDrop, From: trace.A, Flags: fsm.ACK, State: fsm.TimeWait, HasState: true, Nth: 1}}
	tr := Run(cfg)
	fins := sends(tr, trace.B, fsm.FIN|fsm.ACK)
	if len(fins) != 2 {
		t.Fatalf("B sent %d FINs, want 2", len(fins))
	}
	// The RTT is 32 µs: the RTO is SRTT plus the variance term at Linux's
	// 200 ms floor (tcp_rto_min), so 200.032 ms (rto.go).
	if d := fins[1].T - fins[0].T; d != 200*time.Millisecond+32*time.Microsecond {
		t.Errorf("FIN resent after %v, want 200.032ms", d)
	}
	// TIME-WAIT is 60 s, restarted by the re-ACK.
	var reack, closed time.Duration
	for _, e := range tr.Events {
		if e.Kind == trace.KSend && e.Side == trace.A && e.From == fsm.TimeWait && !e.Lost {
			reack = e.T
		}
		if e.Kind == trace.KState && e.Side == trace.A && e.From == fsm.TimeWait {
			closed = e.T
		}
	}
	if closed-reack != 60*time.Second {
		t.Errorf("A left TIME-WAIT %v after the re-ACK, want 60s", closed-reack)
	}
}

func TestLinux_ThreeSegmentClose(t *testing.T) {
	cfg := linuxConn("hi", time.Second, 200*us)
	tr := Run(cfg)
	var closing []string
	for _, e := range tr.Events {
		if e.Kind == trace.KSend && e.T >= time.Second {
			closing = append(closing, e.Side.Upper()+":"+e.Seg.Flags.String())
		}
	}
	if got := strings.Join(closing, " "); got != "A:FIN,ACK B:FIN,ACK A:ACK" {
		t.Errorf("close went %s, want the FIN to carry the ACK", got)
	}
}

func TestLinux_SimultaneousOpenAndClose(t *testing.T) {
	cfg := base(100, 300, 50*us)
	cfg.Profile = Linux
	cfg.Timeline = []Action{at(0, trace.A, trace.OpConnect), at(0, trace.B, trace.OpConnect), at(time.Second, trace.A, trace.OpClose), at(time.Second, trace.B, trace.OpClose)}
	tr := Run(cfg)
	expectStates(t, tr, trace.A, "SYN-SENT", "SYN-RECEIVED", "ESTABLISHED", "FIN-WAIT-1", "CLOSING", "TIME-WAIT", "CLOSED")
	expectStates(t, tr, trace.B, "SYN-SENT", "SYN-RECEIVED", "ESTABLISHED", "FIN-WAIT-1", "CLOSING", "TIME-WAIT", "CLOSED")
}

func TestLinux_DataOverLossyLink(t *testing.T) {
	cfg := linuxConn(strings.Repeat("z", 20000), 10*time.Second, 0)
	cfg.AtoB.Loss, cfg.BtoA.Loss, cfg.Seed = 0.1, 0.1, 6
	tr := Run(cfg)
	if got := received(tr, trace.B); got != 20000 {
		t.Fatalf("B read %d bytes, want 20000", got)
	}
	var retx int
	for _, e := range tr.Events {
		if e.Kind == trace.KSend && e.Reason == fsm.ReasonRetransmit {
			retx++
			if e.Seg.Len > 1448 {
				t.Errorf("segment of %d bytes: timestamps should leave 1448", e.Seg.Len)
			}
		}
	}
	if retx == 0 {
		t.Error("no retransmissions over a 10% loss link")
	}
	if tr.Final != [2]fsm.State{fsm.Closed, fsm.Closed} {
		t.Errorf("final %v", tr.Final)
	}
}

// Linux's ACK timeout is 0 until data arrives, so on a connection that has
// received nothing the delayed ACK of a FIN goes at the next jiffy (4 ms);
// after data it waits TCP_DELACK_MIN, 40 ms (r2's 41.6 ms).
func TestLinux_FINACKBeforeAnyData(t *testing.T) {
	for _, c := range []struct {
		data string
		want time.Duration
	}{{"hi", 40 * time.Millisecond}, {"", 4 * time.Millisecond}} {
		cfg := linuxConn(c.data, time.Second, 200*time.Millisecond)
		if c.data == "" {
			cfg.Timeline = slices.DeleteFunc(cfg.Timeline, func(a Action) bool { return a.Op == trace.OpSend })
		}
		tr := Run(cfg)
		fin := sends(tr, trace.A, fsm.FIN|fsm.ACK)
		acks := sends(tr, trace.B, fsm.ACK)
		if len(fin) != 1 || len(acks) == 0 {
			t.Fatalf("data %q: %d FINs from A, %d ACKs from B", c.data, len(fin), len(acks))
		}
		ack := acks[len(acks)-1]
		if got := ack.T - fin[0].T - 16*us; got != c.want || ack.Seg.Ack != fin[0].Seg.Seq+1 {
			t.Errorf("data %q: B ACKed the FIN (ack=%d) %v after it arrived, want %v", c.data, ack.Seg.Ack, got, c.want)
		}
	}
}
