package ui

import (
	"strconv"
	"time"

	"github.com/tcpsim/tcpsim/internal/lang"
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
		if m.events > 0 {
			c.Limits.Events = m.events
		}
	}
	tr, stop := sim.RunLimited(&c)
	if stop != nil {
		s := m.t(msg.LabStopped, msg.Args{"Error": m.limitText(stop)})
		if stop.Limit == "events" && cfg.Limits.Events == 0 {
			s += m.t(msg.LabBudget, nil)
		}
		m.say(s, pLost)
	}
	return tr
}

// limitText says which limit stopped the run, in the lab's language,
// from the error's fields. The engine's diagnosis of what was going on
// (What) is English prose, so only the English lab quotes it.
func (m *Model) limitText(e *sim.LimitError) string {
	a := msg.Args{"T": fmtClock(e.At), "Done": commas(int64(e.Done)), "Value": commas(e.Value), "Limit": e.Limit}
	var s string
	switch e.Limit {
	case "time":
		s = m.t(msg.PolishLimitTime, msg.Args{"T": fmtClock(time.Duration(e.Value))})
	case "memory":
		a["MiB"] = e.Value >> 20
		s = m.t(msg.PolishLimitMemory, a)
	case "in_flight":
		s = m.t(msg.PolishLimitInFlight, a)
	case "segments":
		s = m.t(msg.PolishLimitSegments, a)
	default:
		s = m.t(msg.PolishLimitEvents, a)
	}
	if e.What != "" && m.p.Lang() == lang.English {
		s += ": " + e.What
	}
	return s + m.t(msg.PolishLimitRaise, msg.Args{"Key": "{" + e.Limit + ": …}"})
}

// commas writes a count with thousands separators, as the engine does.
func commas(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
