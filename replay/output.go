package replay

import (
	"bufio"
	"fmt"
	"io"
	"strconv"

	"github.com/tcpsim/tcpsim/trace"
)

// WriteText writes what `tcpsim run` writes for a scenario, the ladder,
// followed by the notes.
func (res *Result) WriteText(w io.Writer) error {
	if err := trace.WriteLadder(w, res.Trace, nil); err != nil {
		return err
	}
	return res.WriteNotes(w)
}

// WriteNotes lists the notes, by capture frame number (as Wireshark
// numbers frames).
func (res *Result) WriteNotes(w io.Writer) error {
	bw := bufio.NewWriter(w)
	if len(res.Notes) == 0 {
		fmt.Fprintln(bw, "\nnotes: none")
		return bw.Flush()
	}
	fmt.Fprintln(bw, "\nnotes (frame numbers as Wireshark counts them):")
	for _, n := range res.Notes {
		where := "whole capture"
		if n.Frame > 0 {
			where = fmt.Sprintf("frame %d, %s", n.Frame, trace.FormatDuration(n.T))
		}
		fmt.Fprintf(bw, "  %-24s %-10s %s\n", where, n.Kind, n.Text)
	}
	return bw.Flush()
}

// WriteJSONL writes the trace's events as `tcpsim run --format jsonl`
// does, then one object per note: {"kind":"note", ...}.
func (res *Result) WriteJSONL(w io.Writer) error {
	if err := trace.WriteJSONL(w, res.Trace); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	var b []byte
	for _, n := range res.Notes {
		b = AppendNoteJSON(b[:0], &n)
		b = append(b, '\n')
		if _, err := bw.Write(b); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// AppendNoteJSON appends a note as a JSON object with keys in a fixed order.
func AppendNoteJSON(b []byte, n *Note) []byte {
	b = append(b, `{"t_us":`...)
	b = strconv.AppendInt(b, n.T.Microseconds(), 10)
	b = append(b, `,"kind":"note","note":`...)
	b = strconv.AppendQuote(b, n.Kind.String())
	if n.Frame > 0 {
		b = append(b, `,"frame":`...)
		b = strconv.AppendInt(b, int64(n.Frame), 10)
	}
	if n.ID >= 0 {
		b = append(b, `,"id":`...)
		b = strconv.AppendInt(b, int64(n.ID), 10)
	}
	b = append(b, `,"text":`...)
	b = strconv.AppendQuote(b, n.Text)
	return append(b, '}')
}
