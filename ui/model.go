package ui

import (
	"time"

	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/trace"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

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
	p    *msg.Printer // the language the lab speaks (lang.go)
	th   *theme
	dark bool
	mono bool
	w, h int

	cfg    *sim.Config
	tl     *timeline
	branch string // "" on the scenario's own timeline; else branchNote in words
	undo   []saved

	branchNote *msg.Note // what the fork did, for any language (forks.go)

	job     *job    // a run computed in the background, nil: none (compute.go)
	started tea.Cmd // the command that continues a job just started

	cur      int           // last revealed event (-1: none yet)
	now      time.Duration // virtual time of the present
	row      float64       // the present, in ladder rows
	playing  bool
	speed    int
	tickGen  int
	lastTick time.Time

	sel int // selected segment (arrow), -1: the latest
	top int // ladder's first row, -1: follow the present

	numbers int  // raw or relative seq/ack in the ladder (numbers.go)
	details bool // the chosen segment's details over the ladder (segline.go)
	zoom    int  // the ladder's time zoom (zoom.go)

	modal   modal
	helpTop int // first line of the help shown (help.go)
	picker  picker
	link    linkForm
	send    sendForm
	// dialog_*.go
	exporter exportForm
	jump     jumpForm
	search   searchForm
	msl      mslForm
	sock     sockForm
	infoTop  int
	marks    moments // moments.go

	msg    string
	msgPen pen
	// msgShort is msg without its details, for a bar too narrow for msg
	msgShort string

	lesson     *lessonRun // lesson*.go: the open lesson, nil when none
	lessonList lessonList

	pr predictor // predict mode (predict.go)

	xv     exploreView // the explore view (explore.go)
	events int         // a run's event budget when the scenario sets none (0: labEvents; limits.go)
}

// saved is a timeline to go back to with u.
type saved struct {
	cfg        *sim.Config
	tl         *timeline
	branchNote *msg.Note
	cur        int
	now        time.Duration
	sel        int
}

// modelOptions are what Run decides from the environment.
type modelOptions struct {
	autoplay bool
	mono     bool // NO_COLOR
	dark     bool
	events   int // the run budget in events (0: labEvents); a served lab's is the server's
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
	m := &Model{opts: opts, keys: newKeyMap(), p: printerFor(opts.Lang), dark: mo.dark, mono: mo.mono, speed: defaultSpeed, events: mo.events}
	m.th = newTheme(m.dark, m.mono)
	m.load(r)
	m.playing = mo.autoplay
	return m
}

// load starts a run from the beginning.
func (m *Model) load(r run) {
	m.run = r
	m.cfg = nil
	if m.job != nil {
		m.job.cancel.Store(true)
		m.job = nil
	}
	if r.canChange() {
		m.cfg = r.sc.Config
		m.tl = m.emptyTimeline(m.cfg) // until the run is computed (compute.go)
		m.started = m.compute(m.cfg, loaded, loadCancelled)
		if m.job != nil {
			m.job.load = true
		}
	} else {
		m.tl = m.timelineOf(r.rec)
	}
	m.setBranch(nil)
	m.undo = nil
	m.sel, m.top = -1, -1
	m.seek(-1, 0)
}

// seek puts the present at event cur and time now.
func (m *Model) seek(cur int, now time.Duration) {
	n := len(m.tl.ev)
	cur = min(max(cur, -1), n-1)
	m.syncZoom()
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
	cmds := []tea.Cmd{tea.RequestBackgroundColor, m.takeStarted()}
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
		prev, tl := m.cur, m.tl
		m.advance(dt)
		m.announce(tl, prev, false) // moments.go
		if !m.playing {
			return m, nil
		}
		return m, tick(m.tickGen)
	case exportedMsg:
		m.exported(msg.path, msg.err) // frame.go
		return m, nil
	case exploredMsg:
		m.explored(msg) // explore.go
		return m, nil
	case pictureMsg:
		return m, m.pictured(msg)
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
		if m.job != nil {
			return m.busyKey(msg) // compute.go
		}
		if m.pr.asking() {
			return m.predictKey(msg) // predict_view.go
		}
		mm, cmd := m.onKey(msg) // lesson_keys.go: the lesson's keys, then modalKey or key
		return mm, tea.Batch(cmd, m.takeStarted())
	case computedMsg:
		return m, tea.Batch(m.computed(msg), m.takeStarted())
	case progressMsg:
		if msg.j == m.job {
			return m, msg.j.tick()
		}
		return m, nil
	case tea.PasteMsg:
		m.paste(msg) // modals.go
		return m, nil
	case tea.MouseClickMsg:
		m.click(msg.Mouse())
		return m, nil
	case tea.MouseWheelMsg:
		mo := msg.Mouse()
		switch mo.Button {
		case tea.MouseWheelUp:
			m.wheel(-3) // help.go: the help or the ladder
		case tea.MouseWheelDown:
			m.wheel(3)
		}
		return m, nil
	}
	return m, nil
}

// advance moves the present while playing.
func (m *Model) advance(dt time.Duration) {
	if m.job != nil {
		return // the present waits for the run being computed
	}
	defer m.lessonSync() // a lesson stops at its beats
	n := len(m.tl.ev)
	if n == 0 {
		m.playing = false
		return
	}
	old := m.cur
	m.row += dt.Seconds() * rowsPerSecond * speeds[m.speed]
	if m.row >= m.tl.lastRow() {
		if m.predictHold(old, n-1) {
			return
		}
		m.seek(n-1, m.tl.ev[n-1].T)
		m.playing = false
		m.say(m.t(msg.LabEndOfRun, nil), pDim)
		m.sayStop(m.tl) // a stopped run says why it ends here
		return
	}
	m.cur = m.tl.revealedAt(m.row)
	if m.predictHold(old, m.cur) {
		return
	}
	m.now = m.tl.timeAtRow(m.row)
	if m.cur >= 0 {
		m.now = max(m.now, m.tl.ev[m.cur].T)
	}
}

func (m *Model) say(s string, p pen) { m.msg, m.msgPen, m.msgShort = s, p, "" }

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
			m.sayEnd()
			return m, nil
		}
		if m.predictHold(m.cur, m.cur+1) {
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
		m.sayStop(m.tl) // a run cut short says so at its end
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
	case key.Matches(msg, k.Details) && m.detailsKey():
		m.details = !m.details && m.sel >= 0
	case key.Matches(msg, k.Numbers):
		m.toggleNumbers()
	case key.Matches(msg, k.ZoomIn):
		m.zoomBy(1)
	case key.Matches(msg, k.ZoomOut):
		m.zoomBy(-1)
	case key.Matches(msg, k.Follow):
		m.top = -1
	case key.Matches(msg, k.ScrollUp):
		m.scroll(-m.ladderBodyH() / 2)
	case key.Matches(msg, k.ScrollDown):
		m.scroll(m.ladderBodyH() / 2)
	case interferes(k, msg):
		m.interfere(msg)
	case key.Matches(msg, k.Undo):
		m.undoFork()
	case key.Matches(msg, k.Open):
		m.openDialog(modalPicker)
		m.picker = picker{loading: true}
		return m, listScenarios
	case key.Matches(msg, k.Restart):
		m.load(m.run)
		m.playing = true
		m.sayRestarted()
		return m, m.startTicks()
	case key.Matches(msg, k.Export):
		m.openDialog(modalExport)
	case key.Matches(msg, k.Jump):
		m.openDialog(modalJump)
		m.jump = jumpForm{}
	case key.Matches(msg, k.Search):
		m.openDialog(modalSearch)
		m.search.in = entry{text: m.search.query}
	case key.Matches(msg, k.SearchNext):
		m.pause()
		m.searchNext()
	case key.Matches(msg, k.Info):
		m.openDialog(modalInfo)
		m.infoTop = 0
	case key.Matches(msg, k.Picture):
		return m, m.picture()
	case key.Matches(msg, k.Help):
		m.openDialog(modalHelp)
		m.helpTop = 0
	case key.Matches(msg, k.Lang):
		m.toggleLang()
	case key.Matches(msg, k.Predict):
		m.togglePredict()
	case key.Matches(msg, k.Explore):
		m.openExplore() // explore.go
	}
	return m, nil
}

// interfere handles a key that changes the run: refused, with the
// reason, on a recording.
func (m *Model) interfere(msg tea.KeyPressMsg) {
	k := &m.keys
	switch {
	case !m.run.canChange():
		m.sayFixed()
	case key.Matches(msg, k.Drop):
		m.dropNext()
	case key.Matches(msg, k.WhatIf):
		m.whatIf()
	case key.Matches(msg, k.CloseA):
		m.userAction(trace.A, trace.OpClose, nil)
	case key.Matches(msg, k.CloseB):
		m.userAction(trace.B, trace.OpClose, nil)
	case key.Matches(msg, k.AbortA):
		m.userAction(trace.A, trace.OpAbort, nil)
	case key.Matches(msg, k.AbortB):
		m.userAction(trace.B, trace.OpAbort, nil)
	case key.Matches(msg, k.Send):
		m.openDialog(modalSend)
		m.send = sendForm{side: trace.A, text: "hello"}
	case key.Matches(msg, k.Link):
		m.openDialog(modalLink)
		m.link = newLinkForm(m.linksAt(m.now)[0])
	case key.Matches(msg, k.MSL):
		m.openMSL() // dialog_msl.go
	case key.Matches(msg, k.Socket):
		m.openSocket() // dialog_socket.go
	}
}

func (m *Model) modalKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := msg.String()
	if k == "ctrl+c" {
		return m, tea.Quit
	}
	if k == "T" && !m.modalTyping() { // the language switches under any dialog that takes no text
		m.toggleLang()
		return m, nil
	}
	switch m.modal {
	case modalHelp:
		m.helpKey(k) // help.go
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
			m.sayOpened(it.sc.Name)
			return m, m.startTicks()
		}
	case modalLink:
		switch k {
		case "esc":
			m.modal = modalNone
		case "enter":
			cur := m.linksAt(m.now)
			a, ok1 := m.link.apply(cur[0], m.p)
			b, ok2 := m.link.apply(cur[1], m.p)
			if !ok1 || !ok2 {
				return m, nil
			}
			m.modal = modalNone
			links := [2]sim.LinkConfig{a, b}
			m.linkChanged(links) // forks.go
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
	default:
		return m.dialogKey(msg) // dialog_common.go
	}
	return m, nil
}
