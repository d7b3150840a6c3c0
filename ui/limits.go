package ui

import (
	"strconv"
	"time"

	"github.com/tcpsim/tcpsim/internal/lang"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/sim"
)

// labEvents is the lab's own default event budget, below the engine's:
// a run of millions of events would take the lab long to lay out and a
// lot of memory to show (the undo stack is bounded apart, forks.go). A scenario's limits:
// block still decides; headless verbs take the engine's defaults.
const labEvents = 300_000

// markStop keeps on tl which limit stopped its run, so that reaching the
// end of the run says it again rather than a plain "end of the run".
func markStop(tl *timeline, cfg *sim.Config, stop *sim.LimitError) {
	if tl != nil {
		tl.stop = stop
		tl.labBudget = stop != nil && stop.Limit == "events" && cfg.Limits.Events == 0
	}
}

// sayStop says which limit stopped tl's run (shown up to the limit) and
// what was going on; nothing if none did.
func (m *Model) sayStop(tl *timeline) {
	if tl == nil || tl.stop == nil {
		return
	}
	say := func(what bool) string {
		s := m.t(msg.LabStopped, msg.Args{"Error": m.limitText(tl.stop, what)})
		if tl.labBudget {
			s += m.t(msg.LabBudget, nil)
		}
		return s
	}
	m.say(say(true), pLost)
	m.msgShort = say(false)
}

// limitText says which limit stopped the run, in the lab's language,
// from the error's fields. The engine's diagnosis of what was going on
// (What) is English prose, so only the English lab quotes it, and only
// where there is room (what).
func (m *Model) limitText(e *sim.LimitError, what bool) string {
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
	if what && e.What != "" && m.p.Lang() == lang.English {
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
