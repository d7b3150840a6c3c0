package capcmp

import (
	"os"
	"strings"
	"testing"
	"time"
)

func TestReadRelativizes(t *testing.T) {
	data, err := os.ReadFile("../../sim/testdata/linux/g_refused.pcap")
	if err != nil {
		t.Fatal(err)
	}
	ps, err := Read(data)
	if err != nil {
		t.Fatal(err)
	}
	got := []string{ps[0].String(), ps[1].String()}
	want := []string{"A->B S   seq=0 ack=- len=0", "B->A RA  seq=0 ack=1 len=0"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestCompareFindsEachKindOfDifference(t *testing.T) {
	syn := Packet{Dir: "A->B", Flags: "S"}
	synack := Packet{Dir: "B->A", Flags: "SA", HasAck: true, Ack: 1, T: 10 * time.Millisecond}
	slow := synack
	slow.T = 12 * time.Millisecond
	rst := Packet{Dir: "B->A", Flags: "RA", HasAck: true, Ack: 1, T: 10 * time.Millisecond}
	for _, c := range []struct {
		name      string
		want, got []Packet
		why       string
	}{
		{"same", []Packet{syn, synack}, []Packet{syn, synack}, ""},
		{"flags", []Packet{syn, synack}, []Packet{syn, rst}, "different segment"},
		{"extra", []Packet{syn}, []Packet{syn, synack}, "the model sent a segment the kernel did not"},
		{"missing", []Packet{syn, synack}, []Packet{syn}, "the kernel sent a segment the model did not"},
		{"gap", []Packet{syn, synack}, []Packet{syn, slow}, "gap 12ms, kernel 10ms (more than 10% apart)"},
	} {
		res := Compare(c.want, c.got)
		var why string
		if len(res.Diffs) > 0 {
			why = res.Diffs[0].Why
		}
		if why != c.why || res.Agree() != (c.why == "") {
			t.Errorf("%s: got %q, want %q", c.name, why, c.why)
		}
	}
}

// Two segments crossing on the wire less than MinGap apart may be seen in
// either order at a tap; anything else out of order is a difference.
func TestCrossingSegmentsMayRace(t *testing.T) {
	fin := Packet{Dir: "B->A", Flags: "FA", Seq: 10, HasAck: true, Ack: 5, T: 100 * time.Millisecond}
	ack := Packet{Dir: "A->B", Flags: "A", Seq: 5, HasAck: true, Ack: 10, T: 100*time.Millisecond + 20*time.Microsecond}
	ack2 := Packet{Dir: "A->B", Flags: "A", Seq: 5, HasAck: true, Ack: 11, T: 101 * time.Millisecond}
	raced := func(a, b Packet) []Packet {
		a.T, b.T = b.T, a.T
		return []Packet{b, a, ack2}
	}
	if res := Compare([]Packet{fin, ack, ack2}, raced(fin, ack)); !res.Agree() || res.Crossed != 1 {
		t.Errorf("crossing pair: %v, crossed %d", res.Diffs, res.Crossed)
	}
	// The same pair 5 ms apart is not a race.
	late := ack
	late.T = fin.T + 5*time.Millisecond
	if res := Compare([]Packet{fin, late, ack2}, []Packet{late, fin, ack2}); res.Agree() {
		t.Error("segments 5 ms apart swapped without a difference")
	}
	// Nor are two segments in the same direction.
	fin2 := fin
	fin2.Seq = 11
	fin2.T = fin.T + 10*time.Microsecond
	if res := Compare([]Packet{fin, fin2, ack2}, []Packet{fin2, fin, ack2}); res.Agree() {
		t.Error("same-direction segments swapped without a difference")
	}
}

func TestPlusAddsToEveryGap(t *testing.T) {
	if Plus(nil, 0) != nil {
		t.Error("nothing plus nothing is not nil")
	}
	if got := Plus(nil, 4*time.Millisecond)(time.Second); got != 4*time.Millisecond {
		t.Errorf("Plus(nil, 4ms) = %v", got)
	}
	double := func(g time.Duration) time.Duration { return 2 * g }
	if got := Plus(double, time.Millisecond)(10 * time.Millisecond); got != 21*time.Millisecond {
		t.Errorf("Plus(2g, 1ms)(10ms) = %v, want 21ms", got)
	}
}
