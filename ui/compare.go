package ui

import (
	"errors"
	"os"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tcpsim/tcpsim/internal/capcmp"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/trace"
)

// Comparison is a kernel's capture held against the model's run of the
// same scenario (docs/kernel.md): the lab shows the two ladders aligned
// segment by segment, as internal/capcmp aligned them.
type Comparison struct {
	Name, Title string
	Kernel      ComparePane // the kernel's capture, replayed
	Model       ComparePane // the model's run
	Want, Got   []capcmp.Packet
	Result      *capcmp.Result
	// Slack is what was added to the 10% tolerance of a gap (kernel.Slack
	// for a live kernel), nil for none; the view says what was allowed.
	Slack func(time.Duration) time.Duration
}

// ComparePane is one side of a comparison.
type ComparePane struct {
	Trace *trace.Trace
	// Frames, for a replayed capture, is the capture frame number of each
	// transmission ID (replay.Result.Frame). Nil for a simulation: its
	// packets are then what A's interface saw, in order (sim/pcap's TapA).
	Frames []int
}

// RunCompare opens the lab's comparison view and returns when the user
// quits.
func RunCompare(c *Comparison, opts Options) error {
	if c == nil || c.Kernel.Trace == nil || c.Model.Trace == nil || c.Result == nil {
		return errors.New("ui: no comparison")
	}
	return drive(newCompareModel(c, opts, modelOptions{mono: noColor(), dark: true}), os.Stdout)
}

// compareModel is the comparison view: two panes of the lab's ladder, a
// cursor on one aligned row (a segment), and the difference under it
// explained.
type compareModel struct {
	c     *Comparison
	p     *msg.Printer
	th    *theme
	dark  bool
	mono  bool
	w, h  int
	rows  []capcmp.Pair
	diffs map[int]capcmp.Diff // by row
	panes [2]*comparePane
	cur   int // selected row
	show  int // the pane shown when only one fits (tab)
	rel   bool
}

// comparePane is a ladder's timeline and, per packet of its capture at A,
// the arrow that draws it.
type comparePane struct {
	tl      *timeline
	arrowOf []int
}

func newCompareModel(c *Comparison, opts Options, mo modelOptions) *compareModel {
	m := &compareModel{c: c, p: printerFor(opts.Lang), dark: mo.dark, mono: mo.mono, rel: true,
		rows: capcmp.Align(c.Want, c.Got), diffs: map[int]capcmp.Diff{}}
	m.th = newTheme(m.dark, m.mono)
	for _, d := range c.Result.Diffs {
		if _, ok := m.diffs[d.Index]; !ok {
			m.diffs[d.Index] = d
		}
	}
	for i, pn := range []ComparePane{c.Kernel, c.Model} {
		tl := newTimelineIn(pn.Trace, 0, m.p)
		m.panes[i] = &comparePane{tl: tl, arrowOf: packetArrows(tl, pn.Frames)}
	}
	return m
}

// packetArrows maps each packet of a capture at A to its arrow (-1: none).
func packetArrows(tl *timeline, frames []int) []int {
	var out []int
	if frames == nil {
		for i := range tl.ev {
			ev := &tl.ev[i]
			if ev.Side == trace.A && (ev.Kind == trace.KSend && !ev.Injected || ev.Kind == trace.KDeliver) {
				out = append(out, int(tl.evArrow[i]))
			}
		}
		return out
	}
	byID := map[int32]int{}
	for a := range tl.arrows {
		if ar := &tl.arrows[a]; !ar.dup {
			byID[tl.ev[ar.send].ID] = a
		}
	}
	for id, f := range frames {
		for len(out) < f {
			out = append(out, -1)
		}
		if a, ok := byID[int32(id)]; ok && f > 0 {
			out[f-1] = a
		}
	}
	return out
}

// arrow is the pane's arrow for an aligned row, -1 when it has no packet
// there.
func (m *compareModel) arrow(pane, row int) int {
	if row < 0 || row >= len(m.rows) {
		return -1
	}
	i := m.rows[row].Want
	if pane == 1 {
		i = m.rows[row].Got
	}
	if pn := m.panes[pane]; i >= 0 && i < len(pn.arrowOf) {
		return pn.arrowOf[i]
	}
	return -1
}

// Init asks for the background colour.
func (m *compareModel) Init() tea.Cmd { return tea.RequestBackgroundColor }

// Update handles a message: keys move the cursor row by row or from
// difference to difference, tab shows the other pane when one fits.
func (m *compareModel) Update(mg tea.Msg) (tea.Model, tea.Cmd) {
	switch mg := mg.(type) {
	case tea.WindowSizeMsg:
		m.w, m.h = mg.Width, mg.Height
	case tea.BackgroundColorMsg:
		m.dark = mg.IsDark()
		m.th = newTheme(m.dark, m.mono)
	case tea.KeyPressMsg:
		return m, m.key(mg.String())
	case tea.MouseClickMsg:
		mo := mg.Mouse()
		m.click(mo.X, mo.Y)
	}
	return m, nil
}

func (m *compareModel) key(k string) tea.Cmd {
	last := len(m.rows) - 1
	switch k {
	case "q", "esc", "ctrl+c":
		return tea.Quit
	case "right", "down", "j", "l":
		m.cur = min(m.cur+1, last)
	case "left", "up", "k", "h":
		m.cur = max(m.cur-1, 0)
	case "g", "home":
		m.cur = 0
	case "G", "end":
		m.cur = max(last, 0)
	case "n":
		m.cur = m.nextDiff(1)
	case "N", "p":
		m.cur = m.nextDiff(-1)
	case "tab":
		m.show = 1 - m.show
	case "#":
		m.rel = !m.rel
	}
	return nil
}

// nextDiff is the next row with a difference in direction d, or the
// cursor when there is none.
func (m *compareModel) nextDiff(d int) int {
	for r := m.cur + d; r >= 0 && r < len(m.rows); r += d {
		if _, ok := m.diffs[r]; ok {
			return r
		}
	}
	return m.cur
}

// View draws the frame.
func (m *compareModel) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	return v
}
