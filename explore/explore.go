// Package explore runs a scenario under every pattern of up to K lost
// transmissions and reports the outcome classes, invariant violations and
// fsm rows covered. It is exhaustive: each transmission (retransmissions
// included) is a branch point, delivered or lost.
package explore

import (
	"context"
	"runtime"
	"slices"
	"sync"

	"github.com/tcpsim/tcpsim/sim"
)

// Options bound an exploration.
type Options struct {
	Drops   int // at most this many lost transmissions per run
	Limit   int // stop after this many runs (0: no limit)
	Workers int // 0: GOMAXPROCS
}

// Explore runs cfg under every drop pattern allowed by opt. The report is
// the same, byte for byte, whatever the number of workers: runs go level
// by level (by number of drops), each level in lexicographic order of the
// dropped transmission IDs, and results are folded in that order.
func Explore(ctx context.Context, cfg *sim.Config, opt Options) *Report {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	rep := newReport(opt)
	level := [][]int32{nil}
	for depth := 0; len(level) > 0; depth++ {
		if opt.Limit > 0 && rep.Runs+len(level) > opt.Limit {
			rep.Cut = len(level) - (opt.Limit - rep.Runs)
			level = level[:opt.Limit-rep.Runs]
		}
		results := runLevel(ctx, cfg, level, workers)
		var next [][]int32
		for i := range results {
			res := &results[i]
			if res.rows == nil { // cancelled
				rep.Cancelled = true
				return rep
			}
			rep.add(res)
			if depth < opt.Drops {
				next = appendChildren(next, res)
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

// appendChildren adds the patterns that lose one more transmission, later
// than the last one this run lost: every set of IDs is generated once.
func appendChildren(next [][]int32, res *result) [][]int32 {
	from := int32(0)
	if n := len(res.drops); n > 0 {
		from = res.drops[n-1] + 1
	}
	for id := from; id < res.trans; id++ {
		d := append(slices.Clip(res.drops), id)
		next = append(next, d)
	}
	return next
}

// runLevel runs each drop pattern on a pool of workers, each with its own
// Runner; results land at their pattern's index.
func runLevel(ctx context.Context, cfg *sim.Config, level [][]int32, workers int) []result {
	results := make([]result, len(level))
	var wg sync.WaitGroup
	var mu sync.Mutex
	nextIdx := 0
	const chunk = 16
	for range min(workers, (len(level)+chunk-1)/chunk) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var r sim.Runner
			c := *cfg
			base := len(cfg.Faults)
			faults := append(make([]sim.Fault, 0, base+8), cfg.Faults...)
			for {
				if ctx.Err() != nil {
					return
				}
				mu.Lock()
				lo := nextIdx
				nextIdx += chunk
				mu.Unlock()
				if lo >= len(level) {
					return
				}
				for i := lo; i < min(lo+chunk, len(level)); i++ {
					c.Faults = faults[:base]
					for _, id := range level[i] {
						c.Faults = append(c.Faults, sim.Fault{Kind: sim.FaultDropID, ID: id})
					}
					faults = c.Faults[:0]
					tr := r.Run(&c)
					results[i].drops = level[i]
					analyse(tr, &r, &results[i])
				}
			}
		}()
	}
	wg.Wait()
	return results
}
