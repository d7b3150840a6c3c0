package scenarios

import (
	"strings"
	"testing"

	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// The classic scenarios mark their key moments, and each is found, in
// order, in the scenario's own run, with a note in every language.
func TestBundledHighlightsHappen(t *testing.T) {
	must := map[string]bool{"lost-final-ack": true, "old-duplicate-syn": true, "lost-syn": true, "half-open-discovery": true,
		"simultaneous-open": true, "simultaneous-close": true, "time-wait-new-syn": true}
	for _, sc := range Bundled() {
		if must[sc.Name] && len(sc.Highlight) == 0 {
			t.Errorf("%s marks no key moments", sc.Name)
		}
		tr := sim.Run(sc.Config)
		last := -1
		for i := range sc.Highlight {
			h := &sc.Highlight[i]
			k := h.Find(tr)
			if k < 0 {
				t.Errorf("%s: %s (line %d) is not in the run", sc.Name, h.Path, h.Line)
				continue
			}
			if k < last {
				t.Errorf("%s: %s comes before the moment listed above it", sc.Name, h.Path)
			}
			last = k
			for _, l := range Languages {
				if h.notes[l] == "" {
					t.Errorf("%s: %s has no %s note", sc.Name, h.Path, l)
				}
			}
		}
	}
}

// The lost final ACK's moments are the events the story names.
func TestLostFinalACKMoments(t *testing.T) {
	sc, err := Lookup("lost-final-ack")
	if err != nil {
		t.Fatal(err)
	}
	tr := sim.Run(sc.Config)
	ev := func(i int) *trace.Event { return &tr.Events[sc.Highlight[i].Find(tr)] }
	if e := ev(0); e.Kind != trace.KSend || !e.Lost || e.Side != trace.A {
		t.Errorf("moment 1 is %+v, want A's lost ACK", e)
	}
	if e := ev(1); e.Kind != trace.KSend || e.Side != trace.B || e.Retx == 0 {
		t.Errorf("moment 2 is %+v, want B's retransmitted FIN", e)
	}
	if sc.Highlight[0].NoteIn("zh") == sc.Highlight[0].NoteIn("en") || sc.Highlight[0].NoteIn("fr") != sc.Highlight[0].NoteIn("en") {
		t.Error("NoteIn does not pick the language, or does not fall back to English")
	}
}

func TestHighlightErrors(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{tl + "highlight:\n  - {state: {a: LISTEN}}\n",
			"t.yaml:4:5: highlight[0]: a key moment needs a note: what happens here and why it matters"},
		{tl + "highlight:\n  - {note: x}\n",
			"t.yaml:4:5: highlight[0]: a key moment is either a state: or a segment:, exactly one of them"},
		{tl + "highlight:\n  - {note: x, state: {a: LISTEN}, segment: {from: a}}\n",
			"t.yaml:4:5: highlight[0]: a key moment is either a state: or a segment:, exactly one of them"},
		{tl + "highlight:\n  - {note: x, state: {a: LISTEN, b: LISTEN}}\n",
			"t.yaml:4:22: highlight[0].state: expected one endpoint and its state, such as {a: TIME-WAIT}"},
		{tl + "highlight:\n  - {note: x, state: {a: OPEN}}\n",
			"t.yaml:4:26: highlight[0].state.a: unknown state"},
		{tl + "highlight:\n  - {note: x, segment: {from: c}}\n",
			"t.yaml:4:31: highlight[0].segment.from"},
		{tl + "highlight:\n  - {note: x, nth: 0, state: {a: LISTEN}}\n",
			"t.yaml:4:20: highlight[0].nth: expected 1 or more"},
		{tl + "highlight:\n  - {note: {zh: 只有中文}, state: {a: LISTEN}}\n",
			"highlight[0].note needs an English text (en:)"},
		{tl + "highlight:\n  - {note: x, when: 1s, state: {a: LISTEN}}\n",
			"t.yaml:4:15: highlight[0].when: unknown field; expected state, segment, nth or note"},
	} {
		_, err := Load("t.yaml", []byte(c.src))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q:\n got %v\nwant %s", c.src, err, c.want)
		}
	}
}
