package ui

import (
	"strings"
	"time"

	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// mslForm is the M dialog: what if the MSL, and so TIME-WAIT (2×MSL,
// RFC 9293 §3.6.1 MUST-13), were different? 0 is "no TIME-WAIT".
type mslForm struct {
	in  entry
	err string
}

func (m *Model) openMSL() {
	m.openDialog(modalMSL)
	m.msl = mslForm{in: entry{text: shortDur(m.cfg.MSL)}}
}

func (m *Model) mslKey(k, text string) {
	switch k {
	case "esc":
		m.modal = modalNone
	case "enter":
		d, ok := parseTime(m.msl.in.text)
		if !ok {
			m.msl.err = m.words().T(msg.DlgMSLBad, nil)
			return
		}
		m.modal = modalNone
		m.withMSL(d)
	default:
		if m.msl.in.edit(k, text) {
			m.msl.err = ""
		}
	}
}

// withMSL forks the run with another MSL. The MSL is a property of the
// network, not an event, so the whole run is played again with it; the
// present stays at the same time. A profile that fixes TIME-WAIT (Linux's
// TCP_TIMEWAIT_LEN) gets 2×MSL instead, or the change would show nothing.
func (m *Model) withMSL(d time.Duration) {
	c := *m.cfg
	c.MSL = d
	if c.Profile != nil && c.Profile.TimeWait != 0 {
		p := *c.Profile
		p.TimeWait = 0
		c.Profile = &p
	}
	now := m.now
	w := m.words()
	dt := shortDur(d)
	m.forkThen(&c, msg.Note{ID: msg.DlgMSLBranch, Args: msg.Args{"D": dt}}, m.cur, func() {
		m.seek(countUpTo(m.tl.ev, now)-1, now)
		m.top = -1
		m.say(w.T(msg.DlgMSLDone, msg.Args{"D": dt, "TW": shortDur(2 * d)})+" — "+m.forkHint(), pWarn)
	})
}

func (f *mslForm) draw(v view, m *Model) {
	p := m.words()
	in := overlay(v, 62, 11, p.T(msg.DlgMSLTitle, nil))
	y := hint(in, 0, 2, p.T(msg.DlgMSLHint, msg.Args{"T": trace.FormatDuration(m.now)}), pDim)
	in.text(2, y+1, "MSL", pBold)
	f.in.draw(in, 8, y+1, in.w-10)
	y += 3
	if f.err != "" {
		hint(in, y, 2, f.err, pLost)
	} else if d, ok := parseTime(f.in.text); ok {
		tw := p.T(msg.DlgMSLTW, msg.Args{"D": shortDur(2 * d)})
		if d == 0 {
			tw = p.T(msg.DlgMSLNone, nil)
		}
		y = hint(in, y, 1, tw, pAccent)
		if pr := m.cfg.Profile; pr != nil && pr.TimeWait != 0 {
			hint(in, y, 2, p.T(msg.DlgMSLProfile, msg.Args{"D": shortDur(pr.TimeWait)}), pWarn)
		}
	}
	in.textClip(2, in.h-1, p.T(msg.DlgMSLKeys, nil), in.w-3, pDim)
}

// timeWaitOf is how long TIME-WAIT lasts in cfg, and whether the profile
// fixes it rather than 2×MSL (sim's endpoint timer does the same).
func timeWaitOf(cfg *sim.Config) (time.Duration, bool) {
	if cfg.Profile != nil && cfg.Profile.TimeWait != 0 {
		return cfg.Profile.TimeWait, true
	}
	return 2 * cfg.MSL, false
}

// shortDur writes a setting as a person types it: 2s, 500ms, 1m, 1m30s.
func shortDur(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
