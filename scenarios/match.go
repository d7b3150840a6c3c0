package scenarios

import (
	"math"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/sim"
)

// SegRangeYAML narrows a drop or hold by payload length and SEG.SEQ: a
// number, or [low, high] with both ends included (docs/scenarios.md).
type SegRangeYAML struct {
	Len any `yaml:"len"`
	Seq any `yaml:"seq"`
}

// segRange reads len: and seq: into f.
func (d *doc) segRange(r *SegRangeYAML, p string, f *sim.Fault) *Error {
	if r.Len != nil {
		lo, hi, e := d.numRange(r.Len, p+".len")
		if e != nil {
			return e
		}
		f.HasLen, f.MinLen, f.MaxLen = true, lo, hi
	}
	if r.Seq != nil {
		lo, hi, e := d.numRange(r.Seq, p+".seq")
		if e != nil {
			return e
		}
		f.HasSeq, f.SeqFrom, f.SeqTo = true, fsm.Seq(lo), fsm.Seq(hi)
	}
	return nil
}

// numRange reads N or [low, high] of 32-bit numbers, low <= high.
func (d *doc) numRange(v any, p string) (uint32, uint32, *Error) {
	bad := d.errAt(p, "expected a number (0..4294967295) or a range [low, high] of numbers")
	num := func(x any) (uint32, bool) {
		n, ok := x.(uint64)
		return uint32(n), ok && n <= math.MaxUint32
	}
	if n, ok := num(v); ok {
		return n, n, nil
	}
	l, ok := v.([]any)
	if !ok || len(l) != 2 {
		return 0, 0, bad
	}
	lo, ok1 := num(l[0])
	hi, ok2 := num(l[1])
	if !ok1 || !ok2 {
		return 0, 0, bad
	}
	if lo > hi {
		return 0, 0, d.errAt(p, "the range [%d, %d] is empty: write the low end first", lo, hi)
	}
	return lo, hi, nil
}
