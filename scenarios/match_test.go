package scenarios

import (
	"strings"
	"testing"
)

func TestLoadFaultLengthAndSeq(t *testing.T) {
	sc, err := Load("t.yaml", []byte("faults:\n  - drop: {from: a, len: [1, 536], seq: 1561}\n  - hold: {from: b, len: 0, for: 1s}\ntimeline:\n  - {at: 0s, b: listen}\n"))
	if err != nil {
		t.Fatal(err)
	}
	d, h := sc.Config.Faults[0], sc.Config.Faults[1]
	if !d.HasLen || d.MinLen != 1 || d.MaxLen != 536 || !d.HasSeq || d.SeqFrom != 1561 || d.SeqTo != 1561 {
		t.Errorf("drop: %+v", d.SegRange)
	}
	if !h.HasLen || h.MinLen != 0 || h.MaxLen != 0 || h.HasSeq {
		t.Errorf("hold: %+v", h.SegRange)
	}
}

func TestFaultRangeErrors(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"faults:\n  - drop: {from: a, len: [5, 1]}\ntimeline:\n  - {at: 0s, b: listen}\n", "t.yaml:2:26: faults[0].drop.len: the range [5, 1] is empty"},
		{"faults:\n  - drop: {from: a, seq: [1, 2, 3]}\ntimeline:\n  - {at: 0s, b: listen}\n", "expected a number (0..4294967295) or a range"},
		{"faults:\n  - hold: {from: a, for: 1s, seq: 4294967296}\ntimeline:\n  - {at: 0s, b: listen}\n", "expected a number (0..4294967295)"},
	} {
		_, err := Load("t.yaml", []byte(c.src))
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "t.yaml:") {
			t.Errorf("%q: got %v, want an error at file:line:column with %q", c.src, err, c.want)
		}
	}
}
