package capcmp

import (
	"slices"
	"testing"
	"time"
)

// Align lines up what Compare compares: a crossing pair in the kernel's
// order, and rows where only one side has a packet.
func TestAlign(t *testing.T) {
	fin := Packet{Dir: "B->A", Flags: "FA", HasAck: true, Ack: 6, Seq: 1, T: 10 * time.Millisecond}
	ack := Packet{Dir: "A->B", Flags: "A", HasAck: true, Ack: 1, Seq: 6, T: 10*time.Millisecond + 20*time.Microsecond}
	syn := Packet{Dir: "A->B", Flags: "S"}
	want := []Packet{syn, fin, ack}
	got := []Packet{syn, ack, fin, syn}
	got[1].T, got[2].T = fin.T, fin.T
	rows := Align(want, got)
	if w := []Pair{{0, 0}, {1, 2}, {2, 1}, {-1, 3}}; !slices.Equal(rows, w) {
		t.Fatalf("rows %v, want %v", rows, w)
	}
	res := Compare(want, got)
	if res.Crossed != 1 || len(res.Diffs) != 1 || res.Diffs[0].Index != 3 || res.Diffs[0].Kind() != Extra {
		t.Fatalf("compare: %+v", res)
	}
}

func TestDiffKindAndFields(t *testing.T) {
	syn := Packet{Dir: "A->B", Flags: "S"}
	synack := Packet{Dir: "B->A", Flags: "SA", HasAck: true, Ack: 1, T: 10 * time.Millisecond}
	rst := Packet{Dir: "B->A", Flags: "RA", HasAck: true, Ack: 1, T: 10 * time.Millisecond}
	slow := synack
	slow.T = 20 * time.Millisecond
	for _, c := range []struct {
		want, got []Packet
		kind      Kind
	}{
		{[]Packet{syn, synack}, []Packet{syn}, Missing},
		{[]Packet{syn}, []Packet{syn, synack}, Extra},
		{[]Packet{syn, synack}, []Packet{syn, rst}, Segment},
		{[]Packet{syn, synack}, []Packet{syn, slow}, Gap},
	} {
		res := Compare(c.want, c.got)
		if len(res.Diffs) != 1 || res.Diffs[0].Kind() != c.kind {
			t.Errorf("%v against %v: %v, want kind %d", c.want, c.got, res.Diffs, c.kind)
		}
	}
	longer := rst
	longer.Len, longer.Seq = 5, 1
	if f := Fields(synack, longer); !slices.Equal(f, []string{"flags", "seq", "len"}) {
		t.Fatalf("fields %v", f)
	}
}
