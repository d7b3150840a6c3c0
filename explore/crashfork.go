package explore

import (
	"math"
	"time"

	"github.com/tcpsim/tcpsim/sim"
)

// crashGroups is how many tasks share the root run's crash subtrees: one
// per worker would leave the last ones unbalanced, and each task reruns
// the root once to fork its crashes from.
func crashGroups(root []Crash, workers int) int {
	instants := 0
	for i := range root {
		if i == 0 || root[i].At != root[i-1].At {
			instants++
		}
	}
	if workers <= 1 {
		return min(1, instants)
	}
	return min(4*workers, instants)
}

// crashGroup explores the crash subtrees of the root run after every
// instant of rank g modulo groups (counting the instants with crash
// points): it runs the root once and forks each crash from the instant
// just before it (sim.RunForkingInstants), rather than rerunning the
// prefix for each crash.
func (w *walker) crashGroup(g, groups int) {
	if w.ctx.Err() != nil {
		return
	}
	s := w.start(nil, Crash{})
	n := 0
	s.RunForkingInstants(math.MaxInt32, nil, func(t time.Duration, fork sim.Fork) {
		w.pts[0] = w.caughtUp(s, 0).scan.points(t, 0, w.cfg.Until, w.pts[0][:0])
		if len(w.pts[0]) == 0 {
			return
		}
		if n++; (n-1)%groups == g {
			w.crashes(fork, nil, w.pts[0])
		}
	})
}

// runCrashing runs s (drops, no crash yet) and, as each instant from the
// last drop's transmission on ends, explores the crashes just after it
// from a fork.
func (w *walker) runCrashing(s *sim.Sim, from int32, drops []int32, branch func(lo, hi int32, fork sim.Fork)) {
	d := len(drops)
	w.accs[d].watchFor(pickID(drops[d-1])) // crashes come after the last drop's send
	s.RunForkingInstants(from, branch, func(t time.Duration, fork sim.Fork) {
		a := w.caughtUp(s, d)
		w.pts[d] = a.scan.points(t, a.watchT, w.cfg.Until, w.pts[d][:0])
		w.crashes(fork, drops, w.pts[d])
	})
}

// crashes explores each crash in cs, all at the same instant, from fork.
func (w *walker) crashes(fork sim.Fork, drops []int32, cs []Crash) {
	d := len(drops) + 1
	for _, c := range cs {
		if w.ctx.Err() != nil {
			return
		}
		w.walk(w.forkTo(fork, d, w.config(drops, c)), drops, c)
	}
}
