package sim

import "github.com/tcpsim/tcpsim/fsm"

// SegRange narrows which segments a drop or hold matches beyond flags and
// state, as an engineer says it: "the 536-byte segment", "the data from
// seq 1561 to 3000" (issue 14).
type SegRange struct {
	HasLen         bool
	MinLen, MaxLen uint32 // payload length, both ends included
	HasSeq         bool
	SeqFrom, SeqTo fsm.Seq // SEG.SEQ, both ends included (modulo 2^32)
}

// rangeMatches reports whether seg falls in r.
func (r *SegRange) rangeMatches(seg *fsm.Segment) bool {
	if r.HasLen && (seg.Len < r.MinLen || seg.Len > r.MaxLen) {
		return false
	}
	if r.HasSeq && (seg.Seq.LessThan(r.SeqFrom) || r.SeqTo.LessThan(seg.Seq)) {
		return false
	}
	return true
}
