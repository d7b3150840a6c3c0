package replay

import (
	"testing"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/trace"
)

// Capture r2: the server's TIME-WAIT takes the client's new SYN. The
// replay lets B's state machine reopen by its MAY-2 row, with the ISN the
// capture shows, instead of inventing an early end of TIME-WAIT.
func TestReplay_SYNIntoTimeWaitReopens(t *testing.T) {
	res, err := ReadFile("../sim/testdata/linux/r2_syn_to_server_timewait.pcap", Options{})
	if err != nil {
		t.Fatal(err)
	}
	var reopened bool
	for _, e := range res.Trace.Events {
		if e.Side != trace.B {
			continue
		}
		if e.Kind == trace.KTimer && e.Timer == fsm.TimerTimeWait && e.TimerEv == trace.TimerFired {
			t.Errorf("B's TIME-WAIT timer fires at %v: Linux's TIME-WAIT lasts 60 s", e.T)
		}
		if e.Kind == trace.KState && e.From == fsm.TimeWait {
			reopened = e.To == fsm.SynReceived && fsm.Table[e.Row].Name() == "time-wait.new-syn"
		}
	}
	if !reopened {
		t.Error("B did not leave TIME-WAIT by the new-SYN row")
	}
	if res.Trace.Final[trace.B] != fsm.Closed {
		t.Errorf("B ends in %s, want CLOSED", res.Trace.Final[trace.B])
	}
	for _, n := range res.Notes {
		if n.Kind == Unexpected {
			t.Errorf("unexpected: %s", n.Text)
		}
	}
}
