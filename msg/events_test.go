package msg

import (
	"testing"

	"github.com/tcpsim/tcpsim/fsm"
)

// The names of events say in English what fsm says, so a renamed one in
// fsm shows up here; every one given a catalogue entry has a Chinese name.
func TestEventNames(t *testing.T) {
	zh, err := New("zh")
	if err != nil {
		t.Fatal(err)
	}
	for e := fsm.Event(1); e < fsm.NumEvents; e++ {
		if got := English().Event(e); got != e.String() {
			t.Errorf("event %d: %q in the catalogue, %q in fsm", e, got, e.String())
		}
		if _, ok := eventIDs[e]; ok && zh.Event(e) == e.String() {
			t.Errorf("event %q has no Chinese name", e)
		}
	}
}

// Every action has a catalogue entry saying in English what fsm says, and
// a Chinese one that differs.
func TestActionNames(t *testing.T) {
	zh, err := New("zh")
	if err != nil {
		t.Fatal(err)
	}
	for a := fsm.Action(0); a < fsm.NumActions; a++ {
		if got := English().Action(a); got != a.String() {
			t.Errorf("action %d: %q in the catalogue, %q in fsm", a, got, a.String())
		}
		if zh.Action(a) == a.String() {
			t.Errorf("action %q has no Chinese name", a)
		}
	}
}
