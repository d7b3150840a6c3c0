package trace

import (
	"testing"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
)

// An injected segment says what it is: an old duplicate SYN, a forged RST,
// or otherwise a segment the scenario put on the link.
func TestInjectedSegmentsSayWhatTheyAre(t *testing.T) {
	p := msg.English()
	for f, want := range map[fsm.Flags]string{
		fsm.SYN:           "old duplicate (injected)",
		fsm.SYN | fsm.ACK: "old duplicate (injected)",
		fsm.RST:           "forged RST (injected)",
		fsm.RST | fsm.ACK: "forged RST (injected)",
		fsm.ACK:           "injected by the scenario, not sent by the endpoint",
	} {
		e := &Event{Kind: KSend, Injected: true, Seg: fsm.Segment{Flags: f}}
		if got := p.Say(SendNotes(e)[0]); got != want {
			t.Errorf("%v: %q, want %q", f, got, want)
		}
	}
}
