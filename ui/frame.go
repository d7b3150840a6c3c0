package ui

import (
	"fmt"
	"path/filepath"
	"sort"

	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/trace"

	tea "charm.land/bubbletea/v2"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
)

// ---- commands (I/O happens here, not in Update) ----

// listScenarios lists the bundled library and *.yaml in the current
// directory.
func listScenarios() tea.Msg {
	var items []pickItem
	for _, sc := range scenarios.Bundled() {
		items = append(items, pickItem{sc: sc})
	}
	files, _ := filepath.Glob("*.yaml")
	more, _ := filepath.Glob("*.yml")
	files = append(files, more...)
	sort.Strings(files)
	for _, f := range files {
		sc, err := scenarios.Lookup("./" + f)
		items = append(items, pickItem{sc: sc, path: f, err: err})
	}
	return scenarioListMsg{items: items}
}

// ---- the frame ----

func (m *Model) title() string {
	if m.run.sc != nil {
		if t := m.run.sc.TitleIn(m.p.Lang()); t != "" {
			return t
		}
	}
	if m.run.title != "" {
		return m.run.title
	}
	return m.run.name
}

func (m *Model) ladderView() *ladder {
	return &ladder{
		th: m.th, tl: m.tl, cur: m.cur, now: m.now, row: m.row, top: m.top, sel: m.selected(),
		titles:  [2]string{m.tl.endTitle(trace.A), m.tl.endTitle(trace.B)},
		playing: m.playing, chosen: m.sel >= 0, rel: m.relNumbers(), moments: m.momentEvents(),
	}
}

func (m *Model) logView() *eventLog {
	return &eventLog{th: m.th, tl: m.tl, cur: m.cur, sel: m.selected(), fixedTW: m.fixedTimeWait(), moment: m.isMoment}
}

func (m *Model) profileName() string {
	if m.cfg != nil && m.cfg.Profile != nil {
		return m.cfg.Profile.Name
	}
	if m.run.rec != nil {
		return m.t(msg.LabProfileCapture, nil)
	}
	if m.run.profile != "" {
		return m.run.profile
	}
	return sim.RFC9293.Name
}

func (m *Model) headerView() *header {
	hd := &header{
		th: m.th, p: m.p, title: m.title(), name: m.run.name, playing: m.playing, atEnd: m.atEnd() && !m.playing,
		speed: speedText(speeds[m.speed]), now: m.now, cur: m.cur, n: len(m.tl.ev),
		profile: m.profileName(), branch: m.branch, timeWait: m.timeWaitText(),
	}
	if m.cfg != nil { // a recording does not know its link
		hd.links = m.linksAt(m.now)
		hd.knownLink = true
	}
	return hd
}

func speedText(s float64) string {
	switch s {
	case 0.25:
		return "¼×"
	case 0.5:
		return "½×"
	}
	return fmt.Sprintf("%g×", s)
}

// View renders the whole screen.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "tcpsim · " + m.title()
	return v
}

func (m *Model) render() string {
	if m.w <= 0 || m.h <= 0 {
		return ""
	}
	c := m.frame()
	return c.String(m.th)
}

// frame paints the screen into a canvas.
func (m *Model) frame() *canvas {
	c := newCanvas(m.w, m.h)
	v := c.full()
	l := m.layout() // lesson_panel.go: room for a lesson
	if l.tooSmall {
		m.drawTooSmall(v)
		return c
	}
	m.headerView().draw(v.sub(l.header.x, l.header.y, l.header.w, l.header.h))

	lv := m.ladderView()
	title := m.t(msg.LabLadder, nil)
	if lv.top >= 0 {
		title = m.t(msg.LabLadderScrolled, nil)
	}
	lv.draw(l.ladder.view(v).box(title, pTitle))

	sel := m.selected()
	d := &diagram{th: m.th, tl: m.tl, cur: m.cur, now: m.now, title: true}
	dt := m.t(msg.LabStates, nil)
	if l.full {
		dt = m.t(msg.LabStatesFull, nil)
	}
	d.draw(l.diagram.view(v).box(dt, pTitle))

	if l.inspector.w > 0 {
		in := &inspector{th: m.th, tl: m.tl, cur: m.cur, now: m.now, sel: sel, chosen: m.sel >= 0}
		in.draw(l.inspector.view(v).box(m.t(msg.LabInspector, nil), pTitle).sub(1, 0, l.inspector.w-3, l.inspector.h-2))
	}
	if l.log.w > 0 {
		m.logView().draw(l.log.view(v).box(m.t(msg.LabEventLog, nil), pTitle))
	}
	hb := &helpBar{th: m.th, p: m.p, msg: m.msg, pen: m.msgPen, keys: m.lessonBarKeys(m.keys.barKeys(m.playing, m.run.canChange()))}
	if m.job != nil {
		hb.msg, hb.pen = m.progress(), pWarn // compute.go
	}
	long := hb.msg != "" && !hb.fits(l.help.w)
	switch {
	case long && l.why.w > 0: // a message too long for the bar takes the strip above, whole
		m.drawLongMsg(l.why.view(v), hb.msg, hb.pen)
		hb.msg = ""
	case long && m.msgShort != "":
		hb.msg = m.msgShort
	case l.why.w > 0 && !m.momentStrip(l.why.view(v)) && !m.drawCompactSegment(l, v):
		// A key moment just reached comes before the chosen segment's line.
		m.drawWhy(l.why.view(v))
	}
	hb.draw(l.help.view(v))
	m.drawLesson(v)
	m.drawPredict(v) // predict_view.go

	switch m.modal {
	case modalHelp:
		m.drawHelp(v) // help.go
	case modalPicker:
		m.picker.draw(v, m.p)
	case modalLink:
		m.link.draw(v, m.p)
	case modalSend:
		m.send.draw(v, m.p)
	default:
		m.drawDialog(v) // dialog_common.go
	}
	return c
}

// drawWhy is the compact view's explanation strip: the last transition
// and its rule, in a sentence.
func (m *Model) drawWhy(v view) {
	if m.momentStrip(v) { // moments.go
		return
	}
	if k := m.restartAt(m.cur); k >= 0 {
		m.drawRestart(v, k)
		return
	}
	ev := lastTransition(m.tl, m.cur)
	if ev == nil {
		v.textClip(1, 0, m.t(msg.LabWhyIntro, nil), v.w-2, pDim)
		return
	}
	x := v.text(1, 0, ev.Side.Upper()+" ", sidePen(uint8(ev.Side), true))
	x = v.text(x, 0, ev.From.String()+" → "+ev.To.String(), sidePen(uint8(ev.Side), true))
	r := ev.Rule()
	if r == nil {
		return
	}
	x = v.textClip(x+2, 0, "§"+r.RFC, v.w-x-3, pDim)
	if ns := netstatName(ev.To); ns != "" {
		v.textClip(x+2, 0, m.t(msg.LabNetstat, msg.Args{"Name": ns}), v.w-x-3, pFaint)
	}
	m.drawRule(v, trace.RuleText(r, m.p))
}

// drawRule writes a rule's sentence below the strip's first line.
func (m *Model) drawRule(v view, s string) {
	ls := wrap(s, v.w-2)
	for i := 0; i < len(ls) && i+1 < v.h; i++ {
		line := ls[i]
		if i == v.h-2 && i < len(ls)-1 {
			line = truncate(line+" "+ls[i+1], v.w-2)
		}
		v.text(1, i+1, line, pNone)
	}
}

func (m *Model) drawTooSmall(v view) {
	size := msg.Args{"MinW": minW, "MinH": minH, "W": m.w, "H": m.h}
	ls := wrap(m.t(msg.LabTooSmall, size), max(v.w-2, 1))
	q := m.t(msg.LabQQuits, nil)
	if len(ls)+1 > v.h { // tiny: the short form, and how to quit, always
		ls = wrap(m.t(msg.LabTooSmallShort, size), max(v.w, 1))
		if len(ls) > v.h {
			ls = wrap(q, max(v.w, 1))
		}
		for i := 0; i < len(ls) && i < v.h; i++ {
			v.textClip(0, i, ls[i], v.w, pAccent)
		}
		return
	}
	y := max((v.h-len(ls)-2)/2, 0)
	for i, l := range ls {
		v.text(max((v.w-textWidth(l))/2, 0), y+i, l, pAccent)
	}
	v.text(max((v.w-textWidth(q))/2, 0), min(y+len(ls)+1, v.h-1), q, pDim)
}

// stateName is used by tests to read a side's state.
func (m *Model) stateName(s trace.Side) fsm.State { return m.tl.stateOf(m.cur, s) }

// drawLongMsg wraps a status message over the explanation strip, so that
// nothing of it is cut (a run stopped by a limit says why at length).
func (m *Model) drawLongMsg(v view, s string, p pen) {
	for i, line := range wrap(s, v.w-2) {
		if i >= v.h {
			break
		}
		v.textClip(1, i, line, v.w-2, p)
	}
}
