package replay

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/tcpsim/tcpsim/internal/textwrap"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/trace"
)

// WriteText writes what `tcpsim run` writes for a scenario, the ladder,
// followed by the notes.
func (res *Result) WriteText(w io.Writer) error { return res.WriteTextIn(w, msg.English()) }

// WriteTextIn is WriteText with the ladder's notes in p's language (the
// replay's own notes are English for now).
func (res *Result) WriteTextIn(w io.Writer, p *msg.Printer) error { return res.WriteTextWidth(w, p, 0) }

// WriteTextWidth is WriteTextIn fitted to width terminal cells (0: no
// limit): the ladder as trace.WriteLadderWidth lays it out, and the notes,
// in p's language, wrapped beside or under their frame numbers.
func (res *Result) WriteTextWidth(w io.Writer, p *msg.Printer, width int) error {
	if err := trace.WriteLadderWidth(w, res.Trace, p, width); err != nil {
		return err
	}
	return res.writeNotes(w, p, width)
}

// WriteNotes lists the notes, by capture frame number (as Wireshark
// numbers frames).
func (res *Result) WriteNotes(w io.Writer) error { return res.writeNotes(w, msg.English(), 0) }

func (res *Result) writeNotes(w io.Writer, p *msg.Printer, width int) error {
	if p == nil {
		p = msg.English()
	}
	bw := bufio.NewWriter(w)
	if len(res.Notes) == 0 {
		fmt.Fprintf(bw, "\n%s\n", p.T(msg.ReplayNotesNone, nil))
		return bw.Flush()
	}
	fmt.Fprintf(bw, "\n%s\n", p.T(msg.ReplayNotesHead, nil))
	whereW := 24
	for _, n := range res.Notes {
		whereW = max(whereW, textwrap.Width(noteWhere(&n, p)))
	}
	for _, n := range res.Notes {
		head := "  " + textwrap.Pad(noteWhere(&n, p), whereW) + " " + textwrap.Pad(n.Kind.String(), 10) + " "
		text := p.Say(n.Msg)
		if width == 0 {
			fmt.Fprintf(bw, "%s%s\n", head, text)
			continue
		}
		// The text beside its frame and kind when there is room, else
		// under them.
		at := textwrap.Width(head)
		if width-at < 30 {
			fmt.Fprintln(bw, strings.TrimRight(head, " "))
			head, at = "    ", 4
		}
		for i, l := range textwrap.Wrap(text, width-at) {
			if i > 0 {
				head = strings.Repeat(" ", at)
			}
			fmt.Fprintf(bw, "%s%s\n", head, l)
		}
	}
	return bw.Flush()
}

// noteWhere is the frame and time a note is about, or the whole capture.
func noteWhere(n *Note, p *msg.Printer) string {
	if n.Frame > 0 {
		return p.T(msg.ReplayFrameAt, msg.Args{"Frame": n.Frame, "T": trace.FormatDuration(n.T)})
	}
	return p.T(msg.ReplayWhole, nil)
}

// WriteJSONL writes the trace's events as `tcpsim run --format jsonl`
// does, then one object per note: {"kind":"note", ...}.
func (res *Result) WriteJSONL(w io.Writer) error { return res.WriteJSONLIn(w, msg.English()) }

// WriteJSONLIn is WriteJSONL with the events' notes in p's language.
func (res *Result) WriteJSONLIn(w io.Writer, p *msg.Printer) error {
	if err := trace.WriteJSONLIn(w, res.Trace, p); err != nil {
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
