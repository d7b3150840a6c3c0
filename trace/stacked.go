package trace

import (
	"fmt"
	"strings"

	"github.com/tcpsim/tcpsim/internal/textwrap"
)

// stackedLine writes a ladder line for a terminal too narrow for the
// columns: its number, time and states; the segment with its arrows, "A -->
// B", then the segment itself; then the notes, each on lines of their own.
func (lo ladderLayout) stackedLine(b *strings.Builder, n int, l *ladderLine, sep string) {
	const indent = 4
	head := fmt.Sprintf("%d. %s", n, l.when())
	for _, st := range []struct{ side, state string }{{"A", l.left}, {"B", l.right}} {
		if st.state != "" {
			head += "  " + st.side + "\u00a0" + st.state // a no-break space: "B LAST-ACK" stays whole
		}
	}
	var out []string
	out = append(out, textwrap.Indent(head, lo.width, 0, indent)...)
	if l.arrow[0] != "" {
		out = append(out, strings.Repeat(" ", indent)+"A "+l.arrow[0]+"----"+l.arrow[1]+" B")
		out = append(out, segLines(l.seg, lo.width, indent)...)
	}
	if len(l.notes) > 0 {
		out = append(out, textwrap.Indent(strings.Join(l.notes, sep), lo.width, indent, indent)...)
	}
	for _, r := range out {
		b.WriteString(strings.TrimRight(r, " "))
		b.WriteByte('\n')
	}
}

// segLines breaks a segment in RFC notation between its fields, where
// it reads naturally ("<SEQ=1><ACK=2>" then "<CTL=ACK>"), to fit width.
func segLines(seg string, width, indent int) []string {
	pad := strings.Repeat(" ", indent)
	var out []string
	line := ""
	for _, f := range strings.SplitAfter(seg, ">") {
		if line != "" && textwrap.Width(pad+line+f) > width {
			out = append(out, pad+line)
			line = ""
		}
		line += f
	}
	return append(out, pad+line)
}
