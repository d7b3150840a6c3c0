package ui

import (
	"slices"
	"sort"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/trace"

	"github.com/tcpsim/tcpsim/sim"
)

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

// action is an interactive call at the present: at the instant shown,
// after everything else at that instant (sim.Action.Late), so what is
// already on screen stays exactly as it is.
func (m *Model) action(side trace.Side, op trace.Op) sim.Action {
	return sim.Action{At: m.now, Side: side, Op: op, Late: true}
}

// fork runs a new timeline and keeps the old one for u. The label is a
// note, put into words in whatever language the lab speaks at the time.
func (m *Model) fork(cfg *sim.Config, label msg.Note, cur int) {
	m.forkThen(cfg, label, cur, nil)
}

// forkThen is fork, then after once the new timeline is shown: at once
// for a small run, when it is computed for a big one (compute.go). The
// undo stack keeps the old configuration, and its timeline while they
// fit in undoMemory.
func (m *Model) forkThen(cfg *sim.Config, label msg.Note, cur int, after func()) {
	s := saved{cfg: m.cfg, tl: m.tl, branchNote: m.branchNote, cur: m.cur, now: m.now, sel: m.sel}
	now := m.now
	m.started = m.compute(cfg, func(m *Model, tl *timeline, _ *sim.LimitError) tea.Cmd {
		m.undo = append(m.undo, s)
		dropped := m.trimUndo()
		m.cfg, m.tl = cfg, tl
		m.setBranch(&label)
		m.seek(cur, now)
		if after != nil {
			after()
		}
		if dropped {
			m.msg += m.t(msg.LabUndoRecompute, msg.Args{"N": len(m.undo) + 1})
		}
		return nil
	}, func(m *Model, _ *timeline) { m.say(m.t(msg.LabCancelledFork, nil), pDim) })
}

func (m *Model) undoFork() {
	if len(m.undo) == 0 {
		m.say(m.t(msg.LabNothingToUndo, nil), pDim)
		return
	}
	s := m.undo[len(m.undo)-1]
	m.undo = m.undo[:len(m.undo)-1]
	back := func(m *Model, tl *timeline, _ *sim.LimitError) tea.Cmd {
		m.cfg, m.tl, m.sel = s.cfg, tl, s.sel
		m.setBranch(s.branchNote)
		m.seek(s.cur, s.now)
		m.top = -1
		if m.branch == "" {
			m.say(m.t(msg.LabBackOriginal, nil), pGood)
		} else {
			m.say(m.t(msg.LabBackTo, msg.Args{"Branch": m.branch}), pGood)
		}
		return nil
	}
	if s.tl != nil {
		back(m, s.tl, nil)
		return
	}
	// Too big to have been kept: computed again, the same run.
	m.started = m.compute(s.cfg, back, func(m *Model, _ *timeline) {
		m.undo = append(m.undo, s)
		m.say(m.t(msg.LabCancelledFork, nil), pDim)
	})
}

// undoMemory bounds the memory of the timelines the undo stack keeps; an
// older one past it keeps only its configuration, and undo computes it
// again (deterministic: the same timeline). bytesPerEvent is a laid-out
// timeline's cost, trace included (measured: 323 B at MSS 1).
var undoMemory int64 = 192 << 20

const bytesPerEvent = 340

// trimUndo drops the timelines of the oldest saved versions past
// undoMemory, and reports whether it dropped one.
func (m *Model) trimUndo() bool {
	var sum int64
	dropped := false
	for i := len(m.undo) - 1; i >= 0; i-- {
		s := &m.undo[i]
		if s.tl == nil {
			continue
		}
		sum += int64(len(s.tl.ev)) * bytesPerEvent
		if sum > undoMemory {
			s.tl, dropped = nil, true
		}
	}
	return dropped
}

// setBranch names the timeline shown: nil for the scenario's own.
func (m *Model) setBranch(n *msg.Note) {
	m.branchNote, m.branch = n, ""
	if n != nil {
		m.branch = m.p.Say(*n)
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
		m.say(m.t(msg.LabNothingToDrop, nil), pDim)
		return
	}
	send := &m.tl.ev[m.tl.arrows[target].send]
	label := segLabels(&send.Seg)[0]
	old := m.tl.ev
	cur := m.cur
	sendIdx := int(m.tl.arrows[target].send)
	id := send.ID
	m.forkThen(m.withFault(sim.Fault{Kind: sim.FaultDropID, ID: id}), lostNote(label), m.cur, func() {
		if sendIdx <= cur {
			// The drop is recorded right after the sending: the prefix grew.
			delta := countUpTo(m.tl.ev, old[sendIdx].T) - countUpTo(old, old[sendIdx].T)
			m.seek(cur+delta, m.now)
		}
		m.sel = m.arrowOfID(id)
		m.say(m.t(msg.LabDropped, msg.Args{"Seg": label, "Hint": m.forkHint()}), pWarn)
	})
}

// whatIf forks "what if this past segment had been lost".
func (m *Model) whatIf() {
	a := m.selected()
	if a < 0 {
		m.say(m.t(msg.LabSelectFirst, nil), pDim)
		return
	}
	ar := &m.tl.arrows[a]
	send := &m.tl.ev[ar.send]
	switch {
	case ar.lost:
		m.say(m.t(msg.LabAlreadyLost, nil), pDim)
		return
	case ar.dup:
		m.say(m.t(msg.LabIsCopy, nil), pDim)
		return
	case !m.tl.arrived(a, m.cur):
		m.say(m.t(msg.LabInFlight, nil), pDim)
		return
	}
	label := segLabels(&send.Seg)[0]
	id, at, sendIdx := send.ID, send.T, int(ar.send)
	m.forkThen(m.withFault(sim.Fault{Kind: sim.FaultDropID, ID: id}), lostNote(label), m.cur, func() {
		// Go to the fork point: the moment it was sent, now lost.
		k := sendIdx
		if k+1 < len(m.tl.ev) && m.tl.ev[k+1].Kind == trace.KDrop {
			k++
		}
		m.seek(k, at)
		m.top = -1
		m.sel = m.arrowOfID(id)
		m.say(m.t(msg.LabWhatIf, msg.Args{"Seg": label, "T": trace.FormatDuration(at), "Hint": m.forkHint()}), pWarn)
	})
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
	return m.t(msg.LabForkHint, msg.Args{"N": len(m.undo)})
}

func lostNote(seg string) msg.Note {
	return msg.Note{ID: msg.LabBranchLost, Args: msg.Args{"Seg": seg}}
}

// linkChanged forks a timeline where the link is links from now on.
func (m *Model) linkChanged(links [2]sim.LinkConfig) {
	at := trace.FormatDuration(m.now)
	act := m.action(trace.A, trace.OpLink)
	act.Link = &links
	m.forkThen(m.withAction(act), msg.Note{ID: msg.LabBranchLink, Args: msg.Args{"T": at}}, m.cur, func() {
		m.say(m.t(msg.LabLinkNow, msg.Args{"Link": linkText(m.p, "", links[0]), "T": at}), pGood)
	})
}

// userAction makes a side call CLOSE, ABORT or SEND right now.
func (m *Model) userAction(side trace.Side, op trace.Op, data []byte) {
	a := m.action(side, op)
	a.Data = data
	what := strings.ToUpper(op.String())
	if op == trace.OpSend {
		what = m.p.N(msg.LabSendCall, len(data), nil)
	}
	m.callNow(a, what)
}

// callNow forks a timeline where a happens now; what names the call.
func (m *Model) callNow(a sim.Action, what string) {
	at := trace.FormatDuration(m.now)
	m.forkThen(m.withAction(a), msg.Note{ID: msg.LabBranchCall, Args: msg.Args{"Side": a.Side.Upper(), "Call": what, "T": at}}, m.cur, func() {
		m.say(m.t(msg.LabCalls, msg.Args{"Side": a.Side.Upper(), "Call": what, "T": at, "Hint": m.forkHint()}), pWarn)
	})
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
