package ui

import "github.com/tcpsim/tcpsim/msg"

// Key moments (the scenario's highlight: list) in the run on screen: the
// event log marks them with ★, and the status line says a moment's note
// when the present reaches it.

// moments caches where the key moments are in one timeline.
type moments struct {
	tl *timeline
	at []int       // per highlight: its event, -1 when this run has none
	is map[int]int // event -> highlight

	note, said string // the note announced, and the status line that said it
}

// momentEvents is, per key moment, its event in the timeline shown.
func (m *Model) momentEvents() []int {
	if m.marks.tl != m.tl {
		m.marks = moments{tl: m.tl, is: map[int]int{}}
		if m.run.sc != nil {
			for i := range m.run.sc.Highlight {
				k := m.run.sc.Highlight[i].Find(m.tl.tr)
				m.marks.at = append(m.marks.at, k)
				if k >= 0 {
					m.marks.is[k] = i
				}
			}
		}
	}
	return m.marks.at
}

// isMoment reports whether event k is a key moment.
func (m *Model) isMoment(k int) bool {
	m.momentEvents()
	_, ok := m.marks.is[k]
	return ok
}

// announce says the note of the latest key moment the present passed
// since prev, in the same timeline; quiet tells it not to cover a message
// the key just gave (a jump or a search says where it went).
func (m *Model) announce(tl *timeline, prev int, quiet bool) {
	if tl != m.tl || m.cur <= prev || m.run.sc == nil || (quiet && m.msg != "") {
		return
	}
	at := m.momentEvents()
	best := -1
	for i, k := range at {
		if k > prev && k <= m.cur && (best < 0 || k >= at[best]) {
			best = i
		}
	}
	if best < 0 {
		return
	}
	w := m.words()
	note := m.run.sc.Highlight[best].NoteIn(w.Lang())
	said := w.T(msg.MomentReached, msg.Args{"Note": note})
	if computeLayout(m.w, m.h).why.w > 0 {
		// The compact view's status line is too short for a note: it
		// says which moment this is, and the strip below the ladder the
		// note itself (momentStrip).
		said = w.T(msg.MomentCompact, msg.Args{"I": best + 1, "N": len(at)})
	}
	m.say(said, pAccent)
	m.marks.note, m.marks.said = note, said
}

// momentStrip draws the announced note over the compact view's strip, as
// long as the status line still announces it; it reports whether it did.
func (m *Model) momentStrip(v view) bool {
	if m.marks.note == "" || m.msg != m.marks.said {
		return false
	}
	v.text(1, 0, "★", pAccent)
	for i, l := range wrap(m.marks.note, v.w-4) {
		if i >= v.h {
			break
		}
		v.text(3, i, l, pBold)
	}
	return true
}

// gotoMoment puts the present at key moment i (from 0), if this timeline
// has it, and closes the dialog; the status line says the note.
func (m *Model) gotoMoment(i int) {
	at := m.momentEvents()
	if i >= len(at) || at[i] < 0 {
		return
	}
	m.modal = modalNone
	prev := at[i] - 1
	m.seek(at[i], 0)
	m.top = -1
	if a := m.tl.evArrow[at[i]]; a >= 0 {
		m.sel = int(a)
	}
	m.msg = ""
	m.announce(m.tl, prev, false)
}
