package trace_test

import (
	"strings"
	"testing"

	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// JSON Lines names a later record (conn) and a segment's own ports only
// where they are not the defaults, so a run with one connection per side
// writes what it always wrote.
func TestJSONLConnAndPorts(t *testing.T) {
	ev := trace.Event{Kind: trace.KSend, Side: trace.A}
	if b := string(trace.AppendJSON(nil, &ev)); strings.Contains(b, "conn") || strings.Contains(b, "ports") {
		t.Errorf("record 0 on the endpoints' ports: %s", b)
	}
	ev.Conn, ev.Ports = 1, [2]uint16{49153, 80}
	b := string(trace.AppendJSON(nil, &ev))
	if !strings.Contains(b, `"ep":"a","conn":1,`) || !strings.Contains(b, `"ports":[49153,80]`) {
		t.Errorf("record 1 on its own ports: %s", b)
	}
}

// A side with several records names each by port in the ladder's notes;
// the other side, with one, stays "A" or "B".
func TestLadderNamesConnections(t *testing.T) {
	sc, err := scenarios.Lookup("reconnect-new-port")
	if err != nil {
		t.Fatal(err)
	}
	tr := sim.Run(sc.Config)
	cs := trace.ConnsOf(tr)
	p := msg.English()
	if got := cs.Name(trace.A, 1, p); got != "A:49153" {
		t.Errorf("A's second record is %q", got)
	}
	if got := cs.Name(trace.B, 1, p); got != "B:80↔49153" {
		t.Errorf("B's second record is %q", got)
	}
	var b strings.Builder
	if err := trace.WriteLadder(&b, tr, p); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "A:49152: TIME-WAIT timer expires") {
		t.Errorf("the old connection's 2MSL expiry is not named:\n%s", b.String())
	}
}
