package capcmp

import "strings"

// Pair is one row of a comparison: the index of the kernel's packet and of
// the model's packet lined up against it, -1 where a side has none.
type Pair struct{ Want, Got int }

// Align returns the rows Compare lines up: packet i of the kernel against
// packet i of the model, except that a crossing pair the model has in the
// other order is taken in the kernel's (uncross). A view that shows the
// two captures row by row uses it, so it never aligns them differently.
func Align(want, got []Packet) []Pair {
	out := uncross(want, got, &Result{})
	rows := make([]Pair, max(len(want), len(got)))
	for i := range rows {
		rows[i] = Pair{Want: -1, Got: -1}
		if i < len(want) {
			rows[i].Want = i
		}
		if i >= len(got) {
			continue
		}
		rows[i].Got = i
		if out[i] != got[i] { // swapped with a neighbour
			if i+1 < len(got) && out[i] == got[i+1] {
				rows[i].Got = i + 1
			} else {
				rows[i].Got = i - 1
			}
		}
	}
	return rows
}

// Kind is what sort of difference a Diff is.
type Kind uint8

const (
	Missing Kind = iota // the kernel sent a segment the model did not
	Extra               // the model sent a segment the kernel did not
	Segment             // both sent one, with different flags, numbers or length
	Gap                 // the same segment, after a gap outside the tolerance
)

// Kind tells a difference's sort from what it holds.
func (d Diff) Kind() Kind {
	switch {
	case d.Got == "":
		return Missing
	case d.Want == "":
		return Extra
	case d.Want != d.Got || !strings.HasPrefix(d.Why, "gap"):
		return Segment
	}
	return Gap
}

// Fields names what differs between two packets of a row: "dir", "flags",
// "seq", "ack" and "len", in that order.
func Fields(want, got Packet) []string {
	var out []string
	if want.Dir != got.Dir {
		out = append(out, "dir")
	}
	if want.Flags != got.Flags {
		out = append(out, "flags")
	}
	if want.Seq != got.Seq {
		out = append(out, "seq")
	}
	if want.HasAck != got.HasAck || want.Ack != got.Ack {
		out = append(out, "ack")
	}
	if want.Len != got.Len {
		out = append(out, "len")
	}
	return out
}
