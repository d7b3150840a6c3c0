package explore

import (
	"context"
	"math"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tcpsim/tcpsim/sim"
)

// pattern is one run's faults: picks in ID order and at most one crash.
type pattern struct {
	drops  []int32
	crash  Crash
	parent int // index of the run it adds its last fault to, in the level before (-1: the root)
}

// exploreLevels goes level by level (by number of faults), each level in
// a fixed order, so that a Limit cuts the same runs every time. A run is
// not rerun from the start: its parent (its faults but the last) is run
// once more for all its children, and each child is forked from it where
// its last fault happens, as the depth-first explorer does.
func exploreLevels(ctx context.Context, cfg *sim.Config, opt Options, workers int) *Report {
	rep := newReport(opt)
	level := []pattern{{parent: -1}}
	k := opt.Drops + opt.Dups + opt.Reorders
	if opt.Crash {
		k++
	}
	for depth := 0; len(level) > 0; depth++ {
		if rep.Runs+len(level) > opt.Limit {
			rep.Cut = len(level) - (opt.Limit - rep.Runs)
			level = level[:opt.Limit-rep.Runs]
		}
		results := runLevel(ctx, cfg, opt, level, workers)
		var next []pattern
		for i := range results {
			res := &results[i]
			if res.rows == nil { // cancelled
				rep.Cancelled = true
				return rep
			}
			rep.add(res)
			if depth < k {
				next = appendChildren(next, res, i, opt)
			}
		}
		if rep.Cut > 0 {
			rep.Unexpanded = len(next)
			break
		}
		level = next
	}
	return rep
}

// appendChildren adds the patterns with one fault more, later than the
// run's last one (nextFrom): every set of faults is generated once. The
// drops come first, then the crashes.
func appendChildren(next []pattern, res *result, parent int, opt Options) []pattern {
	for id := nextFrom(res.drops, res.crash); id < res.trans; id++ {
		for kind := range int32(numKinds) {
			if allowed(opt, res.drops, kind) {
				next = append(next, pattern{append(slices.Clip(res.drops), mkPick(id, kind)), res.crash, parent})
			}
		}
	}
	for _, c := range res.crashes {
		next = append(next, pattern{res.drops, c, parent})
	}
	return next
}

// runLevel runs the patterns of one level on a pool of workers, a family
// (the children of one parent) at a time; results land at their
// pattern's index.
func runLevel(ctx context.Context, cfg *sim.Config, opt Options, level []pattern, workers int) []result {
	results := make([]result, len(level))
	var families []int // where each family starts, and len(level)
	for i := range level {
		if i == 0 || level[i].parent != level[i-1].parent {
			families = append(families, i)
		}
	}
	families = append(families, len(level))
	var next atomic.Int32
	var wg sync.WaitGroup
	for range min(workers, len(families)-1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := getWalker(ctx, cfg, opt, nil)
			defer w.put()
			for f := int(next.Add(1)) - 1; f < len(families)-1 && ctx.Err() == nil; f = int(next.Add(1)) - 1 {
				w.family(level[families[f]:families[f+1]], results[families[f]:families[f+1]])
			}
		}()
	}
	wg.Wait()
	return results
}

// parentOf is the pattern p adds its last fault to: the crash when it
// comes after every drop, the last drop otherwise.
func parentOf(p *pattern) pattern {
	n := len(p.drops)
	if p.crash.Set() && (n == 0 || pickID(p.drops[n-1]) < p.crash.from) {
		return pattern{drops: p.drops}
	}
	return pattern{drops: p.drops[:n-1], crash: p.crash}
}

// family runs the children of one parent (kids, in appendChildren's
// order) into res: it runs the parent and forks each child where its last
// fault happens, a drop after the event that sent it, a crash after the
// instant before it.
func (w *walker) family(kids []pattern, res []result) {
	if kids[0].parent < 0 { // the root
		w.finish(w.start(nil, Crash{}), 0, &kids[0], &res[0])
		return
	}
	par := parentOf(&kids[0])
	d := len(par.drops) + par.crash.n() + 1
	drop, crash := 0, len(kids) // the next drop child, and where the crash children start
	for crash > 0 && kids[crash-1].crash.Set() && !par.crash.Set() {
		crash--
	}
	lastDrop := crash
	child := func(i int, fork sim.Fork) {
		w.finish(w.forkTo(fork, d, w.config(kids[i].drops, kids[i].crash)), d, &kids[i], &res[i])
	}
	branch := func(lo, hi int32, fork sim.Fork) {
		for ; drop < lastDrop && pickID(kids[drop].drops[len(kids[drop].drops)-1]) < hi && w.ctx.Err() == nil; drop++ {
			child(drop, fork)
		}
	}
	var instant func(t time.Duration, fork sim.Fork)
	if crash < len(kids) {
		instant = func(t time.Duration, fork sim.Fork) {
			for ; crash < len(kids) && kids[crash].crash.At == t+1 && w.ctx.Err() == nil; crash++ {
				child(crash, fork)
			}
		}
	}
	from := nextFrom(par.drops, par.crash)
	if lastDrop == 0 {
		from = math.MaxInt32 // no drop child: the parent's run takes no checkpoint before each step
	}
	w.start(par.drops, par.crash).RunForkingInstants(from, branch, instant)
	if w.ctx.Err() == nil && (drop != lastDrop || crash != len(kids)) {
		panic("explore: a child's fault never happened in its parent's run")
	}
}

// finish runs s, the run of p at depth d, and reduces it into res, with
// (when a crash may still come) the crash points after p's last drop.
func (w *walker) finish(s *sim.Sim, d int, p *pattern, res *result) {
	res.drops, res.crash = p.drops, p.crash
	crash := w.opt.Crash && !p.crash.Set()
	if n := len(p.drops); crash && n > 0 {
		w.accs[d].watchFor(pickID(p.drops[n-1]))
	} else {
		w.accs[d].watchFor(-1)
	}
	w.run(s, d, crash, &res.crashes) // explore.go
	w.caughtUp(s, d).finish(w.cfg, s.Trace(), s, res)
}
