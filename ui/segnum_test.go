package ui

import (
	"strconv"
	"strings"
	"testing"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/trace"
)

// The inspector numbers a segment as JSON Lines and pcapng comments do: by
// its transmission ID. lost-final-ack's retransmitted FIN is #9 everywhere.
func TestSegmentNumbersAgree(t *testing.T) {
	sc, err := scenarios.Lookup("lost-final-ack")
	if err != nil {
		t.Fatal(err)
	}
	m := newModel(sc, Options{}, modelOptions{dark: true, mono: true})
	retx := -1
	for a := range m.tl.arrows {
		ev := &m.tl.ev[m.tl.arrows[a].send]
		if ev.Kind == trace.KSend && ev.Retx > 0 && ev.Seg.Flags.String() == "FIN,ACK" {
			retx = a
		}
		m.seek(int(m.tl.arrows[a].send), 0)
		in := &inspector{th: m.th, tl: m.tl, cur: m.cur, now: m.now, sel: a}
		want := "Segment #" + strconv.Itoa(int(ev.ID)) + " "
		if out := in.Render(62, 30); !strings.Contains(out, want) {
			t.Fatalf("arrow %d (id %d): inspector says\n%s", a, ev.ID, out)
		}
	}
	if retx < 0 || m.tl.ev[m.tl.arrows[retx].send].ID != 9 {
		t.Fatalf("the retransmitted FIN is not transmission 9")
	}
}

// Every signal has a short form that fits the ladder's 13-column note,
// in every language.
func TestSignalShortFits(t *testing.T) {
	for _, l := range msg.Languages() {
		p := printerFor(l)
		for s := fsm.Signal(1); s < fsm.NumSignals; s++ {
			if s == fsm.SigClosing {
				continue // shown as "reads EOF"
			}
			if w := textWidth(signalShort(s, p)); w > 13 {
				t.Errorf("%s: %v: short form %q is %d columns", l, s, signalShort(s, p), w)
			}
		}
	}
}
