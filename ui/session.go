package ui

import (
	"os"
	"sync/atomic"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tcpsim/tcpsim/lesson"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// A Session is the lab served to one person by `tcpsim serve`: the same
// Model, wrapped so that everything that would touch the serving machine
// (the scenario picker reading the working directory, an export writing
// into it) goes through SessionOptions instead, and so that a class can
// follow a teacher's lab. The wrapper lives in its own file so the lab's
// own code needs no change for serving.
type Session struct {
	m *Model
	o SessionOptions

	following bool        // a follower mirroring the leader
	gathered  bool        // a leader: the class follows (false: released)
	last      FollowState // a leader: what was published last
	who       bool        // a leader: the who-is-connected overlay is open
	whoTop    int         // the first line of the who list shown (it scrolls)
	notice    []string    // a box over the lab (how to fetch an export), any key closes it
	lead      FollowState // a follower: the leader's latest state
	status    atomic.Pointer[SessionStatus]
}

// Role is a session's part in follow mode.
type Role uint8

const (
	Solo     Role = iota // explores alone
	Leader               // the teacher: publishes every move
	Follower             // a student: mirrors the leader until released
)

// SessionOptions configure a served lab. Every service is injected: the
// session itself opens no file and writes none.
type SessionOptions struct {
	// Lang is the person's language ("en" or "zh"), from their terminal's
	// environment; kept for the lab's translations.
	Lang    string
	NoColor bool
	// Export saves a capture of tr under name where the person can fetch
	// it, and returns the command that fetches it. nil: no export.
	Export func(tr *trace.Trace, name string) (how string, err error)
	// Scenarios is what the picker offers; nil: the bundled library only.
	Scenarios func() []ScenarioEntry
	// MaxForks bounds the timelines kept for undo (0: no bound).
	MaxForks int
	// MaxEvents is a run's budget in events, for a scenario that sets
	// none (0: the lab's own). With MaxForks it bounds a lab's memory: at
	// most MaxForks+1 runs of at most MaxEvents events.
	MaxEvents int
	// Lesson is opened at the start (nil: none); ListLessons opens the
	// list of lessons (W) at the start instead. Lessons is what W lists;
	// nil: the bundled course (session_lesson.go).
	Lesson      *lesson.Lesson
	ListLessons bool
	Lessons     func() []*lesson.Lesson

	Role Role
	// Publish receives a leader's state after every change.
	Publish func(FollowState)
	// Who lists the connected people for a leader's overlay (key w).
	Who func() []Peer
}

// ScenarioEntry is one line of the picker: a scenario, or a file that
// failed to load and why.
type ScenarioEntry struct {
	File     string // "" for a bundled scenario
	Scenario *scenarios.Scenario
	Err      error
}

// FollowState is a leader's lab at one moment. Scenario, Config and Trace
// are shared between sessions and never changed after publication.
type FollowState struct {
	Scenario   *scenarios.Scenario
	Config     *sim.Config
	Trace      *trace.Trace
	Branch     string    // the fork's label in the leader's language
	BranchNote *msg.Note // the same, for a follower's own language
	Cur        int
	Now        time.Duration
	Row        float64
	Playing    bool
	Following  bool // false: the class is released to explore

	// The leader's open lesson (nil: none) and where it is in it
	// (follow_lesson.go); each follower keeps its own answers.
	Lesson    *lesson.Lesson
	Beat      int
	beatPhase lessonPhase
}

// FollowMsg brings a leader's state to a follower's program.
type FollowMsg struct{ State FollowState }

// Peer is one connected person, for the leader's overlay and the log.
type Peer struct {
	User, Addr, Lang string
	Width, Height    int
	Since            time.Time
	Status           SessionStatus
}

// SessionStatus is what others may read of a session while it runs.
type SessionStatus struct {
	Scenario  string
	Cur, N    int
	Following bool
	Forks     int
	// The open lesson ("": none), its beat and the questions answered.
	Lesson         string
	Beat, Beats    int
	Asked, Correct int
	Challenge      bool // the lesson ends with a challenge (a goal)
	GoalMet        bool // and the run on screen meets it
	// Predict mode (y): segments predicted, and how many right.
	Predicted, PredictedRight int
}

// NewSession builds the lab for one served person, starting on sc.
func NewSession(sc *scenarios.Scenario, o SessionOptions) *Session {
	s := &Session{o: o}
	autoplay := o.Role != Follower
	s.m = newModel(sc, Options{Lang: o.Lang}, modelOptions{autoplay: autoplay, mono: o.NoColor, dark: true, events: o.MaxEvents})
	s.following = o.Role == Follower
	s.gathered = o.Role == Leader
	if o.Role == Leader {
		s.m.say(s.m.t(msg.LabLeaderHint, nil), pWarn) // short: the help bar is narrow at 80 columns
	}
	s.startLesson()
	s.saveStatus()
	return s
}

// Lang is the language the session speaks now (T switches it).
func (s *Session) Lang() string { return s.m.p.Lang() }

// SetLang makes the session speak l ("en", "zh"), as the T key does.
func (s *Session) SetLang(l string) {
	s.o.Lang = l
	s.m.setLang(l)
	s.m.msg = "" // setLang's "now in English" is for the key, not a start
	if s.o.Role == Leader {
		s.m.say(s.m.t(msg.LabLeaderHint, nil), pWarn)
	}
}

// Status is safe to call from any goroutine.
func (s *Session) Status() SessionStatus {
	if p := s.status.Load(); p != nil {
		return *p
	}
	return SessionStatus{}
}

func (s *Session) saveStatus() {
	m := s.m
	st := &SessionStatus{Scenario: m.run.name, Cur: m.cur + 1, N: len(m.tl.ev), Following: s.following, Forks: len(m.undo),
		Predicted: m.pr.asked, PredictedRight: m.pr.right}
	s.lessonStatus(st)
	s.status.Store(st)
}

// Init starts the lab.
func (s *Session) Init() tea.Cmd { return s.m.Init() }

// Update handles a message, then lets a leader publish what changed.
func (s *Session) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := s.update(msg)
	if s.o.Role == Leader {
		s.publish(false)
	}
	s.saveStatus()
	return s, cmd
}

func (s *Session) update(msg tea.Msg) tea.Cmd {
	m := s.m
	switch msg := msg.(type) {
	case FollowMsg:
		s.follow(msg.State)
		return nil
	case sessionExportedMsg:
		s.exported(msg.name, msg.how, msg.err)
		return nil
	case tea.KeyPressMsg:
		if handled, cmd := s.key(msg); handled {
			return cmd
		}
	case tea.MouseClickMsg:
		if s.who {
			return nil
		}
	}
	_, cmd := m.Update(msg)
	return cmd
}

// key takes the keys a served lab treats differently; it reports whether
// it handled the key.
func (s *Session) key(msg tea.KeyPressMsg) (bool, tea.Cmd) {
	m, k := s.m, &s.m.keys
	if s.notice != nil {
		s.notice = nil
		return true, nil
	}
	if s.who {
		return true, s.whoKey(msg.String()) // follow.go
	}
	if m.modal != modalNone {
		if (m.modal == modalSend || m.modal == modalLink || m.modal == modalMSL) && msg.String() == "enter" && s.forksFull() {
			m.modal = modalNone
			return true, nil
		}
		return false, nil
	}
	if s.following && !s.allowedWhileFollowing(msg) {
		if s.lessonKeyWhileFollowing(msg) { // follow_lesson.go
			return true, s.answerWhileFollowing(msg)
		}
		s.sayFollowing()
		return true, nil
	}
	switch {
	case s.o.Role == Leader && msg.String() == "w":
		s.who, s.whoTop = true, 0
		return true, nil
	case s.o.Role == Leader && msg.String() == "F":
		s.gather()
		return true, nil
	case msg.String() == "W" && s.o.Lessons != nil:
		s.openLessons()
		return true, nil
	case key.Matches(msg, k.Open):
		m.modal = modalPicker
		m.picker = picker{loading: true}
		return true, s.listScenarios()
	case key.Matches(msg, k.Export):
		return true, s.export()
	case s.isForkKey(msg) && s.forksFull():
		return true, nil
	}
	return false, nil
}

// allowedWhileFollowing: looking around, help, export and quit; anything
// that moves time or forks would leave the teacher's timeline.
func (s *Session) allowedWhileFollowing(msg tea.KeyPressMsg) bool {
	k := &s.m.keys
	for _, b := range []key.Binding{k.Up, k.Down, k.Unselect, k.Follow, k.ScrollUp, k.ScrollDown, k.Help, k.Quit, k.Export, k.Lang, k.Info} {
		if key.Matches(msg, b) {
			return true
		}
	}
	return false
}

func (s *Session) isForkKey(msg tea.KeyPressMsg) bool {
	k := &s.m.keys
	return key.Matches(msg, k.Drop, k.WhatIf, k.CloseA, k.CloseB, k.AbortA, k.AbortB)
}

// forksFull says so when the undo stack is at its bound: each saved
// timeline holds a whole run, and a served lab shares one machine.
func (s *Session) forksFull() bool {
	if s.o.MaxForks <= 0 || len(s.m.undo) < s.o.MaxForks {
		return false
	}
	s.m.say(s.m.t(msg.LabForksFull, msg.Args{"N": s.o.MaxForks}), pWarn)
	return true
}

func (s *Session) sayFollowing() { s.m.say(s.m.t(msg.LabFollowingBlocked, nil), pWarn) }

// gather is a leader's F: the class follows, or explores on its own.
func (s *Session) gather() {
	s.gathered = !s.gathered
	if s.gathered {
		s.m.say(s.m.t(msg.LabClassFollows, nil), pGood)
	} else {
		s.m.say(s.m.t(msg.LabClassReleased, nil), pGood)
	}
	s.publish(true)
}

// exported tells where to fetch an export: in a box, whole, since the
// command is longer than the help bar.
func (s *Session) exported(name, how string, err error) {
	m := s.m
	if err != nil {
		m.say(m.t(msg.LabExportFailed, msg.Args{"Error": err.Error()}), pLost)
		return
	}
	s.notice = []string{m.t(msg.LabExportReady, msg.Args{"Name": name}), "", how, "", m.t(msg.LabExportThen, nil)}
	m.say(m.t(msg.LabExportedName, msg.Args{"Name": name}), pGood)
}

type sessionExportedMsg struct {
	name, how string
	err       error
}

func (s *Session) export() tea.Cmd {
	m := s.m
	if s.o.Export == nil {
		m.say(m.t(msg.LabExportNotHere, nil), pDim)
		return nil
	}
	name := m.run.name + ".pcapng"
	tr, fn := m.tl.tr, s.o.Export
	m.say(m.t(msg.LabExporting, msg.Args{"Path": name}), pDim)
	return func() tea.Msg {
		how, err := fn(tr, name)
		return sessionExportedMsg{name: name, how: how, err: err}
	}
}

// listScenarios offers what the server allows, never the working
// directory of the process.
func (s *Session) listScenarios() tea.Cmd {
	src := s.o.Scenarios
	return func() tea.Msg {
		var items []pickItem
		if src == nil {
			for _, sc := range scenarios.Bundled() {
				items = append(items, pickItem{sc: sc})
			}
			return scenarioListMsg{items: items}
		}
		for _, e := range src() {
			items = append(items, pickItem{sc: e.Scenario, path: e.File, err: e.Err})
		}
		return scenarioListMsg{items: items}
	}
}

// RunSession runs a session in this process's terminal (the teacher's
// lab in follow mode) and returns when it quits.
func RunSession(s *Session) error { return drive(s, os.Stdout) }
