package diagram

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/mattn/go-runewidth"
	"github.com/tcpsim/tcpsim/msg"
)

// Options control the pictures.
type Options struct {
	Theme Theme
	Raw   bool    // absolute sequence numbers instead of relative ones
	Font  string  // PNG: fallback font file for glyphs the Go fonts lack ("" reads $TCPSIM_FONT)
	Scale float64 // PNG: pixels per SVG unit (0: 2, less for very tall pictures)
	// Lang words the state diagram's legend (nil: English); the ladder's
	// words come with its Run (FromTraceIn).
	Lang *msg.Printer
}

// Sizes in SVG units (CSS pixels).
const (
	margin   = 16.0
	fontSize = 12.0
	noteSize = 10.5
	lineH    = 18.0 // one line of side text
	laneW    = 7.0  // one timer lane
	nLanes   = 4
	hop      = 72.0 // height of a typical one-way delay
	breakGap = 40.0
	stagger  = 14.0 // arrows leaving one side at one instant
)

// sideItem is a line of text beside a lifeline.
type sideItem struct {
	idx  int
	side Side
	t    time.Duration
	text string
	kind int // 0 call, 1 state, 2 timer, 3 error
	span int // timer: index into drawn spans
}

// ladder is the laid-out picture.
type ladder struct {
	r      *Run
	o      Options
	th     Theme
	d      drawing
	times  []time.Duration
	ys     []float64
	breaks []int // indexes into times after which the axis is cut
	items  []sideItem
	spans  []Span
	x      [2]float64 // lifelines
	sideW  [2]float64
	top    float64
	hopH   float64 // height of a typical delay (see hop)
	end    float64 // lowest point anything is drawn at
}

// Ladder lays out the run as a ladder diagram.
func Ladder(r *Run, o Options) *drawing {
	l := &ladder{r: r, o: o, th: o.Theme}
	if l.th.Name == "" {
		l.th = Light
	}
	l.d.bg = l.th.Bg
	l.collect()
	l.columns()
	l.header()
	l.timeAxis()
	l.lifelines()
	l.timerBrackets()
	l.arrows()
	l.sideText()
	l.d.title = r.Title
	return &l.d
}

func (l *ladder) collect() {
	for _, c := range l.r.Calls {
		k := 0
		if c.Error || strings.HasPrefix(c.Text, "connection") || strings.HasPrefix(c.Text, "error") {
			k = 3
		}
		l.items = append(l.items, sideItem{idx: c.Index, side: c.Side, t: c.T, text: c.Text, kind: k})
	}
	for _, s := range l.r.States {
		l.items = append(l.items, sideItem{idx: s.Index, side: s.Side, t: s.T, text: s.State, kind: 1})
	}
	for _, sp := range l.r.Timers {
		if !sp.Fired && !strings.HasPrefix(sp.Name, "TIME-WAIT") && !strings.HasPrefix(sp.Name, "FIN-WAIT-2") {
			continue // a timer stopped in time is noise in a picture
		}
		l.spans = append(l.spans, sp)
		l.items = append(l.items, sideItem{idx: sp.Index, side: sp.Side, t: sp.Start, text: sp.Name, kind: 2, span: len(l.spans) - 1})
	}
	sort.SliceStable(l.items, func(i, j int) bool { return l.items[i].idx < l.items[j].idx })
}

// columns sizes the side columns to their widest text.
func (l *ladder) columns() {
	for s := range 2 {
		l.sideW[s] = max(measure(l.r.Names[s], fontSize+1, fBold)/2, measure(l.r.Initial[s], fontSize, fBold)+12)
	}
	for _, it := range l.items {
		st := fRegular
		if it.kind == 1 {
			st = fBold
		}
		l.sideW[it.side] = max(l.sideW[it.side], measure(it.text, fontSize, st)+12)
	}
	mid := 380.0
	for _, a := range l.r.Arrows {
		mid = max(mid, measure(l.label(&a), fontSize, fMono)+60)
		for _, n := range a.Notes {
			mid = max(mid, measure(n, noteSize, fRegular)+60)
		}
	}
	axisW := measure("00m00.000s", noteSize, fRegular) + 12
	l.x[0] = margin + axisW + l.sideW[0] + nLanes*laneW + 6
	l.x[1] = l.x[0] + mid
	l.d.w = l.x[1] + nLanes*laneW + 6 + l.sideW[1] + margin
	for s := range 2 { // the header boxes must fit too
		half := measure(l.r.Names[s], fontSize+1, fBold)*0.6 + 10
		if s == 1 && l.x[1]+half+margin > l.d.w {
			l.d.w = l.x[1] + half + margin
		}
	}
}

func (l *ladder) header() {
	y := margin + 16
	if l.r.Title != "" {
		l.d.text(l.d.w/2, y, l.r.Title, 16, fBold, aMiddle, l.th.Fg, "title")
		y += 20
	}
	for _, line := range wrap(l.r.Caption, l.d.w-2*margin, fontSize) {
		l.d.text(l.d.w/2, y, line, fontSize, fRegular, aMiddle, l.th.Dim, "caption")
		y += lineH
	}
	y += 6
	for s := range 2 {
		// Room for wider fonts than Go's, in viewers that ignore textLength.
		w := measure(l.r.Names[s], fontSize+1, fBold)*1.2 + 16
		l.d.rect(l.x[s]-w/2, y, w, 24, 4, l.th.StateFill, l.th.Side[s], 1.5, "host")
		l.d.text(l.x[s], y+16.5, l.r.Names[s], fontSize+1, fBold, aMiddle, l.th.Fg, "host")
	}
	l.top = y + 24 + 14
	for s := range 2 {
		l.stateBox(Side(s), l.top+4, l.r.Initial[s])
	}
	l.top += lineH + 10
}

// wrap breaks text into lines that fit width.
func wrap(s string, width, size float64) []string {
	var out []string
	for _, para := range strings.Split(strings.TrimSpace(s), "\n") {
		line := ""
		for _, w := range breakable(para) {
			if line != "" && measure(line+w, size, fRegular) > width {
				out = append(out, line)
				line = strings.TrimLeft(w, " ")
				continue
			}
			line += w
		}
		if line != "" {
			out = append(out, line)
		}
	}
	return out
}

// breakable cuts a paragraph where a line may break: before each word
// (which keeps its one leading space), and around each wide (CJK)
// character, as Chinese has no spaces between words.
func breakable(para string) []string {
	var parts []string
	cur := ""
	flush := func() {
		if strings.TrimSpace(cur) != "" {
			parts = append(parts, cur)
		}
		cur = ""
	}
	for _, w := range strings.Fields(para) {
		cur = " "
		if len(parts) == 0 {
			cur = ""
		}
		for _, r := range w {
			if runewidth.RuneWidth(r) == 2 {
				flush()
				cur = string(r)
				flush()
				continue
			}
			cur += string(r)
		}
		flush()
	}
	return parts
}

// label is an arrow's main text: flags and the numbers, relative by default.
func (l *ladder) label(a *Arrow) string { return segLabel(l.r, a, l.o.Raw) }

func segLabel(r *Run, a *Arrow, raw bool) string {
	seq, ack := a.Seg.Seq, a.Seg.Ack
	if !raw {
		if r.HasISS[a.From] {
			seq -= r.ISS[a.From]
		}
		if r.HasISS[1-a.From] {
			ack -= r.ISS[1-a.From]
		}
	}
	s := fmt.Sprintf("%s seq=%d", a.Seg.Flags, seq)
	if a.Seg.HasAck {
		s += fmt.Sprintf(" ack=%d", ack)
	}
	if a.Seg.Len > 0 {
		s += fmt.Sprintf(" len=%d", a.Seg.Len)
	}
	return s
}
