package ui

import (
	"strings"

	"github.com/tcpsim/tcpsim/msg"
)

// searchForm is the / dialog. The query stays after the dialog closes:
// enter in the lab finds the next match, / opens the dialog on it again.
type searchForm struct {
	in    entry
	query string // the last query searched

	// The matches of query in tl: a search walks the whole log once (about
	// a second for 100,000 events), then enter only moves along them.
	tl   *timeline
	p    *msg.Printer // the log's language: the lines searched
	hits []int
}

func (m *Model) searchKey(k, text string) {
	switch k {
	case "esc":
		m.modal = modalNone
	case "enter":
		m.modal = modalNone
		if q := strings.TrimSpace(m.search.in.text); q != m.search.query {
			m.search.query, m.search.hits = q, nil
		}
		m.searchNext()
	default:
		m.search.in.edit(k, text)
	}
}

// searchNext goes to the next event after the present that matches the
// query, round to the first.
func (m *Model) searchNext() {
	p := m.words()
	q := m.search.query
	if q == "" {
		m.say(p.T(msg.DlgSearchNoQuery, nil), pDim)
		return
	}
	f := &m.search
	if f.tl != m.tl || f.p != m.tl.p || f.hits == nil {
		f.tl, f.p, f.hits = m.tl, m.tl.p, m.matches(q)
	}
	hits := f.hits
	if len(hits) == 0 {
		m.say(p.T(msg.DlgSearchNone, msg.Args{"Q": q}), pWarn)
		return
	}
	i := 0
	for i < len(hits) && hits[i] <= m.cur {
		i++
	}
	i %= len(hits)
	k := hits[i]
	m.seek(k, 0)
	m.top = -1
	if a := m.tl.evArrow[k]; a >= 0 {
		m.sel = int(a)
	}
	m.say(p.T(msg.DlgSearchFound, msg.Args{"Q": q, "I": i + 1, "N": len(hits), "E": k + 1}), pGood)
}

// matches are the events whose log line holds every word of q, in any
// case; TIME_WAIT (the netstat spelling) finds TIME-WAIT, and FIN,ACK
// finds the segments with both flags. In another language the English
// line is searched too: a student reading Chinese still types "persist"
// from a book or an RFC.
func (m *Model) matches(q string) []int {
	words := strings.FieldsFunc(normSearch(q), func(r rune) bool { return r == ' ' || r == ',' })
	en := msg.English()
	out := []int{}
	for k := range m.tl.ev {
		ev := &m.tl.ev[k]
		text, _ := describe(ev, m.tl.p)
		if m.tl.p.Lang() != en.Lang() {
			alt, _ := describe(ev, en)
			text += " " + alt
		}
		hay := normSearch(ev.Side.Upper() + " " + text)
		all := true
		for _, w := range words {
			if !strings.Contains(hay, w) {
				all = false
				break
			}
		}
		if all {
			out = append(out, k)
		}
	}
	return out
}

func normSearch(s string) string {
	return strings.ReplaceAll(strings.ToUpper(s), "_", "-")
}

func (f *searchForm) draw(v view, p *msg.Printer) {
	in := overlay(v, 60, 8, p.T(msg.DlgSearchTitle, nil))
	y := hint(in, 0, 2, p.T(msg.DlgSearchHint, nil), pDim)
	in.text(2, y+1, "/", pAccent)
	f.in.draw(in, 4, y+1, in.w-6)
	in.textClip(2, in.h-1, p.T(msg.DlgSearchKeys, nil), in.w-3, pDim)
}
