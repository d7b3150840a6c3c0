package ui

import (
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// A run is computed in slices (sim.RunFor). A small one, which is nearly
// every scenario, is finished inside Update as before; a big one goes on
// in the background (a tea.Cmd), so the lab draws its first frame at once,
// a progress line counts the events, q ? T still work, and esc cancels.
// Slicing changes nothing in the run: it is the same events either way.

// inlineEvents are the events simulated before a run is handed to the
// background: about a tenth of a second of work.
var inlineEvents = 20_000

// sliceEvents are the events between two looks at the cancel flag.
var sliceEvents = 16_384

// afterSlice, when set (by tests), is called by the background goroutine
// after each slice: a test holds a run there to see the lab meanwhile.
var afterSlice func()

const progressEvery = 100 * time.Millisecond

// job is a run being computed in the background.
type job struct {
	s      *sim.Sim
	limit  int // the run's event budget
	zoom   int
	p      *msg.Printer
	done   atomic.Int64 // events simulated so far
	laying atomic.Bool  // simulated; being laid out
	cancel atomic.Bool
	// load: a run opened from its start. On cancel it is laid out as far
	// as it went; when done the status line says it is ready. (A fork
	// cancelled leaves the lab where it was.)
	load    bool
	refused bool // a key was refused: the progress line says why
	// finish runs in Update with the result; cancelled (nil: nothing to
	// do) gets the run laid out as far as it went.
	finish    func(m *Model, tl *timeline, stop *sim.LimitError) tea.Cmd
	cancelled func(m *Model, tl *timeline)
}

type computedMsg struct {
	j         *job
	tl        *timeline
	stop      *sim.LimitError
	cancelled bool
}

type progressMsg struct{ j *job }

// compute runs cfg under the lab's budget, then finish. It returns at once
// if the run is small (finish has run) or hands it to the background: the
// command that continues it is picked up by Init or Update (m.started).
func (m *Model) compute(cfg *sim.Config, finish func(*Model, *timeline, *sim.LimitError) tea.Cmd, cancelled func(*Model, *timeline)) tea.Cmd {
	c := *cfg
	if c.Limits.Events == 0 {
		c.Limits.Events = labEvents
		if m.events > 0 { // a served lab's budget (serve --max-events)
			c.Limits.Events = m.events
		}
	}
	s := sim.New(&c)
	if s.RunFor(inlineEvents) {
		tl := m.timelineOf(s.Trace())
		markStop(tl, cfg, s.Stopped())
		m.sayStop(tl)
		return finish(m, tl, s.Stopped())
	}
	j := &job{s: s, limit: c.Limits.Events, zoom: m.zoom, p: m.p, cancelled: cancelled}
	j.finish = func(m *Model, tl *timeline, stop *sim.LimitError) tea.Cmd {
		markStop(tl, cfg, stop)
		m.sayStop(tl)
		return finish(m, tl, stop)
	}
	j.done.Store(int64(len(s.Trace().Events)))
	m.job = j
	return tea.Batch(j.run, j.tick())
}

// run continues the simulation in its own goroutine; nothing else touches
// j.s meanwhile.
func (j *job) run() tea.Msg {
	n := len(j.s.Trace().Events)
	for {
		n += sliceEvents
		over := j.s.RunFor(n)
		j.done.Store(int64(len(j.s.Trace().Events)))
		if afterSlice != nil {
			afterSlice()
		}
		if j.cancel.Load() {
			var tl *timeline
			if j.load {
				tl = newTimelineIn(j.s.Trace(), j.zoom, j.p)
			}
			return computedMsg{j: j, tl: tl, cancelled: true}
		}
		if over {
			break
		}
	}
	j.laying.Store(true)
	return computedMsg{j: j, tl: newTimelineIn(j.s.Trace(), j.zoom, j.p), stop: j.s.Stopped()}
}

func (j *job) tick() tea.Cmd {
	return tea.Tick(progressEvery, func(time.Time) tea.Msg { return progressMsg{j} })
}

// computed takes a finished (or cancelled) job's result.
func (m *Model) computed(r computedMsg) tea.Cmd {
	if r.j != m.job {
		return nil // superseded
	}
	m.job = nil
	if r.tl != nil && r.tl.p != m.p {
		r.tl = r.tl.in(m.p) // the language changed meanwhile
	}
	if r.cancelled {
		if r.j.cancelled != nil {
			r.j.cancelled(m, r.tl)
		}
		return nil
	}
	cmd := r.j.finish(m, r.tl, r.stop)
	if r.j.load && r.stop == nil {
		m.say(m.t(msg.LabReady, msg.Args{"N": commas(int64(len(r.tl.ev)))}), pGood)
	}
	return cmd
}

// progress is the status line while a job runs.
func (m *Model) progress() string {
	j := m.job
	switch {
	case j.cancel.Load():
		return m.t(msg.LabCancelling, nil)
	case j.laying.Load():
		return m.t(msg.LabLayingOut, msg.Args{"N": commas(j.done.Load())})
	}
	id := msg.LabComputing
	if j.refused {
		id = msg.LabBusy
	}
	return m.t(id, msg.Args{"Done": commas(j.done.Load()), "Limit": commas(int64(j.limit))})
}

// busyKey handles a key while a job runs: quit, help, language and esc
// (cancel) work; anything else would act on a run not there yet.
func (m *Model) busyKey(k tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	if m.modal == modalHelp {
		return m.onKey(k)
	}
	m.job.refused = false
	switch k.String() {
	case "q", "ctrl+c", "?", "T":
		return m.onKey(k)
	case "esc":
		m.job.cancel.Store(true)
		return m, nil
	}
	m.job.refused = true
	return m, nil
}

// emptyTimeline is what the lab shows until a run's first result: the two
// endpoints, no events.
func (m *Model) emptyTimeline(cfg *sim.Config) *timeline {
	return m.timelineOf(&trace.Trace{Ends: cfg.Ends(), Delay: [2]time.Duration{cfg.AtoB.Delay, cfg.BtoA.Delay}})
}

// loaded shows a run just computed from its start.
func loaded(m *Model, tl *timeline, _ *sim.LimitError) tea.Cmd {
	m.tl = tl
	m.seek(-1, 0)
	return nil
}

// loadCancelled shows the run as far as it went.
func loadCancelled(m *Model, tl *timeline) {
	m.tl = tl
	m.seek(-1, 0)
	m.say(m.t(msg.LabCancelledLoad, msg.Args{"N": commas(int64(len(tl.ev)))}), pLost)
}

// takeStarted hands over the command of a job just started, once.
func (m *Model) takeStarted() tea.Cmd {
	c := m.started
	m.started = nil
	return c
}
