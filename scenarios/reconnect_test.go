package scenarios

import (
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// reopenRun runs linux-syn-into-time-wait under profile p.
func reopenRun(t *testing.T, p *sim.Profile) *trace.Trace {
	t.Helper()
	sc, err := Lookup("linux-syn-into-time-wait")
	if err != nil {
		t.Fatal(err)
	}
	cfg := *sc.Config
	cfg.Profile = p
	return sim.Run(&cfg)
}

// sentBy lists the segments side sent from the first event at or after from.
func sentBy(tr *trace.Trace, side trace.Side, from time.Duration) []*trace.Event {
	var out []*trace.Event
	for i := range tr.Events {
		e := &tr.Events[i]
		if e.Kind == trace.KSend && e.Side == side && e.T >= from {
			out = append(out, e)
		}
	}
	return out
}

// Linux: B's TIME-WAIT takes the SYN at once, ISN = old SND.NXT + 65537.
func TestReopen_LinuxTakesSYNIntoTimeWait(t *testing.T) {
	tr := reopenRun(t, sim.Linux)
	const reconnect = 1805215 * time.Microsecond
	var oldNxt fsm.Seq
	var reopened bool
	for i := range tr.Events {
		e := &tr.Events[i]
		if e.Side != trace.B || e.Kind != trace.KState {
			continue
		}
		if e.To == fsm.TimeWait {
			oldNxt = e.TCB.SndNxt
		}
		if e.From == fsm.TimeWait && e.To == fsm.SynReceived {
			reopened = e.T >= reconnect && fsm.Table[e.Row].Name() == "time-wait.new-syn"
		}
	}
	if !reopened {
		t.Fatal("B did not go from TIME-WAIT to SYN-RECEIVED by the new-SYN row after the reconnect")
	}
	b := sentBy(tr, trace.B, reconnect)
	if len(b) == 0 || b[0].Seg.Flags != fsm.SYN|fsm.ACK || b[0].Seg.Seq != oldNxt.Add(65537) {
		t.Fatalf("B's first answer %+v, want SYN,ACK with seq = %d (old SND.NXT + 65537)", b[0].Seg, oldNxt.Add(65537))
	}
	if d := b[0].T - reconnect; d > time.Millisecond {
		t.Errorf("B answered %v after the SYN, want at once", d)
	}
}

// rfc9293: the same SYN gets the old connection's ACK, and A's RST ends
// TIME-WAIT (RFC 1337's hazard).
func TestReopen_RFC9293AnswersWithACK(t *testing.T) {
	tr := reopenRun(t, sim.RFC9293)
	const reconnect = 1805215 * time.Microsecond
	b := sentBy(tr, trace.B, reconnect)
	if len(b) == 0 || b[0].Seg.Flags != fsm.ACK || b[0].From != fsm.TimeWait {
		t.Fatalf("B's first answer %+v, want an ACK from TIME-WAIT", b)
	}
	a := sentBy(tr, trace.A, reconnect)
	if len(a) < 2 || a[1].Seg.Flags != fsm.RST || a[1].Seg.Seq != b[0].Seg.Ack {
		t.Fatalf("A's answer %+v, want RST with seq = the ACK's number", a)
	}
	for _, e := range sentBy(tr, trace.B, 0) {
		if e.Seg.Flags == fsm.SYN|fsm.ACK && e.T >= reconnect {
			t.Errorf("B sent a SYN,ACK at %v: rfc9293 does not reopen TIME-WAIT", e.T)
		}
	}
	expectVisits(t, tr, trace.B, fsm.TimeWait, fsm.Closed)
}

// expectVisits checks that side entered states in this order (not
// necessarily one after another).
func expectVisits(t *testing.T, tr *trace.Trace, side trace.Side, states ...fsm.State) {
	t.Helper()
	i := 0
	for _, e := range tr.Events {
		if i < len(states) && e.Kind == trace.KState && e.Side == side && e.To == states[i] {
			i++
		}
	}
	if i < len(states) {
		t.Errorf("%s never entered %v after %v", side, states[i], states[:i])
	}
}
