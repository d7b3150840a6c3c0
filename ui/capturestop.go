package ui

import (
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/replay"
	"github.com/tcpsim/tcpsim/sim"
)

// CaptureLimits is the budget a capture opened in the lab is replayed
// with: the lab's own event budget (limits.go), as for a simulated run,
// and the engine's memory limit.
var CaptureLimits = sim.Limits{Events: labEvents}

// sayCaptureStop says where the run budget stopped a capture's replay,
// as sayStop does for a simulated run; nothing if it did not.
func (m *Model) sayCaptureStop(stop *replay.LimitError) {
	if stop == nil {
		return
	}
	a := msg.Args{"Frame": commas(int64(stop.Frame)), "T": fmtClock(stop.T), "Kept": commas(int64(stop.Kept)), "Value": commas(stop.Value), "MiB": stop.Value >> 20}
	id := msg.LabCaptureStopEvents
	if stop.Limit == "memory" {
		id = msg.LabCaptureStopMemory
	}
	m.say(m.t(id, a), pLost)
}
