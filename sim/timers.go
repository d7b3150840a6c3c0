package sim

import (
	"time"

	"github.com/tcpsim/tcpsim/fsm"
)

// Timers in the event queue. Most re-arms push a timer later: the RTO
// restarts on every ACK, keep-alive on every arrival. Pushing an entry
// each time left the queue full of stale ones (a quarter of all pops in a
// lifecycle). Instead a timer keeps the one entry it has while that entry
// is due no later than the new deadline; when it pops, the timer is moved
// on to its deadline with the order it took when it was armed (seq), so
// the run is event for event what it would be with an entry per arm.

// schedule arms timer t of e to fire at at.
func (e *endpoint) schedule(t fsm.Timer, at time.Duration) {
	s := e.s
	ts := &e.timers[t]
	ts.gen++
	ts.at = at
	ts.seq = s.seq
	s.seq++ // the place an entry pushed now would take
	if ts.queued && ts.qAt <= at {
		return // the entry in the queue comes first and moves the timer on (due)
	}
	s.insert(item{at: at, seq: ts.seq, kind: itemTimer, side: e.side, rec: e.idx, timer: t, gen: ts.gen, after: s.prof.LateTimers})
	ts.queued, ts.qGen, ts.qAt = true, ts.gen, at
}

// due says whether a popped timer entry fires now. An entry the timer
// relies on but which is early (the timer was re-armed later) goes back
// into the queue at the timer's deadline, in the order it was armed.
func (e *endpoint) due(it *item) bool {
	ts := &e.timers[it.timer]
	if !ts.queued || ts.qGen != it.gen {
		return false // an entry the timer no longer relies on
	}
	ts.queued = false
	if !ts.armed {
		return false // cancelled
	}
	if ts.gen == it.gen {
		return true
	}
	moved := *it
	moved.at, moved.seq, moved.gen = ts.at, ts.seq, ts.gen
	e.s.insert(moved)
	ts.queued, ts.qGen, ts.qAt = true, ts.gen, ts.at
	return false
}
