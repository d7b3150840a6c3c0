package explore

import (
	"context"
	"maps"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tcpsim/tcpsim/sim"
)

// SweepOptions: Runs seeds at each loss in Loss (none: the scenario's own
// link). Progress, if set, is called from the workers with runs done.
type SweepOptions struct {
	Runs     int
	Loss     []float64
	Delay    []time.Duration // one-way link delay, both directions (none: the scenario's)
	Workers  int
	Progress func(done int64)
	// NoShare simulates every seed, even one whose draws repeat a run
	// already made (sweep_share.go): the same report, the engine's cost.
	NoShare bool
}

// Point is one grid point's distribution.
type Point struct {
	Loss       float64       // -1: the scenario's own link
	Delay      time.Duration // -1: the scenario's own link
	Runs       int           // runs done (fewer than asked when interrupted)
	Classes    []ClassCount
	Completion Quantiles // virtual time of each run's last event
	Retx       Stats     // retransmissions per run
	Segments   Stats     // transmissions per run
	Worst      uint64    // the seed of the longest run (lowest such seed)
	WorstEnd   time.Duration
}

// ClassCount is an outcome class and how many runs ended in it.
type ClassCount struct {
	Outcome Outcome
	Runs    int
}

// Quantiles of a duration.
type Quantiles struct{ Median, P90, P99, Max time.Duration }

// Stats of a count.
type Stats struct {
	Mean float64
	Max  int
}

// SweepReport is a whole sweep.
type SweepReport struct {
	Opt         SweepOptions
	Seed        uint64 // run i uses Seed+i
	Points      []Point
	Interrupted bool
}

// acc is one worker's running summary of a grid point. Merging is
// order-free. Completion times are counted by value for exact quantiles:
// they fall on the few instants the link delay and the timers allow, so
// the memory does not grow with the runs (with link jitter it grows with
// the distinct values, at most one entry a run).
type acc struct {
	runs       int
	classes    map[Outcome]*classAcc
	ends       map[time.Duration]int
	retx, segs int
	retxMax    int
	segsMax    int
	worst      int // run index of the longest run, lowest on ties
	worstEnd   time.Duration
}

type classAcc struct{ runs, first int }

func (a *acc) add(i int, o Outcome, end time.Duration, retx, segs int) {
	if a.classes == nil {
		a.classes = map[Outcome]*classAcc{}
		a.ends = map[time.Duration]int{}
		a.worst = -1
	}
	a.runs++
	a.ends[end]++
	c := a.classes[o]
	if c == nil {
		c = &classAcc{first: i}
		a.classes[o] = c
	}
	c.runs++
	c.first = min(c.first, i)
	a.retx, a.segs = a.retx+retx, a.segs+segs
	a.retxMax, a.segsMax = max(a.retxMax, retx), max(a.segsMax, segs)
	if a.worst < 0 || end > a.worstEnd || end == a.worstEnd && i < a.worst {
		a.worst, a.worstEnd = i, end
	}
}

func (a *acc) merge(b *acc) {
	if b.runs == 0 {
		return
	}
	if a.runs == 0 {
		*a = *b
		return
	}
	for o, c := range b.classes {
		if ac := a.classes[o]; ac != nil {
			ac.runs += c.runs
			ac.first = min(ac.first, c.first)
		} else {
			a.classes[o] = &classAcc{runs: c.runs, first: c.first}
		}
	}
	for e, n := range b.ends {
		a.ends[e] += n
	}
	a.runs += b.runs
	a.retx, a.segs = a.retx+b.retx, a.segs+b.segs
	a.retxMax, a.segsMax = max(a.retxMax, b.retxMax), max(a.segsMax, b.segsMax)
	if b.worstEnd > a.worstEnd || b.worstEnd == a.worstEnd && b.worst < a.worst {
		a.worst, a.worstEnd = b.worst, b.worstEnd
	}
}

// Sweep runs cfg with Runs seeds at each grid point on all workers. The
// report does not depend on the number of workers: run i of a point
// always uses seed cfg.Seed+i and results are folded in run order.
func Sweep(ctx context.Context, cfg *sim.Config, opt SweepOptions) *SweepReport {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	losses := opt.Loss
	if len(losses) == 0 {
		losses = []float64{-1}
	}
	delays := opt.Delay
	if len(delays) == 0 {
		delays = []time.Duration{-1}
	}
	rep := &SweepReport{Opt: opt, Seed: cfg.Seed}
	for _, loss := range losses {
		for _, delay := range delays {
			c := *cfg
			if loss >= 0 {
				c.AtoB.Loss, c.BtoA.Loss = loss, loss
			}
			if delay >= 0 {
				c.AtoB.Delay, c.BtoA.Delay = delay, delay
			}
			a := sweepPoint(ctx, &c, opt.Runs, workers, !opt.NoShare, opt.Progress)
			p := a.point(loss, cfg.Seed)
			p.Delay = delay
			rep.Points = append(rep.Points, p)
			if ctx.Err() != nil {
				rep.Interrupted = true
				return rep
			}
		}
	}
	return rep
}

// sweepPoint runs one grid point: runs 0..runs-1, fewer if interrupted.
func sweepPoint(ctx context.Context, cfg *sim.Config, runs int, workers int, share bool, progress func(int64)) *acc {
	var next atomic.Int64
	const chunk = 256
	accs := make([]acc, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var r sim.Runner
			var res result
			c := *cfg
			c.Record = sweepRecord // lean.go
			sh := newSharing(&c, &r, share)
			for ctx.Err() == nil {
				lo := int(next.Add(chunk)) - chunk
				if lo >= runs {
					return
				}
				hi := min(lo+chunk, runs)
				for i := lo; i < hi; i++ {
					c.Seed = cfg.Seed + uint64(i)
					if m := sh.find(c.Seed); m != nil {
						accs[w].add(i, m.outcome, m.end, m.retx, m.segs)
						continue
					}
					tr := r.Run(&c)
					analyseSweep(&c, tr, &r, &res) // lean.go
					accs[w].add(i, res.outcome, tr.End, res.retx, int(res.trans))
					sh.add(&r, &res, tr.End)
				}
				if progress != nil {
					progress(int64(hi - lo))
				}
			}
		}()
	}
	wg.Wait()
	for w := 1; w < workers; w++ {
		accs[0].merge(&accs[w])
	}
	return &accs[0]
}

// point summarizes the runs done.
func (a *acc) point(loss float64, seed uint64) Point {
	p := Point{Loss: loss, Runs: a.runs}
	if a.runs == 0 {
		return p
	}
	firsts := map[Outcome]int{}
	for o, c := range a.classes {
		p.Classes = append(p.Classes, ClassCount{Outcome: o, Runs: c.runs})
		firsts[o] = c.first
	}
	// most runs first; ties by the first run that ended so
	slices.SortFunc(p.Classes, func(x, y ClassCount) int {
		if x.Runs != y.Runs {
			return y.Runs - x.Runs
		}
		return firsts[x.Outcome] - firsts[y.Outcome]
	})
	vals := slices.Sorted(maps.Keys(a.ends))
	// nearest rank: the smallest value with at least f of the runs at or below it
	q := func(f float64) time.Duration {
		rank, n := max(1, int(math.Ceil(f*float64(a.runs)))), 0
		for _, v := range vals {
			if n += a.ends[v]; n >= rank {
				return v
			}
		}
		return vals[len(vals)-1]
	}
	p.Completion = Quantiles{Median: q(0.5), P90: q(0.9), P99: q(0.99), Max: vals[len(vals)-1]}
	p.Retx = Stats{Mean: float64(a.retx) / float64(a.runs), Max: a.retxMax}
	p.Segments = Stats{Mean: float64(a.segs) / float64(a.runs), Max: a.segsMax}
	p.Worst, p.WorstEnd = seed+uint64(a.worst), a.worstEnd
	return p
}
