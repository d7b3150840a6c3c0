package scenarios

import (
	"fmt"

	"github.com/tcpsim/tcpsim/trace"
)

// momentYAML is one key moment: the nth time a side enters a state, or
// the nth segment of a kind a side sends, with a note that says why it
// matters (docs/scenarios.md, "highlight").
type momentYAML struct {
	State   *sideStatesYAML `yaml:"state"`
	Segment *SegmentYAML    `yaml:"segment"`
	Nth     *int            `yaml:"nth"`
	Note    any             `yaml:"note"` // text or {en: ..., zh: ...}; read by text (text.go)
}

// Moment is a key moment of a scenario: an event its story turns on,
// which the lab marks on the event log and announces when it comes.
type Moment struct {
	Path  string // where it is written: "highlight[0]"
	Line  int
	notes text
	find  func(tr *trace.Trace) int
}

// NoteIn is the moment's note in lang, or the English one.
func (m *Moment) NoteIn(lang string) string {
	if t := m.notes[lang]; t != "" {
		return t
	}
	return m.notes["en"]
}

// Find is the index of the moment's event in tr, -1 when this run has
// none (a what-if fork may well not).
func (m *Moment) Find(tr *trace.Trace) int { return m.find(tr) }

// highlights reads the highlight: list.
func (d *doc) highlights(r []momentYAML) ([]Moment, *Error) {
	var out []Moment
	for i := range r {
		path := fmt.Sprintf("highlight[%d]", i)
		mo, e := d.highlight(&r[i], path)
		if e != nil {
			return nil, e
		}
		if tok := tokenOf(nodeAt(d.root, path)); tok != nil {
			mo.Line = tok.Position.Line
		}
		out = append(out, mo)
	}
	return out, nil
}

func (d *doc) highlight(h *momentYAML, path string) (Moment, *Error) {
	mo := Moment{Path: path}
	n, e := d.nth(h.Nth, path+".nth")
	if e != nil {
		return mo, e
	}
	if h.Note == nil {
		return mo, d.errAt(path, "a key moment needs a note: what happens here and why it matters")
	}
	if mo.notes, e = d.text(path + ".note"); e != nil {
		return mo, e
	}
	switch {
	case (h.State == nil) == (h.Segment == nil):
		return mo, d.errAt(path, "a key moment is either a state: or a segment:, exactly one of them")
	case h.State != nil:
		return d.stateMoment(mo, h.State, n, path+".state")
	}
	s := h.Segment
	f, e := d.segMatchOf(s, path+".segment")
	if e != nil {
		return mo, e
	}
	mo.find = func(tr *trace.Trace) int {
		return nthEvent(tr, n, func(ev *trace.Event) bool { return f.sent(ev) })
	}
	return mo, nil
}

// stateMoment is the nth time one side enters a state.
func (d *doc) stateMoment(mo Moment, st *sideStatesYAML, n int, path string) (Moment, *Error) {
	if (st.A == "") == (st.B == "") {
		return mo, d.errAt(path, "expected one endpoint and its state, such as {a: TIME-WAIT}")
	}
	side, name := trace.A, st.A
	if st.B != "" {
		side, name = trace.B, st.B
	}
	want, e := d.state(name, path+"."+side.String())
	if e != nil {
		return mo, e
	}
	mo.find = func(tr *trace.Trace) int {
		return nthEvent(tr, n, func(ev *trace.Event) bool {
			return ev.Kind == trace.KState && ev.Side == side && ev.To == want
		})
	}
	return mo, nil
}

// nthEvent is the index of the nth event (from 1) that ok accepts, or -1.
func nthEvent(tr *trace.Trace, n int, ok func(*trace.Event) bool) int {
	for i := range tr.Events {
		if ok(&tr.Events[i]) {
			if n--; n == 0 {
				return i
			}
		}
	}
	return -1
}
