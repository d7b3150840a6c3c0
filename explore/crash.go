package explore

import (
	"time"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// Crash is a reboot of one endpoint (RFC 9293 §3.5.1): the host forgets
// the connection and tells the peer nothing. The explorer crashes an end
// 1 ns after an instant at which something happened, so that the crash
// follows everything at that instant, and a scenario file can state it
// as a timeline step (the loader's crash action at that time).
type Crash struct {
	At   time.Duration // 0: no crash
	Side trace.Side
	from int32 // transmissions made before it: later drops have these IDs or more
}

// Set says whether the run crashes an end.
func (c Crash) Set() bool { return c.At > 0 }

func (c Crash) n() int {
	if c.Set() {
		return 1
	}
	return 0
}

// less orders crashes: earlier, then A before B.
func (c Crash) less(d Crash) bool {
	if c.At != d.At {
		return c.At < d.At
	}
	return c.Side < d.Side
}

func (c Crash) action() sim.Action { return sim.Action{At: c.At, Side: c.Side, Op: trace.OpCrash} }

// crashPoints lists every crash the explorer tries in tr's run: each end
// not CLOSED, just after each instant from `after` on at which an event
// happened (no later than until). A crash of a CLOSED end changes nothing.
func crashPoints(tr *trace.Trace, after, until time.Duration, dst []Crash) []Crash {
	var sc crashScan
	evs := tr.Events
	for i := range evs {
		sc.read(&evs[i])
		if i+1 < len(evs) && evs[i+1].T == evs[i].T {
			continue // not the instant's last event
		}
		dst = sc.points(evs[i].T, after, until, dst)
	}
	return dst
}

// crashScan reads a run's events in order (analyser.event), to list the
// crash points of each instant as soon as it has ended (crashPoints).
type crashScan struct {
	state [2]fsm.State
	sent  int32
}

func (sc *crashScan) read(ev *trace.Event) {
	if ev.Kind == trace.KState {
		sc.state[ev.Side] = ev.To
	}
	if ev.Kind == trace.KSend {
		sc.sent = max(sc.sent, ev.ID+1)
	}
}

// points appends the crash points of instant t, once sc has read its last
// event (if t is from `after` on and t+1 ns no later than until).
func (sc *crashScan) points(t, after, until time.Duration, dst []Crash) []Crash {
	if until <= 0 {
		until = sim.DefaultUntil
	}
	if t < after || t+1 > until {
		return dst
	}
	for side := trace.A; side <= trace.B; side++ {
		if sc.state[side] != fsm.Closed {
			dst = append(dst, Crash{At: t + 1, Side: side, from: sc.sent})
		}
	}
	return dst
}
