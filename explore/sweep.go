package explore

import (
	"context"
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
	Workers  int
	Progress func(done int64)
}

// Point is one grid point's distribution.
type Point struct {
	Loss       float64 // -1: the scenario's own link
	Runs       int     // runs done (fewer than asked when interrupted)
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

type sweepRun struct {
	done    bool
	outcome Outcome
	end     time.Duration
	retx    int
	segs    int32
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
	rep := &SweepReport{Opt: opt, Seed: cfg.Seed}
	runs := make([]sweepRun, opt.Runs)
	for _, loss := range losses {
		c := *cfg
		if loss >= 0 {
			c.AtoB.Loss, c.BtoA.Loss = loss, loss
		}
		clear(runs)
		sweepPoint(ctx, &c, runs, workers, opt.Progress)
		rep.Points = append(rep.Points, fold(loss, cfg.Seed, runs))
		if ctx.Err() != nil {
			rep.Interrupted = true
			break
		}
	}
	return rep
}

func sweepPoint(ctx context.Context, cfg *sim.Config, runs []sweepRun, workers int, progress func(int64)) {
	var next atomic.Int64
	const chunk = 256
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var r sim.Runner
			var res result
			c := *cfg
			for ctx.Err() == nil {
				lo := int(next.Add(chunk)) - chunk
				if lo >= len(runs) {
					return
				}
				hi := min(lo+chunk, len(runs))
				for i := lo; i < hi; i++ {
					c.Seed = cfg.Seed + uint64(i)
					tr := r.Run(&c)
					analyse(tr, &r, &res)
					runs[i] = sweepRun{done: true, outcome: res.outcome, end: tr.End, retx: res.retx, segs: res.trans}
				}
				if progress != nil {
					progress(int64(hi - lo))
				}
			}
		}()
	}
	wg.Wait()
}

// fold summarizes the runs done, in run order.
func fold(loss float64, seed uint64, runs []sweepRun) Point {
	p := Point{Loss: loss}
	idx := map[Outcome]int{}
	var ends []time.Duration
	var retx, segs int
	for i := range runs {
		r := &runs[i]
		if !r.done {
			continue
		}
		p.Runs++
		k, ok := idx[r.outcome]
		if !ok {
			k = len(p.Classes)
			idx[r.outcome] = k
			p.Classes = append(p.Classes, ClassCount{Outcome: r.outcome})
		}
		p.Classes[k].Runs++
		ends = append(ends, r.end)
		if r.end > p.WorstEnd || p.Runs == 1 {
			p.Worst, p.WorstEnd = seed+uint64(i), r.end
		}
		retx += r.retx
		segs += int(r.segs)
		p.Retx.Max = max(p.Retx.Max, r.retx)
		p.Segments.Max = max(p.Segments.Max, int(r.segs))
	}
	if p.Runs == 0 {
		return p
	}
	slices.SortStableFunc(p.Classes, func(a, b ClassCount) int { return b.Runs - a.Runs })
	slices.Sort(ends)
	// nearest rank: the smallest value with at least f of the runs at or below it
	q := func(f float64) time.Duration { return ends[max(0, int(math.Ceil(f*float64(len(ends))))-1)] }
	p.Completion = Quantiles{Median: q(0.5), P90: q(0.9), P99: q(0.99), Max: ends[len(ends)-1]}
	p.Retx.Mean = float64(retx) / float64(p.Runs)
	p.Segments.Mean = float64(segs) / float64(p.Runs)
	return p
}
