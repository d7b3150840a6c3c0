package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/tcpsim/tcpsim/explore"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// The explore view (E): the timeline shown, run under every pattern of up
// to K lost segments (and a crash of either end), its outcome classes with
// their smallest examples, and the fsm rows the runs fired. Enter opens an
// example as a fork, its lost segments marked as the lab marks any.

type exploreStage uint8

const (
	exploreSetup exploreStage = iota
	exploreRunning
	exploreResult
)

// exploreView is the state of the explore view between frames.
type exploreView struct {
	stage    exploreStage
	drops    int  // K, 1 to 3
	crash    bool // also crash either end once per run
	gen      int  // which exploration a result belongs to
	cancel   context.CancelFunc
	cfg      *sim.Config // what was explored
	opened   *sim.Config // the fork an example was opened in
	rep      *explore.Report
	classes  []*explore.Class
	viols    []*explore.Violation
	sel      int  // chosen item: classes, then violations (numbered from 1)
	coverage bool // the bottom shows coverage instead of the example
}

// exploredMsg brings an exploration's report back from its goroutine.
type exploredMsg struct {
	gen int
	rep *explore.Report
}

func (v *exploreView) items() int { return len(v.classes) + len(v.viols) }

// example is the chosen item's smallest run.
func (v *exploreView) example() explore.Example {
	if v.sel < len(v.classes) {
		return v.classes[v.sel].Example
	}
	return v.viols[v.sel-len(v.classes)].Example
}

// openExplore opens the view: on the last result if it explored this very
// timeline, else on the setup.
func (m *Model) openExplore() {
	if !m.run.canChange() {
		m.sayFixed()
		return
	}
	m.openDialog(modalExplore)
	if m.xv.stage == exploreResult && (m.xv.cfg == m.cfg || m.xv.opened == m.cfg) {
		return
	}
	if m.xv.drops == 0 {
		m.xv.drops = 1
	}
	m.xv.stage = exploreSetup
}

// startExplore runs the exploration in the background; its report comes
// back as an exploredMsg.
func (m *Model) startExplore() tea.Cmd {
	v := &m.xv
	v.gen++
	v.stage, v.cfg, v.rep, v.sel, v.coverage = exploreRunning, m.cfg, nil, 0, false
	ctx, cancel := context.WithCancel(context.Background())
	v.cancel = cancel
	gen, cfg := v.gen, m.cfg
	// No Limit: a limit makes explore rerun every pattern from the start
	// instead of forking, ~1.6× the CPU; the largest bundled case (K=3
	// and a crash on data-with-loss, 87k runs) takes about a second, and
	// esc stops a longer one.
	opt := explore.Options{Drops: v.drops, Crash: v.crash}
	return func() tea.Msg {
		defer cancel()
		return exploredMsg{gen: gen, rep: explore.Explore(ctx, cfg, opt)}
	}
}

// explored takes a report in, unless it is stale or was stopped.
func (m *Model) explored(r exploredMsg) {
	v := &m.xv
	if r.gen != v.gen || v.stage != exploreRunning {
		return
	}
	v.stage, v.rep, v.cancel = exploreResult, r.rep, nil
	v.classes, v.viols = r.rep.Numbered()
}

// stopExplore abandons a running exploration.
func (v *exploreView) stop() {
	if v.cancel != nil {
		v.cancel()
		v.cancel = nil
	}
	v.gen++
	v.stage = exploreSetup
}

// exploreKey handles a key in the explore view.
func (m *Model) exploreKey(k string) tea.Cmd {
	v := &m.xv
	switch v.stage {
	case exploreSetup:
		switch k {
		case "esc", "q":
			m.modal = modalNone
		case "left", "h", "-":
			v.drops = max(v.drops-1, 1)
		case "right", "l", "+":
			v.drops = min(v.drops+1, 3)
		case "1", "2", "3":
			v.drops = int(k[0] - '0')
		case "c", "tab", "space":
			v.crash = !v.crash
		case "enter":
			return m.startExplore()
		}
	case exploreRunning:
		if k == "esc" || k == "q" {
			v.stop()
		}
	case exploreResult:
		m.exploreResultKey(k)
	}
	return nil
}

func (m *Model) exploreResultKey(k string) {
	v := &m.xv
	switch k {
	case "esc", "q":
		m.modal = modalNone
	case "up", "k":
		v.sel = max(v.sel-1, 0)
	case "down", "j":
		v.sel = min(v.sel+1, max(v.items()-1, 0))
	case "home", "g":
		v.sel = 0
	case "end", "G":
		v.sel = max(v.items()-1, 0)
	case "v":
		v.coverage = !v.coverage
	case "r":
		v.stage = exploreSetup
	case "enter":
		if v.items() > 0 {
			m.openExample()
		}
	}
}

// openExample forks the chosen example's run into the lab and puts the
// present just before its first lost segment.
func (m *Model) openExample() {
	v := &m.xv
	ex := v.example()
	c := ex.Config(v.cfg)
	n := v.sel + 1
	lost := ex.Lost()
	m.modal = modalNone
	// After the run is computed: at once here, later for a big one.
	m.forkThen(&c, msg.Note{ID: msg.XvBranch, Args: msg.Args{"N": n, "Lost": len(lost)}}, -1, func() {
		k := m.firstLostSend(lost)
		if k+1 < len(m.tl.ev) && m.tl.ev[k+1].Kind == trace.KDrop {
			k++ // show it lost, as a what-if does
		}
		m.seek(k, 0)
		m.top = -1
		v.opened = m.cfg
		if len(lost) > 0 {
			m.sel = m.arrowOfID(lost[0])
		}
		m.say(m.t(msg.XvOpened, msg.Args{"N": n, "Hint": m.forkHint()}), pWarn)
	})
}

// firstLostSend is the index of the event sending the first of the lost
// transmissions, or -1 (the start) when none is lost.
func (m *Model) firstLostSend(lost []int32) int {
	if len(lost) == 0 {
		return -1
	}
	for k := range m.tl.ev {
		if ev := &m.tl.ev[k]; ev.Kind == trace.KSend && ev.ID == lost[0] {
			return k
		}
	}
	return -1
}
