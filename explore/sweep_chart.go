package explore

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tcpsim/tcpsim/internal/textwrap"
	"github.com/tcpsim/tcpsim/msg"
)

// chartWidth is the columns of a share bar: each is 2% of the runs.
const chartWidth = 50

// chartMarks label the classes, most frequent over the sweep first.
const chartMarks = "123456789abcdefghijklmnopqrstuvwxyz"

// writeChart draws the outcome share against loss: one bar per grid
// point, one mark per class, and the legend. Plain text, no colour, so
// that the report stays the same bytes in a pipe or a file. (A charting
// library for Bubble Tea draws into a styled canvas for a live view; a
// stacked bar of fifty characters needs none, nor a new dependency.)
func (r *SweepReport) writeChart(b *strings.Builder, p *msg.Printer) {
	classes := r.chartClasses()
	if len(classes) == 0 {
		return
	}
	axis := p.T(msg.SweepAxis, nil)
	pw := max(8, textwrap.Width(axis)+2) // the labels' column
	for i := range r.Points {
		pw = max(pw, textwrap.Width(r.label(&r.Points[i], p))+2)
	}
	b.WriteString("\n" + p.T(msg.SweepChart, msg.Args{"Pct": 100 / chartWidth}) + "\n")
	b.WriteString(chartAxis(pw, axis))
	for _, pt := range r.Points {
		if pt.Runs == 0 {
			continue
		}
		counts := make([]int, len(classes))
		for _, cl := range pt.Classes {
			counts[slices.Index(classes, cl.Outcome)] = cl.Runs
		}
		b.WriteString(padRight(r.label(&pt, p), pw) + "|")
		for i, n := range shares(counts, pt.Runs, chartWidth) {
			b.WriteString(strings.Repeat(string(mark(i)), n))
		}
		b.WriteString("|\n")
	}
	for i, o := range classes {
		fmt.Fprintf(b, "  %c  %s\n", mark(i), o.Text(p))
	}
}

// chartAxis labels 0, 25, 50, 75 and 100% at the bar's cell boundaries
// (the bars start after the labels' column and a "|", at column pw+1).
// The word, maybe Chinese, fits in the labels' column, before them all.
func chartAxis(pw int, word string) string {
	line := []byte(strings.Repeat(" ", pw+1+chartWidth+2))
	for _, f := range []int{0, 25, 50, 75, 100} {
		label := fmt.Sprintf("%d%%", f)
		at := max(pw, min(pw+1+f*chartWidth/100-len(label)/2, len(line)-len(label)))
		copy(line[at:], label)
	}
	return strings.TrimRight(padRight(word, pw)+string(line[pw:]), " ") + "\n"
}

func mark(i int) byte {
	if i < len(chartMarks) {
		return chartMarks[i]
	}
	return '?'
}

// chartClasses orders the classes by runs over the whole sweep, ties by
// where they first appear (points in order, classes in report order).
func (r *SweepReport) chartClasses() []Outcome {
	var order []Outcome
	total := map[Outcome]int{}
	for _, p := range r.Points {
		for _, cl := range p.Classes {
			if _, ok := total[cl.Outcome]; !ok {
				order = append(order, cl.Outcome)
			}
			total[cl.Outcome] += cl.Runs
		}
	}
	slices.SortStableFunc(order, func(a, b Outcome) int { return total[b] - total[a] })
	return order
}

// shares splits width columns among counts (summing to runs) by largest
// remainder, ties to the earlier class: every bar is exactly width long.
func shares(counts []int, runs, width int) []int {
	out := make([]int, len(counts))
	rem := make([]int, len(counts))
	left := width
	for i, n := range counts {
		out[i] = n * width / runs
		rem[i] = n * width % runs
		left -= out[i]
	}
	for ; left > 0; left-- {
		best := 0
		for i := range rem {
			if rem[i] > rem[best] {
				best = i
			}
		}
		out[best]++
		rem[best] = -1
	}
	return out
}
