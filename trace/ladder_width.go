package trace

import (
	"fmt"
	"io"
	"strings"

	"github.com/tcpsim/tcpsim/internal/textwrap"
	"github.com/tcpsim/tcpsim/msg"
)

// minNotes is the narrowest column notes get beside a line; narrower,
// they go on lines of their own under it.
const minNotes = 24

// ladderLayout is the text ladder's columns, in cells.
type ladderLayout struct {
	num, when, state int
	seg              int // room for the segment between the arrow heads
	width            int // 0: no limit
	notesAt          int // column of the notes beside a line; 0: under it
	// stacked: too narrow even for the states and arrow heads side by
	// side; each line becomes a short block (stacked.go).
	stacked bool
}

// rowWidth is the width of a line up to the end of B's state column.
func (lo ladderLayout) rowWidth() int {
	return lo.num + 1 + lo.when + 2 + lo.state + 1 + lo.midWidth() + 1 + lo.state
}

func (lo ladderLayout) midWidth() int { return 3 + 1 + lo.seg + 1 + 3 }
func (lo ladderLayout) midAt() int    { return lo.num + 1 + lo.when + 2 + lo.state + 1 }

// legacyLayout is the unlimited ladder's fixed columns.
var legacyLayout = ladderLayout{num: 5, when: 15, state: 12, seg: 42}

// WriteLadderWidth is WriteLadder fitted to width terminal cells: columns
// as wide as their contents; a segment that does not fit between its
// arrow heads is written under them; notes wrap in a column beside the
// line, or under it when the terminal is narrow. No line is cut, and
// none is wider than width as long as width leaves room for the states
// and arrow heads (about 56 cells); narrower, each line becomes a block of
// short lines. width 0 is WriteLadder's layout.
func WriteLadderWidth(w io.Writer, tr *Trace, p *msg.Printer, width int) error {
	if p == nil {
		p = msg.English()
	}
	lines := ladderLines(tr, p)
	lo := legacyLayout
	if width > 0 {
		lo = fitLayout(lines, width)
	}
	var b strings.Builder
	lo.header(&b, tr)
	sep := p.T(msg.NoteSep, nil)
	for i := range lines {
		lo.line(&b, i+1, &lines[i], sep)
	}
	b.WriteByte('\n')
	final := p.T(msg.LadderFinal, msg.Args{"A": tr.Final[A].String(), "B": tr.Final[B].String(), "T": FormatDuration(tr.End)})
	if width > 0 {
		final = strings.Join(textwrap.Wrap(final, width), "\n")
	}
	b.WriteString(final)
	b.WriteByte('\n')
	_, err := io.WriteString(w, b.String())
	return err
}

// fitLayout sizes the columns for the lines and a terminal width.
func fitLayout(lines []ladderLine, width int) ladderLayout {
	lo := ladderLayout{num: len(fmt.Sprint(len(lines))) + 1, state: 11, width: width}
	segMax := 0
	for i := range lines {
		l := &lines[i]
		lo.when = max(lo.when, textwrap.Width(l.when()))
		lo.state = max(lo.state, textwrap.Width(l.left), textwrap.Width(l.right))
		segMax = max(segMax, textwrap.Width(l.seg))
	}
	lo.seg = segMax
	if over := lo.rowWidth() - width; over > 0 {
		lo.seg = max(0, segMax-over)
	}
	if at := lo.rowWidth() + 2; width-at >= minNotes {
		lo.notesAt = at
	}
	lo.stacked = lo.rowWidth() > width
	return lo
}

func (lo ladderLayout) header(b *strings.Builder, tr *Trace) {
	a, bb := "A "+tr.Ends[A].String(), "B "+tr.Ends[B].String()
	if lo.stacked {
		b.WriteString(a + "\n" + bb + "\n")
		return
	}
	if lo.width == 0 {
		fmt.Fprintf(b, "      %15s  %-12s %-50s %s\n", "", a, "", bb)
		return
	}
	left := strings.Repeat(" ", lo.num+1+lo.when+2) + a
	at := lo.rowWidth() - lo.state
	if textwrap.Width(left)+1 > at || at+textwrap.Width(bb) > lo.width {
		at = max(textwrap.Width(left)+2, lo.width-textwrap.Width(bb))
	}
	b.WriteString(strings.TrimRight(textwrap.Pad(left, at)+bb, " "))
	b.WriteByte('\n')
}

// mid is the arrows and the segment, or the arrows joined by dashes when
// the segment does not fit between them (it then goes under them).
func (lo ladderLayout) mid(l *ladderLine) (string, bool) {
	if l.arrow[0] == "" {
		return strings.Repeat(" ", lo.midWidth()), true
	}
	if lo.width == 0 || textwrap.Width(l.seg) <= lo.seg {
		return l.arrow[0] + " " + textwrap.Pad(l.seg, lo.seg) + " " + l.arrow[1], true
	}
	return l.arrow[0] + strings.Repeat("-", lo.seg+2) + l.arrow[1], false
}

func (lo ladderLayout) line(b *strings.Builder, n int, l *ladderLine, sep string) {
	if lo.stacked {
		lo.stackedLine(b, n, l, sep)
		return
	}
	mid, segFits := lo.mid(l)
	notes := strings.Join(l.notes, sep)
	if lo.width > 0 && l.arrow[0] == "" && notes != "" && textwrap.Width(notes) <= lo.midWidth()-1 {
		// A line with no segment has room for its notes between the states.
		mid, notes = " "+textwrap.Pad(notes, lo.midWidth()-1), ""
	}
	num := fmt.Sprintf("%d.", n)
	var row string
	if lo.width == 0 {
		row = fmt.Sprintf("%-5s %15s  %-12s %-50s %-12s", num, l.when(), l.left, mid, l.right)
	} else {
		row = textwrap.Pad(num, lo.num) + " " + strings.Repeat(" ", lo.when-textwrap.Width(l.when())) + l.when() + "  " +
			textwrap.Pad(l.left, lo.state) + " " + mid + " " + textwrap.Pad(l.right, lo.state)
	}
	var more []string
	switch {
	case notes == "":
	case lo.width == 0:
		row += "  " + notes
	case lo.notesAt > 0:
		wrapped := textwrap.Wrap(notes, lo.width-lo.notesAt)
		row = textwrap.Pad(row, lo.notesAt) + wrapped[0]
		for _, w := range wrapped[1:] {
			more = append(more, strings.Repeat(" ", lo.notesAt)+w)
		}
	default:
		more = textwrap.Indent(notes, lo.width, lo.num+1, lo.num+1)
	}
	if !segFits {
		at := max(0, min(lo.midAt()+4, lo.width-textwrap.Width(l.seg)))
		more = append([]string{strings.Repeat(" ", at) + l.seg}, more...)
	}
	for _, r := range append([]string{row}, more...) {
		b.WriteString(strings.TrimRight(r, " "))
		b.WriteByte('\n')
	}
}
