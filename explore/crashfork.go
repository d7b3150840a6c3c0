package explore

import (
	"math"
	"time"

	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
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
	var scan crashScan
	n := 0
	s.RunForkingInstants(math.MaxInt32, nil, func(t time.Duration, fork sim.Fork) {
		w.pts[0] = scan.at(s.Trace().Events, t, 0, w.cfg.Until, w.pts[0][:0])
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
	after, read := time.Duration(math.MaxInt64), 0 // the last drop's send, once read
	var scan crashScan
	s.RunForkingInstants(from, branch, func(t time.Duration, fork sim.Fork) {
		for evs := s.Trace().Events; read < len(evs) && after == math.MaxInt64; read++ {
			if ev := &evs[read]; ev.Kind == trace.KSend && ev.ID == pickID(drops[d-1]) {
				after = ev.T
			}
		}
		w.pts[d] = scan.at(s.Trace().Events, t, after, w.cfg.Until, w.pts[d][:0])
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
		fork(w.sims[d], w.config(drops, c))
		w.walk(w.sims[d], drops, c)
	}
}
