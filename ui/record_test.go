package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/scenarios"
)

// A recording is the lab playing the run to its end, the same every time.
func TestRecordFrames(t *testing.T) {
	sc, err := scenarios.Lookup("handshake")
	if err != nil {
		t.Fatal(err)
	}
	a, err := RecordFrames(sc, 100, 30, 10, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := RecordFrames(sc, 100, 30, 10, time.Second)
	if len(a) != len(b) {
		t.Fatalf("%d frames, then %d", len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("frame %d differs between two recordings", i)
		}
	}
	if len(a) < 5 {
		t.Fatalf("only %d frames", len(a))
	}
	for i := 1; i < len(a); i++ {
		if a[i].At <= a[i-1].At {
			t.Fatalf("frame %d at %s after %s", i, a[i].At, a[i-1].At)
		}
	}
	first, last := a[0].Screen, a[len(a)-2].Screen
	if !strings.Contains(first, "playing") || !strings.Contains(last, "end") {
		t.Errorf("the recording should start playing and end at the end of the run")
	}
	if n := strings.Count(last, "\r\n"); n != 29 {
		t.Errorf("a frame has %d line breaks, want 29 for 30 rows", n)
	}
	if _, err := RecordFrames(sc, 20, 5, 10, 0); err == nil {
		t.Error("a 20×5 recording was accepted")
	}
}
