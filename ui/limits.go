package ui

import (
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// labEvents is the lab's own default event budget, below the engine's:
// every fork keeps its whole timeline for undo, so a run of millions of
// events would freeze the lab and exhaust memory. A scenario's limits:
// block still decides; headless verbs take the engine's defaults.
const labEvents = 300_000

// simulate runs cfg under its budget. A stopped run is shown up to the
// limit, and the status line says which limit and what was going on.
func (m *Model) simulate(cfg *sim.Config) *trace.Trace {
	c := *cfg
	if c.Limits.Events == 0 {
		c.Limits.Events = labEvents
	}
	tr, stop := sim.RunLimited(&c)
	if stop != nil {
		s := m.t(msg.LabStopped, msg.Args{"Error": stop.Error()})
		if stop.Limit == "events" && cfg.Limits.Events == 0 {
			s += m.t(msg.LabBudget, nil)
		}
		m.say(s, pLost)
	}
	return tr
}
