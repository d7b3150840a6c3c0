package ui

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

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

// fork runs a new timeline and keeps the old one for u.
func (m *Model) fork(cfg *sim.Config, label string, cur int) {
	m.undo = append(m.undo, saved{cfg: m.cfg, tl: m.tl, branch: m.branch, cur: m.cur, now: m.now, sel: m.sel})
	m.cfg = cfg
	m.tl = newTimeline(m.simulate(cfg))
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
	a := m.action(side, op)
	a.Data = data
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
