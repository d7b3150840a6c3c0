package ui

import (
	"strings"
	"testing"
)

// A served lab's run budget: a scenario without limits stops at the
// server's MaxEvents (and says so); one with its own limits keeps them.
func TestSessionRunBudget(t *testing.T) {
	sc := scenarioOf("normal-close", normalClose())
	full := NewSession(sc, SessionOptions{})
	n := len(full.m.tl.ev)
	if n <= 12 {
		t.Fatalf("normal-close has %d events; the test needs more than 12", n)
	}
	s := NewSession(sc, SessionOptions{MaxEvents: 12})
	first := len(s.m.tl.ev)
	if got := first; got >= n || !strings.Contains(s.m.msg, "stopped after 12 events") {
		t.Fatalf("budget 12: %d events, %q", got, s.m.msg)
	}
	spress(s, "space", "end", "up", "x") // a fork is bounded too
	if got := len(s.m.tl.ev); len(s.m.undo) != 1 || got > first {
		t.Fatalf("a fork (%d) made %d events under a budget of 12: %q", len(s.m.undo), got, s.m.msg)
	}

	own := scenarioOf("normal-close", normalClose())
	own.Config.Limits.Events = 1000
	if s := NewSession(own, SessionOptions{MaxEvents: 12}); len(s.m.tl.ev) != n {
		t.Fatalf("a scenario's own limit: %d events, want %d", len(s.m.tl.ev), n)
	}
}
