package ui

import (
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/tcpsim/tcpsim/trace"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
)

// Model is the one root model of the lab. Components are plain structs
// built from it for each frame; Update changes only the Model and does no
// I/O (files are read and written in commands, whose results come back
// as messages).
type Model struct {
	run  run // what is shown
	opts Options
	keys keyMap
	th   *theme
	dark bool
	mono bool
	w, h int

	cfg    *sim.Config
	tl     *timeline
	branch string // "" on the scenario's own timeline
	undo   []saved

	cur      int           // last revealed event (-1: none yet)
	now      time.Duration // virtual time of the present
	row      float64       // the present, in ladder rows
	playing  bool
	speed    int
	tickGen  int
	lastTick time.Time

	sel int // selected segment (arrow), -1: the latest
	top int // ladder's first row, -1: follow the present

	modal  modal
	picker picker
	link   linkForm
	send   sendForm

	msg    string
	msgPen pen
}

// saved is a timeline to go back to with u.
type saved struct {
	cfg    *sim.Config
	tl     *timeline
	branch string
	cur    int
	now    time.Duration
	sel    int
}

// modelOptions are what Run decides from the environment.
type modelOptions struct {
	autoplay bool
	mono     bool // NO_COLOR
	dark     bool
}

// speeds are playback rates; 1× moves the present rowsPerSecond rows a second.
var speeds = []float64{0.25, 0.5, 1, 2, 4, 8, 16, 64}

const (
	rowsPerSecond = 6
	defaultSpeed  = 2
	frameInterval = time.Second / 30
)

type tickMsg struct {
	gen int
	at  time.Time
}

type exportedMsg struct {
	path string
	err  error
}

type scenarioListMsg struct{ items []pickItem }

func newModel(sc *scenarios.Scenario, opts Options, mo modelOptions) *Model {
	return newModelOf(simulated(sc), opts, mo)
}

// newModelOf opens the lab on a run.
func newModelOf(r run, opts Options, mo modelOptions) *Model {
	m := &Model{opts: opts, keys: newKeyMap(), dark: mo.dark, mono: mo.mono, speed: defaultSpeed}
	m.th = newTheme(m.dark, m.mono)
	m.load(r)
	m.playing = mo.autoplay
	return m
}

// load starts a run from the beginning.
func (m *Model) load(r run) {
	m.run = r
	m.cfg = nil
	if r.canChange() {
		m.cfg = r.sc.Config
		m.tl = newTimeline(sim.Run(m.cfg))
	} else {
		m.tl = newTimeline(r.rec)
	}
	m.branch = ""
	m.undo = nil
	m.sel, m.top = -1, -1
	m.seek(-1, 0)
}

// seek puts the present at event cur and time now.
func (m *Model) seek(cur int, now time.Duration) {
	n := len(m.tl.ev)
	cur = min(max(cur, -1), n-1)
	m.cur = cur
	if cur >= 0 {
		now = max(now, m.tl.ev[cur].T)
	} else {
		now = 0
	}
	m.now = now
	m.row = m.tl.presentRow(cur, now)
	if m.sel >= 0 && !m.tl.revealed(m.sel, cur) {
		m.sel = -1
	}
}

func (m *Model) atEnd() bool { return m.cur >= len(m.tl.ev)-1 }

// Init asks for the background colour and starts playing.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor}
	if m.playing {
		cmds = append(cmds, m.startTicks())
	}
	return tea.Batch(cmds...)
}

func (m *Model) startTicks() tea.Cmd {
	m.tickGen++
	m.lastTick = time.Time{}
	return tick(m.tickGen)
}

func tick(gen int) tea.Cmd {
	return tea.Tick(frameInterval, func(t time.Time) tea.Msg { return tickMsg{gen: gen, at: t} })
}

// Update handles a message.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.w, m.h = msg.Width, msg.Height
		return m, nil
	case tea.BackgroundColorMsg:
		m.dark = msg.IsDark()
		m.th = newTheme(m.dark, m.mono)
		return m, nil
	case tickMsg:
		if msg.gen != m.tickGen || !m.playing {
			return m, nil
		}
		dt := frameInterval
		if !m.lastTick.IsZero() {
			dt = min(msg.at.Sub(m.lastTick), 4*frameInterval)
		}
		m.lastTick = msg.at
		m.advance(dt)
		if !m.playing {
			return m, nil
		}
		return m, tick(m.tickGen)
	case exportedMsg:
		if msg.err != nil {
			m.say("export failed: "+msg.err.Error(), pLost)
		} else {
			m.say("wrote "+msg.path+" (open it in Wireshark)", pGood)
		}
		return m, nil
	case scenarioListMsg:
		m.picker.items = msg.items
		m.picker.loading = false
		m.picker.idx = 0
		for i, it := range msg.items {
			if it.sc != nil && it.sc.Name == m.run.name && it.path == "" {
				m.picker.idx = i
			}
		}
		return m, nil
	case tea.KeyPressMsg:
		if m.modal != modalNone {
			return m.modalKey(msg)
		}
		return m.key(msg)
	case tea.MouseClickMsg:
		m.click(msg.Mouse())
		return m, nil
	case tea.MouseWheelMsg:
		mo := msg.Mouse()
		switch mo.Button {
		case tea.MouseWheelUp:
			m.scroll(-3)
		case tea.MouseWheelDown:
			m.scroll(3)
		}
		return m, nil
	}
	return m, nil
}

// advance moves the present while playing.
func (m *Model) advance(dt time.Duration) {
	n := len(m.tl.ev)
	if n == 0 {
		m.playing = false
		return
	}
	m.row += dt.Seconds() * rowsPerSecond * speeds[m.speed]
	if m.row >= m.tl.lastRow() {
		m.seek(n-1, m.tl.ev[n-1].T)
		m.playing = false
		m.say("end of the run — ← steps back, home rewinds, r restarts", pDim)
		return
	}
	m.cur = m.tl.revealedAt(m.row)
	m.now = m.tl.timeAtRow(m.row)
	if m.cur >= 0 {
		m.now = max(m.now, m.tl.ev[m.cur].T)
	}
}

func (m *Model) say(s string, p pen) { m.msg, m.msgPen = s, p }

func (m *Model) pause() { m.playing = false }

func (m *Model) key(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := &m.keys
	m.msg = ""
	switch {
	case key.Matches(msg, k.Quit):
		return m, tea.Quit
	case key.Matches(msg, k.Play):
		if m.playing {
			m.pause()
			return m, nil
		}
		if m.atEnd() {
			m.seek(-1, 0)
			m.top = -1
		}
		m.playing = true
		return m, m.startTicks()
	case key.Matches(msg, k.Step):
		m.pause()
		if m.atEnd() {
			m.say("end of the run", pDim)
			return m, nil
		}
		m.seek(m.cur+1, 0)
		m.top = -1
	case key.Matches(msg, k.Back):
		m.pause()
		switch {
		case m.cur >= 0 && m.now > m.tl.ev[m.cur].T:
			m.seek(m.cur, m.tl.ev[m.cur].T)
		case m.cur >= 0:
			m.seek(m.cur-1, 0)
		}
		m.top = -1
	case key.Matches(msg, k.Home):
		m.pause()
		m.seek(-1, 0)
		m.top = -1
	case key.Matches(msg, k.End):
		m.pause()
		m.seek(len(m.tl.ev)-1, 0)
		m.top = -1
	case key.Matches(msg, k.Faster):
		m.speed = min(m.speed+1, len(speeds)-1)
	case key.Matches(msg, k.Slower):
		m.speed = max(m.speed-1, 0)
	case key.Matches(msg, k.Up):
		m.selectStep(-1)
	case key.Matches(msg, k.Down):
		m.selectStep(1)
	case key.Matches(msg, k.Unselect):
		m.sel, m.top = -1, -1
	case key.Matches(msg, k.Follow):
		m.top = -1
	case key.Matches(msg, k.ScrollUp):
		m.scroll(-m.ladderBodyH() / 2)
	case key.Matches(msg, k.ScrollDown):
		m.scroll(m.ladderBodyH() / 2)
	case !m.run.canChange() && interferes(k, msg):
		m.say(whyFixed, pWarn)
	case key.Matches(msg, k.Drop):
		m.dropNext()
	case key.Matches(msg, k.WhatIf):
		m.whatIf()
	case key.Matches(msg, k.Undo):
		m.undoFork()
	case key.Matches(msg, k.CloseA):
		m.userAction(trace.A, trace.OpClose, nil)
	case key.Matches(msg, k.CloseB):
		m.userAction(trace.B, trace.OpClose, nil)
	case key.Matches(msg, k.AbortA):
		m.userAction(trace.A, trace.OpAbort, nil)
	case key.Matches(msg, k.AbortB):
		m.userAction(trace.B, trace.OpAbort, nil)
	case key.Matches(msg, k.Send):
		m.modal = modalSend
		m.send = sendForm{side: trace.A, text: "hello"}
	case key.Matches(msg, k.Link):
		m.modal = modalLink
		m.link = newLinkForm(m.linksAt(m.now)[0])
	case key.Matches(msg, k.Open):
		m.modal = modalPicker
		m.picker = picker{loading: true}
		return m, listScenarios
	case key.Matches(msg, k.Restart):
		m.load(m.run)
		m.playing = true
		m.say("restarted "+m.run.name, pDim)
		return m, m.startTicks()
	case key.Matches(msg, k.Export):
		return m, m.export()
	case key.Matches(msg, k.Help):
		m.modal = modalHelp
	}
	return m, nil
}

func (m *Model) modalKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := msg.String()
	if k == "ctrl+c" {
		return m, tea.Quit
	}
	switch m.modal {
	case modalHelp:
		if k == "esc" || k == "?" || k == "q" || k == "enter" {
			m.modal = modalNone
		}
	case modalPicker:
		switch k {
		case "esc", "q":
			m.modal = modalNone
		case "up", "k":
			m.picker.idx = max(m.picker.idx-1, 0)
		case "down", "j":
			m.picker.idx = min(m.picker.idx+1, max(len(m.picker.items)-1, 0))
		case "enter":
			if m.picker.loading || len(m.picker.items) == 0 {
				return m, nil
			}
			it := m.picker.items[m.picker.idx]
			if it.err != nil || it.sc == nil {
				return m, nil
			}
			m.modal = modalNone
			m.load(simulated(it.sc))
			m.playing = true
			m.say("opened "+it.sc.Name, pGood)
			return m, m.startTicks()
		}
	case modalLink:
		switch k {
		case "esc":
			m.modal = modalNone
		case "enter":
			cur := m.linksAt(m.now)
			a, ok1 := m.link.apply(cur[0])
			b, ok2 := m.link.apply(cur[1])
			if !ok1 || !ok2 {
				return m, nil
			}
			m.modal = modalNone
			links := [2]sim.LinkConfig{a, b}
			m.fork(m.withAction(sim.Action{At: m.actionTime(), Side: trace.A, Op: trace.OpLink, Link: &links}),
				"link changed at "+trace.FormatDuration(m.now), m.cur)
			m.say("link is now "+linkText(a)+" — from "+trace.FormatDuration(m.now)+" on (u undoes)", pGood)
		default:
			m.link.edit(k)
		}
	case modalSend:
		switch k {
		case "esc":
			m.modal = modalNone
		case "enter":
			m.modal = modalNone
			if m.send.text == "" {
				return m, nil
			}
			m.userAction(m.send.side, trace.OpSend, []byte(m.send.text))
		default:
			m.send.edit(k, msg.Text)
		}
	}
	return m, nil
}

// ---- selection and scrolling ----

func (m *Model) selected() int {
	if m.sel >= 0 && m.tl.revealed(m.sel, m.cur) {
		return m.sel
	}
	return m.tl.latestArrow(m.cur)
}

func (m *Model) selectStep(d int) {
	latest := m.tl.latestArrow(m.cur)
	if latest < 0 {
		return
	}
	base := m.sel
	if base < 0 {
		base = latest
		if d > 0 {
			return
		}
	}
	m.sel = min(max(base+d, 0), latest)
	m.reveal(m.sel)
}

// reveal scrolls the ladder so an arrow is on screen.
func (m *Model) reveal(a int) {
	bh := m.ladderBodyH()
	if bh <= 0 {
		return
	}
	top := m.top
	if top < 0 {
		top = m.ladderView().followTop(bh + ladderHeader)
	}
	ar := &m.tl.arrows[a]
	if int(ar.r0) >= top && int(ar.r0) < top+bh {
		return
	}
	m.top = max(int(ar.r0)-bh/3, 0)
}

func (m *Model) scroll(d int) {
	bh := m.ladderBodyH()
	top := m.top
	if top < 0 {
		top = m.ladderView().followTop(bh + ladderHeader)
	}
	follow := m.ladderView().followTop(bh + ladderHeader)
	top = min(max(top+d, 0), max(follow, 0))
	if top == follow {
		m.top = -1
		return
	}
	m.top = top
}

func (m *Model) ladderBodyH() int {
	l := computeLayout(m.w, m.h)
	return max(l.ladder.h-2-ladderHeader, 0)
}

// click selects the segment under the mouse, or jumps to a logged event.
func (m *Model) click(mo tea.Mouse) {
	if m.modal != modalNone {
		return
	}
	l := computeLayout(m.w, m.h)
	if r := l.ladder.inner(); r.has(mo.X, mo.Y) {
		lv := m.ladderView()
		if a := lv.hit(r.w, r.h, mo.X-r.x, mo.Y-r.y); a >= 0 {
			m.sel = a
			m.say("selected segment #"+fmt.Sprint(a+1)+" — x: what if it had been lost?", pDim)
		}
		return
	}
	if r := l.log.inner(); r.has(mo.X, mo.Y) && m.cur >= 0 {
		lg := m.logView()
		k := lg.first(r.h) + mo.Y - r.y
		if k >= 0 && k <= m.cur {
			m.pause()
			m.seek(k, 0)
			if a := m.tl.evArrow[k]; a >= 0 {
				m.sel = int(a)
			}
		}
	}
}

// ---- forks ----

// withFault copies the config with one more fault.
func (m *Model) withFault(f sim.Fault) *sim.Config {
	c := *m.cfg
	c.Faults = append(slices.Clone(m.cfg.Faults), f)
	return &c
}

// withAction copies the config with one more timeline action.
func (m *Model) withAction(a sim.Action) *sim.Config {
	c := *m.cfg
	c.Timeline = append(slices.Clone(m.cfg.Timeline), a)
	return &c
}

// actionTime is when an interactive call happens: just after the present,
// so everything already on screen stays exactly as it is.
func (m *Model) actionTime() time.Duration { return m.now + time.Nanosecond }

// fork runs a new timeline and keeps the old one for u.
func (m *Model) fork(cfg *sim.Config, label string, cur int) {
	m.undo = append(m.undo, saved{cfg: m.cfg, tl: m.tl, branch: m.branch, cur: m.cur, now: m.now, sel: m.sel})
	m.cfg = cfg
	m.tl = newTimeline(sim.Run(cfg))
	m.branch = label
	now := m.now
	m.seek(cur, now)
}

func (m *Model) undoFork() {
	if len(m.undo) == 0 {
		m.say("nothing to undo: this is the scenario's own timeline", pDim)
		return
	}
	s := m.undo[len(m.undo)-1]
	m.undo = m.undo[:len(m.undo)-1]
	m.cfg, m.tl, m.branch, m.sel = s.cfg, s.tl, s.branch, s.sel
	m.seek(s.cur, s.now)
	m.top = -1
	if m.branch == "" {
		m.say("back on the original timeline", pGood)
	} else {
		m.say("back to: "+m.branch, pGood)
	}
}

// countUpTo is the number of events at or before time t.
func countUpTo(evs []trace.Event, t time.Duration) int {
	return sort.Search(len(evs), func(i int) bool { return evs[i].T > t })
}

// dropNext drops the selected segment if it is in flight, else the next
// one to arrive, else the next one to be sent.
func (m *Model) dropNext() {
	fl := m.tl.inFlight(m.cur, m.row, nil)
	target := -1
	for _, a := range fl {
		if int(a) == m.sel {
			target = m.sel
		}
	}
	if target < 0 && len(fl) > 0 {
		target = int(fl[0])
	}
	if target < 0 {
		for k := m.cur + 1; k < len(m.tl.ev); k++ {
			if ev := &m.tl.ev[k]; ev.Kind == trace.KSend && !ev.Lost {
				target = int(m.tl.evArrow[k])
				break
			}
		}
	}
	if target < 0 {
		m.say("no segment left to drop", pDim)
		return
	}
	send := &m.tl.ev[m.tl.arrows[target].send]
	label := segLabels(&send.Seg)[0]
	old := m.tl.ev
	cur := m.cur
	sendIdx := int(m.tl.arrows[target].send)
	m.fork(m.withFault(sim.Fault{Kind: sim.FaultDropID, ID: send.ID}), "what-if: "+label+" lost", m.cur)
	if sendIdx <= cur {
		// The drop is recorded right after the sending: the prefix grew.
		delta := countUpTo(m.tl.ev, old[sendIdx].T) - countUpTo(old, old[sendIdx].T)
		m.seek(cur+delta, m.now)
	}
	m.sel = m.arrowOfID(send.ID)
	m.say("dropped "+label+" — "+m.forkHint(), pWarn)
}

// whatIf forks "what if this past segment had been lost".
func (m *Model) whatIf() {
	a := m.selected()
	if a < 0 {
		m.say("select a segment first (↑↓ or click)", pDim)
		return
	}
	ar := &m.tl.arrows[a]
	send := &m.tl.ev[ar.send]
	switch {
	case ar.lost:
		m.say("that segment was lost already", pDim)
		return
	case ar.dup:
		m.say("that is the link's duplicate copy; select the original", pDim)
		return
	case !m.tl.arrived(a, m.cur):
		m.say("it is still in flight: d drops it", pDim)
		return
	}
	label := segLabels(&send.Seg)[0]
	id, at, sendIdx := send.ID, send.T, int(ar.send)
	m.fork(m.withFault(sim.Fault{Kind: sim.FaultDropID, ID: id}), "what-if: "+label+" lost", m.cur)
	// Go to the fork point: the moment it was sent, now lost.
	k := sendIdx
	if k+1 < len(m.tl.ev) && m.tl.ev[k+1].Kind == trace.KDrop {
		k++
	}
	m.seek(k, at)
	m.top = -1
	m.sel = m.arrowOfID(id)
	m.say("what if "+label+" had been lost? — rewound to "+trace.FormatDuration(at)+", space plays on; "+m.forkHint(), pWarn)
}

func (m *Model) arrowOfID(id int32) int {
	for k := range m.tl.ev {
		if ev := &m.tl.ev[k]; ev.Kind == trace.KSend && ev.ID == id {
			return int(m.tl.evArrow[k])
		}
	}
	return -1
}

func (m *Model) forkHint() string {
	return fmt.Sprintf("timeline forked (u undoes, %d saved)", len(m.undo))
}

// userAction makes a side call CLOSE, ABORT or SEND right now.
func (m *Model) userAction(side trace.Side, op trace.Op, data []byte) {
	a := sim.Action{At: m.actionTime(), Side: side, Op: op, Data: data}
	what := strings.ToUpper(op.String())
	if op == trace.OpSend {
		what = fmt.Sprintf("SEND(%d bytes)", len(data))
	}
	m.fork(m.withAction(a), side.Upper()+" "+what+" at "+trace.FormatDuration(m.now), m.cur)
	m.say(side.Upper()+" calls "+what+" at "+trace.FormatDuration(m.now)+" — "+m.forkHint()+"; space plays on", pWarn)
}

// linksAt is the link in force at time t (the scenario's, or the last
// link change before t).
func (m *Model) linksAt(t time.Duration) [2]sim.LinkConfig {
	if m.cfg == nil {
		return [2]sim.LinkConfig{} // a recording: the link is not known
	}
	links := [2]sim.LinkConfig{m.cfg.AtoB, m.cfg.BtoA}
	best := time.Duration(-1)
	for _, a := range m.cfg.Timeline {
		if a.Op == trace.OpLink && !a.When && a.Link != nil && a.At <= t && a.At >= best {
			links, best = *a.Link, a.At
		}
	}
	return links
}

// ---- commands (I/O happens here, not in Update) ----

func (m *Model) export() tea.Cmd {
	if m.opts.Export == nil {
		m.say("export is not available in this build", pLost)
		return nil
	}
	name := m.run.name
	if name == "" {
		name = "run"
	}
	path := "./tcpsim-" + name + ".pcapng"
	tr, fn := m.tl.tr, m.opts.Export
	m.say("exporting "+path+"…", pDim)
	return func() tea.Msg { return exportedMsg{path: path, err: fn(tr, path)} }
}

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
	if m.run.title != "" {
		return m.run.title
	}
	return m.run.name
}

func (m *Model) ladderView() *ladder {
	return &ladder{
		th: m.th, tl: m.tl, cur: m.cur, now: m.now, row: m.row, top: m.top, sel: m.selected(),
		titles:  [2]string{"A " + m.tl.tr.Ends[trace.A].String(), "B " + m.tl.tr.Ends[trace.B].String()},
		playing: m.playing,
	}
}

func (m *Model) logView() *eventLog {
	return &eventLog{th: m.th, tl: m.tl, cur: m.cur, sel: m.selected()}
}

func (m *Model) profileName() string {
	if m.cfg != nil && m.cfg.Profile != nil {
		return m.cfg.Profile.Name
	}
	if m.run.profile != "" {
		return m.run.profile
	}
	return sim.RFC9293.Name
}

func (m *Model) headerView() *header {
	br := ""
	if m.branch != "" {
		br = "⑂ " + m.branch
	}
	return &header{
		th: m.th, title: m.title(), playing: m.playing, atEnd: m.atEnd() && !m.playing,
		speed: speedText(speeds[m.speed]), now: m.now, cur: m.cur, n: len(m.tl.ev),
		links: m.linksAt(m.now), profile: m.profileName(), branch: br,
	}
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
	l := computeLayout(m.w, m.h)
	if l.tooSmall {
		m.drawTooSmall(v)
		return c
	}
	m.headerView().draw(v.sub(l.header.x, l.header.y, l.header.w, l.header.h))

	lv := m.ladderView()
	title := "Ladder"
	if lv.top >= 0 {
		title = "Ladder · scrolled (f follows)"
	}
	lv.draw(l.ladder.view(v).box(title, pTitle))

	sel := m.selected()
	d := &diagram{th: m.th, tl: m.tl, cur: m.cur, now: m.now, title: true}
	dt := "States"
	if l.full {
		dt = "States (generated from fsm.Table)"
	}
	d.draw(l.diagram.view(v).box(dt, pTitle))

	if l.inspector.w > 0 {
		in := &inspector{th: m.th, tl: m.tl, cur: m.cur, now: m.now, sel: sel, chosen: m.sel >= 0}
		in.draw(l.inspector.view(v).box("Inspector", pTitle).sub(1, 0, l.inspector.w-3, l.inspector.h-2))
	}
	if l.log.w > 0 {
		m.logView().draw(l.log.view(v).box("Event log", pTitle))
	}
	if l.why.w > 0 {
		m.drawWhy(l.why.view(v))
	}
	hb := &helpBar{th: m.th, msg: m.msg, pen: m.msgPen, keys: m.keys.barKeys(m.playing, m.run.canChange())}
	hb.draw(l.help.view(v))

	switch m.modal {
	case modalHelp:
		(&helpView{keys: m.keys}).draw(v)
	case modalPicker:
		m.picker.draw(v)
	case modalLink:
		m.link.draw(v)
	case modalSend:
		m.send.draw(v)
	}
	return c
}

// drawWhy is the compact view's explanation strip: the last transition
// and its rule, in a sentence.
func (m *Model) drawWhy(v view) {
	ev := lastTransition(m.tl, m.cur)
	if ev == nil {
		v.textClip(1, 0, "Two endpoints, A and B. Press space to play, → to step one event, ? for help.", v.w-2, pDim)
		return
	}
	x := v.text(1, 0, ev.Side.Upper()+" ", sidePen(uint8(ev.Side), true))
	x = v.text(x, 0, ev.From.String()+" → "+ev.To.String(), sidePen(uint8(ev.Side), true))
	r := ev.Rule()
	if r == nil {
		return
	}
	v.textClip(x+2, 0, "§"+r.RFC, v.w-x-3, pDim)
	ls := wrap(r.Explanation, v.w-2)
	for i := 0; i < len(ls) && i+1 < v.h; i++ {
		line := ls[i]
		if i == v.h-2 && i < len(ls)-1 {
			line = truncate(line+" "+ls[i+1], v.w-2)
		}
		v.text(1, i+1, line, pNone)
	}
}

func (m *Model) drawTooSmall(v view) {
	msg := fmt.Sprintf("tcpsim needs a terminal of at least %d×%d; this one is %d×%d. Make the window larger (or the font smaller).",
		minW, minH, m.w, m.h)
	ls := wrap(msg, max(v.w-2, 1))
	y := max((v.h-len(ls))/2, 0)
	for i, l := range ls {
		v.text(max((v.w-textWidth(l))/2, 0), y+i, l, pAccent)
	}
	if y+len(ls)+1 < v.h {
		q := "q quits"
		v.text(max((v.w-len(q))/2, 0), y+len(ls)+1, q, pDim)
	}
}

// stateName is used by tests to read a side's state.
func (m *Model) stateName(s trace.Side) fsm.State { return m.tl.stateOf(m.cur, s) }
