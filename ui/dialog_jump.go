package ui

import (
	"strconv"
	"strings"
	"time"

	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/trace"
)

// jumpForm is the : dialog: an event number or a time.
type jumpForm struct {
	in  entry
	err string
}

func (m *Model) jumpKey(k, text string) {
	switch k {
	case "esc":
		m.modal = modalNone
	case "enter":
		if err := m.jumpTo(m.jump.in.text); err != "" {
			m.jump.err = err
			return
		}
		m.modal = modalNone
	default:
		if m.jump.in.edit(k, text) {
			m.jump.err = ""
		}
	}
}

// jumpTo moves the present to an event number (as the event log numbers
// them, from 1) or to a time; it returns what is wrong with s, if anything.
func (m *Model) jumpTo(s string) string {
	p := m.words()
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "#"))
	n := len(m.tl.ev)
	if k, err := strconv.Atoi(s); err == nil {
		if k < 1 || k > n {
			return p.T(msg.DlgJumpRange, msg.Args{"N": n})
		}
		m.seek(k-1, 0)
		m.top = -1
		if a := m.tl.evArrow[k-1]; a >= 0 {
			m.sel = int(a)
		}
		m.say(p.T(msg.DlgJumpEvent, msg.Args{"N": k, "T": trace.FormatDuration(m.now)}), pGood)
		return ""
	}
	t, ok := parseTime(s)
	if !ok {
		return p.T(msg.DlgJumpBad, msg.Args{"Input": s})
	}
	m.top = -1
	if n > 0 && t > m.tl.ev[n-1].T {
		m.seek(n-1, 0)
		m.say(p.T(msg.DlgJumpEnd, msg.Args{"T": trace.FormatDuration(m.now)}), pDim)
		return ""
	}
	m.seek(countUpTo(m.tl.ev, t)-1, t)
	m.say(p.T(msg.DlgJumpTime, msg.Args{"T": trace.FormatDuration(m.now), "N": m.cur + 1}), pGood)
	return ""
}

// parseTime reads a time as Go writes durations (1.5s, 150ms, 2m, 1m30s),
// or a bare number of seconds; never negative.
func parseTime(s string) (time.Duration, bool) {
	d, err := time.ParseDuration(s)
	if err != nil {
		f, ferr := strconv.ParseFloat(s, 64)
		if ferr != nil || f > 1e6 {
			return 0, false
		}
		d = time.Duration(f * float64(time.Second))
	}
	return d, d >= 0
}

func (f *jumpForm) draw(v view, p *msg.Printer) {
	in := overlay(v, 56, 8, p.T(msg.DlgJumpTitle, nil))
	y := hint(in, 0, 2, p.T(msg.DlgJumpHint, nil), pDim)
	in.text(2, y+1, ":", pAccent)
	f.in.draw(in, 4, y+1, in.w-6)
	if f.err != "" {
		in.textClip(2, y+2, f.err, in.w-3, pLost)
	}
	in.textClip(2, in.h-1, p.T(msg.DlgJumpKeys, nil), in.w-3, pDim)
}
