// Package explore runs a scenario under every pattern of up to K lost
// transmissions and reports the outcome classes, invariant violations and
// fsm rows covered. It is exhaustive: each transmission (retransmissions
// included) is a branch point, delivered or lost.
package explore

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// Options bound an exploration.
type Options struct {
	Drops    int  // at most this many lost transmissions per run
	Dups     int  // at most this many duplicated by the link per run
	Reorders int  // at most this many held back behind later segments per run
	Crash    bool // also crash (reboot) either end once per run, at any instant
	Limit    int  // stop after this many runs (0: no limit)
	Workers  int  // 0: GOMAXPROCS
}

// Explore runs cfg under every drop pattern allowed by opt. The report is
// the same, byte for byte, whatever the number of workers: each worker
// folds its runs into its own report, folding is order-free (an example
// is the smallest run, not the first seen) and the reports are merged.
//
// Branches share their prefix: a run forks at each transmission and the
// lost branch resumes from a snapshot taken just before the event that
// sent it (sim.RunForking), rather than from the start. With a Limit,
// runs go level by level in a fixed order, so what is cut is the same
// every time; that path forks each run from its parent's (levels.go).
func Explore(ctx context.Context, cfg *sim.Config, opt Options) *Report {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if opt.Limit > 0 {
		return exploreLevels(ctx, cfg, opt, workers)
	}
	rep := newReport(opt)
	walkers := make([]*walker, workers)
	for w := range walkers {
		walkers[w] = getWalker(ctx, cfg, opt, newReport(opt))
		defer walkers[w].put()
	}
	s := walkers[0].start(nil, Crash{})
	var root []Crash
	walkers[0].run(s, 0, opt.Crash, &root)
	walkers[0].fold(s, nil, Crash{})
	picks := mkPick(s.Transmissions(), 0) // subtrees by their first fault: a pick,
	groups := crashGroups(root, workers)  // or a crash (in groups: crashfork.go)
	tasks := picks + int32(groups)
	var next atomic.Int32
	var wg sync.WaitGroup
	for _, wk := range walkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := next.Add(1) - 1; p < tasks && ctx.Err() == nil; p = next.Add(1) - 1 {
				switch {
				case p >= picks:
					wk.crashGroup(int(p-picks), groups)
				case wk.allowed(nil, pickKind(p)):
					wk.task(p)
				}
			}
		}()
	}
	wg.Wait()
	for _, wk := range walkers {
		rep.merge(wk.rep)
	}
	rep.Cancelled = ctx.Err() != nil
	return rep
}

// walker explores subtrees depth first on one goroutine, with one Sim,
// Config and analyser per depth, reused from run to run.
type walker struct {
	ctx  context.Context
	cfg  *sim.Config
	opt  Options
	k    int // faults at most: Drops + Dups + Reorders (+ 1 crash)
	rep  *Report
	sims []*sim.Sim
	cfgs []sim.Config
	res  result
	pts  [][]Crash // crash points, per depth

	lean bool                      // runs keep no trace: their analysers read each step (lean.go)
	accs []*analyser               // per depth
	sees []func(evs []trace.Event) // accs[d].read, made once
}

// walkers keeps walkers' engines (and their grown traces) from one
// exploration to the next.
var walkers sync.Pool

func getWalker(ctx context.Context, cfg *sim.Config, opt Options, rep *Report) *walker {
	w, _ := walkers.Get().(*walker)
	if w == nil {
		w = &walker{}
	}
	k := opt.Drops + opt.Dups + opt.Reorders
	if opt.Crash {
		k++
	}
	w.ctx, w.cfg, w.opt, w.k, w.rep = ctx, cfg, opt, k, rep
	w.lean = leanExplore(cfg)
	for len(w.sims) < k+1 {
		a := new(analyser)
		w.sims, w.accs, w.sees = append(w.sims, &sim.Sim{}), append(w.accs, a), append(w.sees, a.read)
	}
	w.cfgs = slices.Grow(w.cfgs[:0], k+1)[:k+1]
	for d := range w.cfgs {
		w.cfgs[d] = *cfg
		w.cfgs[d].Record = sim.RecordAll
		if w.lean {
			w.cfgs[d].Record = sim.RecordSteps
		}
		w.cfgs[d].Faults = append(make([]sim.Fault, 0, len(cfg.Faults)+d), cfg.Faults...)
		w.cfgs[d].Timeline = append(make([]sim.Action, 0, len(cfg.Timeline)+1), cfg.Timeline...)
	}
	for len(w.pts) < k+1 {
		w.pts = append(w.pts, nil)
	}
	return w
}

func (w *walker) put() {
	w.ctx, w.cfg, w.rep = nil, nil, nil
	walkers.Put(w)
}

// A pick is one fault on one transmission: ID<<2 | kind. Sorting picks
// sorts by transmission, then kind.
const (
	kindDrop    = 0
	kindDup     = 1
	kindReorder = 2
	numKinds    = 3
)

func mkPick(id, kind int32) int32 { return id<<2 | kind }
func pickID(p int32) int32        { return p >> 2 }
func pickKind(p int32) int32      { return p & 3 }

func pickFault(p int32) sim.Fault {
	kind := [numKinds]sim.FaultKind{sim.FaultDropID, sim.FaultDupID, sim.FaultReorderID}[pickKind(p)]
	return sim.Fault{Kind: kind, ID: pickID(p)}
}

// allowed: may a pattern with picks take one more fault of this kind?
func (w *walker) allowed(picks []int32, kind int32) bool { return allowed(w.opt, picks, kind) }

func allowed(opt Options, picks []int32, kind int32) bool {
	n := 0
	for _, p := range picks {
		if pickKind(p) == kind {
			n++
		}
	}
	switch kind {
	case kindDrop:
		return n < opt.Drops
	case kindDup:
		return n < opt.Dups
	case kindReorder:
		return n < opt.Reorders
	}
	return false
}

// config is the Config at depth len(picks)+crash.n(), with the faults in
// picks and the crash appended to the timeline.
func (w *walker) config(picks []int32, crash Crash) *sim.Config {
	c := &w.cfgs[len(picks)+crash.n()]
	c.Faults = c.Faults[:len(w.cfg.Faults)]
	for _, p := range picks {
		c.Faults = append(c.Faults, pickFault(p))
	}
	c.Timeline = c.Timeline[:len(w.cfg.Timeline)]
	if crash.Set() {
		c.Timeline = append(c.Timeline, crash.action())
	}
	return c
}

// start prepares a run of drops (and a crash) from the beginning.
func (w *walker) start(drops []int32, crash Crash) *sim.Sim {
	d := len(drops) + crash.n()
	s := w.sims[d]
	s.Reset(w.config(drops, crash))
	w.accs[d].reset()
	if w.lean {
		s.Observe(w.sees[d])
	}
	return s
}

// forkTo makes the Sim at depth d the run cfg forked from the one at d-1,
// and its analyser the parent's at the fork: a copy of it when runs keep
// no trace, or a fresh one that reads the child's trace from the start.
func (w *walker) forkTo(fork sim.Fork, d int, cfg *sim.Config) *sim.Sim {
	s := w.sims[d]
	fork(s, cfg)
	if w.lean {
		w.accs[d].copyFrom(w.accs[d-1])
		s.Observe(w.sees[d])
	} else {
		w.accs[d].reset()
	}
	return s
}

// caughtUp is the analyser of the run at depth d, having read every event
// s has recorded (between steps: a folding run has folded them all).
func (w *walker) caughtUp(s *sim.Sim, d int) *analyser {
	a := w.accs[d]
	if !w.lean {
		a.read(s.Trace().Events[a.counts.Events:])
	} else if n := s.Counts().Events; n != a.counts.Events {
		panic(fmt.Sprintf("explore: the analyser read %d events of a run that recorded %d", a.counts.Events, n))
	}
	return a
}

// run runs s, at depth d, to the end; with crash, it appends to pts the
// crash points after each instant from the watched send on (analyser.watch).
func (w *walker) run(s *sim.Sim, d int, crash bool, pts *[]Crash) {
	var instant func(time.Duration, sim.Fork)
	if crash {
		instant = func(t time.Duration, _ sim.Fork) {
			a := w.caughtUp(s, d)
			*pts = a.scan.points(t, a.watchT, w.cfg.Until, *pts)
		}
	}
	s.RunForkingInstants(math.MaxInt32, nil, instant)
}

// task explores the subtree whose first fault is pick p.
func (w *walker) task(p int32) {
	if w.ctx.Err() != nil {
		return
	}
	picks := []int32{p}
	w.walk(w.start(picks, Crash{}), picks, Crash{})
}

// walk runs s (prepared for drops and crash) to the end, exploring each
// later transmission's loss from a fork as it happens, and (with --crash
// and no crash yet) each later crash from a fork after its instant, then
// folds s's run. Faults are added in time order, so every set of them is
// run once.
func (w *walker) walk(s *sim.Sim, drops []int32, crash Crash) {
	from := int32(math.MaxInt32) // no fault left to add: the run takes no checkpoints
	for kind := range int32(numKinds) {
		if w.allowed(drops, kind) {
			from = nextFrom(drops, crash)
		}
	}
	branch := func(lo, hi int32, fork sim.Fork) {
		for id := lo; id < hi && w.ctx.Err() == nil; id++ {
			for kind := range int32(numKinds) {
				if !w.allowed(drops, kind) {
					continue
				}
				child := append(slices.Clip(drops), mkPick(id, kind))
				d := len(child) + crash.n()
				w.walk(w.forkTo(fork, d, w.config(child, crash)), child, crash)
			}
		}
	}
	if w.opt.Crash && !crash.Set() && len(drops) > 0 { // the root's crashes are tasks of their own
		w.runCrashing(s, from, drops, branch) // crashfork.go
	} else {
		s.RunForking(from, branch)
	}
	w.fold(s, drops, crash)
}

func (w *walker) fold(s *sim.Sim, drops []int32, crash Crash) {
	w.res.drops, w.res.crash = drops, crash
	w.caughtUp(s, len(drops)+crash.n()).finish(w.cfg, s.Trace(), s, &w.res)
	w.rep.add(&w.res)
}

// nextFrom is the first transmission that may take a pattern's next
// fault: faults are added in time order, so it comes after the last
// pick and after the crash. Both bounds count: a drop made after the
// crash has an ID of at least crash.from, and the next one must still
// come after it, or the set {crash, #3, #2} would be run a second time
// as {crash, #2, #3}, and {crash, #2, #2} as {crash, #2}.
func nextFrom(picks []int32, crash Crash) int32 {
	from := int32(0)
	if crash.Set() {
		from = crash.from
	}
	if n := len(picks); n > 0 {
		from = max(from, pickID(picks[n-1])+1)
	}
	return from
}
