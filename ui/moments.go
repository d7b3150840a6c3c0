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
	if best >= 0 {
		note := m.run.sc.Highlight[best].NoteIn(m.words().Lang())
		m.say(m.words().T(msg.MomentReached, msg.Args{"Note": note}), pAccent)
	}
}
