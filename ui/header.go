package ui

import (
	"strconv"
	"strings"
	"time"

	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// header is the status line at the top of the screen. Five fields always
// show, at every width from minW: the scenario, the profile, the time,
// the event and, on a forked timeline, that it is a what-if. The others
// (the link, the TIME-WAIT length, the playing state, the name of the
// program) give way first, one step at a time.
type header struct {
	th          *theme
	p           *msg.Printer
	title, name string // the scenario's title, and its short name
	playing     bool
	atEnd       bool
	speed       string
	now         time.Duration
	cur, n      int
	links       [2]sim.LinkConfig
	knownLink   bool // false for a recording
	profile     string
	branch      string // "" on the scenario's own timeline
	timeWait    string // "" when unknown
}

func (hd *header) Render(w, h int) string {
	c := newCanvas(w, h)
	hd.draw(c.full())
	return c.String(hd.th)
}

// hfield is one field of the header: its forms, longest first; the last
// form of an optional field is "".
type hfield struct {
	forms []string
	at    int // the form shown
	p     pen
}

func (f *hfield) s() string { return f.forms[f.at] }

// header fields, in the order they are drawn.
const (
	hBrand = iota
	hTitle
	hState
	hTime
	hEvent
	hFork
	hProfile
	hLinkAB
	hLinkBA
	hTimeWait
	hFields
)

// degrade is the order in which fields give way: each entry moves a field
// to its next shorter form.
var degrade = []int{hLinkBA, hBrand, hTimeWait, hLinkAB, hState, hProfile, hFork, hState, hTitle, hState}

func (hd *header) fields() [hFields]hfield {
	p := hd.p
	state := p.T(msg.LabPaused, nil)
	icon := "⏸"
	switch {
	case hd.playing:
		state, icon = p.T(msg.LabPlaying, nil), "▶"
	case hd.atEnd:
		state, icon = p.T(msg.LabEnded, nil), "■"
	}
	var f [hFields]hfield
	f[hBrand] = hfield{forms: []string{"tcpsim", ""}, p: pHeader}
	f[hTitle] = hfield{forms: []string{hd.title, hd.name}, p: pHeader}
	f[hState] = hfield{forms: []string{state + " " + hd.speed, icon + " " + hd.speed, icon, ""}, p: pHeader}
	f[hTime] = hfield{forms: []string{clock(hd.now)}, p: pHeader}
	f[hEvent] = hfield{forms: []string{p.T(msg.LabEvent, msg.Args{"N": hd.cur + 1, "Total": hd.n})}, p: pHeaderDim}
	f[hFork] = hfield{forms: []string{""}, p: pHeader}
	if hd.branch != "" {
		f[hFork].forms = []string{p.T(msg.LabForkLabel, msg.Args{"Label": hd.branch}), p.T(msg.LabFork, nil)}
	}
	f[hProfile] = hfield{forms: []string{p.T(msg.LabProfile, msg.Args{"Name": hd.profile}), hd.profile}, p: pHeaderDim}
	f[hLinkAB] = hfield{forms: []string{""}, p: pHeaderDim}
	f[hLinkBA] = hfield{forms: []string{""}, p: pHeaderDim}
	if hd.knownLink {
		if hd.links[0] == hd.links[1] {
			f[hLinkAB].forms = []string{linkText(p, "A⇄B", hd.links[0]), ""}
		} else {
			f[hLinkAB].forms = []string{linkText(p, "A→B", hd.links[0]), ""}
			f[hLinkBA].forms = []string{linkText(p, "B→A", hd.links[1]), ""}
		}
	}
	f[hTimeWait] = hfield{forms: []string{hd.timeWait, ""}, p: pHeaderDim}
	return f
}

func (hd *header) draw(v view) {
	if v.h < 1 {
		return
	}
	v.fill(0, 0, v.w, 1, ' ', pHeader)
	f := hd.fields()
	sep := " · "
	var done []int // steps taken
	for _, i := range degrade {
		if hd.width(&f, sep) <= v.w-1 {
			break
		}
		if f[i].at < len(f[i].forms)-1 {
			f[i].at++
			done = append(done, i)
		}
	}
	// Give back what still fits, the most important first: dropping the
	// link may have left room for the word "paused".
	for j := len(done) - 1; j >= 0; j-- {
		i := done[j]
		f[i].at--
		if hd.width(&f, sep) > v.w-1 {
			f[i].at++
		}
	}
	if hd.width(&f, sep) > v.w-1 {
		sep = " "
	}
	// Still too wide: the title gives up what is missing, keeping a few cells.
	if over := hd.width(&f, sep) - (v.w - 1); over > 0 {
		t := f[hTitle].s()
		f[hTitle].forms[f[hTitle].at] = truncate(t, max(textWidth(t)-over, 4))
	}
	x, first := 1, true
	for i := range f {
		s := f[i].s()
		if s == "" {
			continue
		}
		if !first {
			x = v.text(x, 0, sep, pHeaderDim)
		}
		first = false
		x = v.textClip(x, 0, s, v.w-x, f[i].p)
	}
}

func (hd *header) width(f *[hFields]hfield, sep string) int {
	n, k := 0, 0
	for i := range f {
		if s := f[i].s(); s != "" {
			n += textWidth(s)
			k++
		}
	}
	return n + max(k-1, 0)*textWidth(sep)
}

// linkText summarizes one direction of the link, with units:
// "A→B delay 50ms±5ms loss 1%".
func linkText(p *msg.Printer, dir string, l sim.LinkConfig) string {
	pct := func(f float64) string { return strconv.FormatFloat(f*100, 'f', -1, 64) }
	delay := fmtShort(l.Delay)
	if l.Delay == 0 {
		delay = "0ms"
	}
	if l.Jitter > 0 {
		delay += p.T(msg.LabLinkJitter, msg.Args{"Jitter": fmtShort(l.Jitter)})
	}
	s := p.T(msg.LabLink, msg.Args{"Dir": dir, "Delay": delay, "Loss": pct(l.Loss)})
	s = strings.TrimPrefix(s, " ") // no direction: no space before the delay
	if l.Duplicate > 0 {
		s += p.T(msg.LabLinkDup, msg.Args{"P": pct(l.Duplicate)})
	}
	if l.Reorder > 0 {
		s += p.T(msg.LabLinkReorder, msg.Args{"P": pct(l.Reorder)})
	}
	return s
}

// timeWaitText is how long TIME-WAIT lasts in this run: 2×MSL, or the
// profile's fixed length (Linux: TCP_TIMEWAIT_LEN, 60 s); "" for a
// recording. As sim/endpoint.go arms the timer.
func (m *Model) timeWaitText() string {
	if m.cfg == nil {
		return ""
	}
	prof := m.cfg.Profile
	if prof == nil {
		prof = sim.RFC9293
	}
	if prof.TimeWait > 0 {
		return m.t(msg.LabTimeWaitFixed, msg.Args{"D": seconds(prof.TimeWait)})
	}
	return m.t(msg.LabTimeWaitMSL, msg.Args{"D": seconds(2 * m.cfg.MSL)})
}

// seconds prints whole seconds as such ("60s", as Linux documents its
// TIME-WAIT), anything else compactly.
func seconds(d time.Duration) string {
	if d > 0 && d%time.Second == 0 && d < time.Hour {
		return strconv.FormatInt(int64(d/time.Second), 10) + "s"
	}
	return fmtShort(d)
}

// restartAt is the TIME-WAIT restart among the events at the present's
// time, up to cur (-1: none): the moment lost-final-ack is about, which
// the compact view spells out in place of the last transition.
func (m *Model) restartAt(cur int) int {
	for k := cur; k >= 0 && m.tl.ev[k].T == m.tl.ev[cur].T; k-- {
		if m.tl.restarts[int32(k)] {
			return k
		}
	}
	return -1
}

// drawRestart is the compact strip at a TIME-WAIT restart: what happened,
// and the rule that restarted the timer (on the FIN's arrival just before).
func (m *Model) drawRestart(v view, k int) {
	ev := &m.tl.ev[k]
	x := v.text(1, 0, ev.Side.Upper()+" ", sidePen(uint8(ev.Side), true))
	v.textClip(x, 0, timeWaitArmed(m.tl, k, m.fixedTimeWait()), v.w-x-1, pWarn)
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		if r := m.tl.ev[j].Rule(); r != nil && m.tl.ev[j].Side == ev.Side {
			m.drawRule(v, m.t(msg.WhyRule, msg.Args{"Rule": trace.RuleText(r, m.p), "Section": r.RFC}))
			return
		}
	}
}

// clock is the header's time: milliseconds, or microseconds where a run
// moves faster than that (linux profiles over a 16 µs link).
func clock(d time.Duration) string {
	if d > 0 && d < 10*time.Millisecond && d%time.Millisecond != 0 {
		return "t=" + fmtShort(d)
	}
	return "t=" + trace.FormatDuration(d)
}

// fixedTimeWait reports a profile whose TIME-WAIT is not 2×MSL.
func (m *Model) fixedTimeWait() bool {
	return m.cfg != nil && m.cfg.Profile != nil && m.cfg.Profile.TimeWait > 0
}

// timeWaitArmed is the log's line for the TIME-WAIT timer (event k)
// starting, or starting again on a retransmitted FIN.
func timeWaitArmed(tl *timeline, k int, fixed bool) string {
	d := msg.Args{"D": fmtShort(tl.ev[k].Dur)}
	switch restart := tl.restarts[int32(k)]; {
	case restart && fixed:
		return tl.p.T(msg.LabLogTWRestartFixed, d)
	case restart:
		return tl.p.T(msg.LabLogTWRestart, d)
	case fixed:
		return tl.p.T(msg.LabLogTWArmedFixed, d)
	}
	return tl.p.T(msg.LabLogTWArmed, d)
}
