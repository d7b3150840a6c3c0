package explore

import (
	"context"
	"fmt"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/sim"
)

// benchExplore reports runs explored per second, per core, for one
// worker count; the 2-core speed-up is the ratio of the runs/s figures.
func benchExplore(b *testing.B, name string, k, workers int, levels bool) {
	cfg := load(&testing.T{}, name)
	opt := Options{Drops: k, Workers: workers}
	if levels {
		opt.Limit = 1 << 30 // level by level (the --limit path), each run forked from its parent's
	}
	runs := 0
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		runs += Explore(context.Background(), cfg, opt).Runs
	}
	b.ReportMetric(float64(runs)/(cpuTime()-cpu0).Seconds(), "runs/cpu-s")
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(runs)/sec, "runs/s")
	b.ReportMetric(float64(runs)/sec/float64(workers), "runs/s/core")
	b.ReportMetric(float64(runs)/float64(b.N), "runs/op")
}

func BenchmarkExplore(b *testing.B) {
	for _, tc := range []struct {
		name string
		k    int
	}{{"data-with-loss", 3}, {"lost-final-ack", 4}} {
		for _, w := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/drops=%d/workers=%d", tc.name, tc.k, w), func(b *testing.B) { benchExplore(b, tc.name, tc.k, w, false) })
		}
		b.Run(fmt.Sprintf("%s/drops=%d/levels/workers=1", tc.name, tc.k), func(b *testing.B) { benchExplore(b, tc.name, tc.k, 1, true) })
	}
}

// BenchmarkSweep: the cost per run should not grow with the number of
// runs (nothing is kept per run but its summary).
func BenchmarkSweep(b *testing.B) {
	cfg := load(&testing.T{}, "normal-close")
	for _, n := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("runs=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Sweep(context.Background(), cfg, SweepOptions{Runs: n, Loss: []float64{0.05}, Workers: 1})
			}
			b.ReportMetric(b.Elapsed().Seconds()*1e9/float64(b.N*n), "ns/run")
			b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "runs/s")
		})
	}
}

// BenchmarkExploreCrash: each crash run forks from the instant before the
// crash (sim.RunForkingInstants), as the drops do.
func BenchmarkExploreCrash(b *testing.B) {
	cfg := load(&testing.T{}, "data-with-loss")
	runs := 0
	cpu0 := cpuTime()
	for b.Loop() {
		runs += Explore(context.Background(), cfg, Options{Drops: 2, Crash: true, Workers: 1}).Runs
	}
	b.ReportMetric(float64(runs)/b.Elapsed().Seconds(), "runs/s")
	b.ReportMetric(float64(runs)/(cpuTime()-cpu0).Seconds(), "runs/cpu-s")
	b.ReportMetric(float64(runs)/float64(b.N), "runs/op")
}

// BenchmarkExploreCores uses one worker per core (GOMAXPROCS): run it
// with -cpu 1,2 and compare runs/s for the 2-core speed-up.
func BenchmarkExploreCores(b *testing.B) {
	for _, tc := range []struct {
		name string
		k    int
	}{{"data-with-loss", 3}, {"lost-final-ack", 4}} {
		b.Run(fmt.Sprintf("%s/drops=%d", tc.name, tc.k), func(b *testing.B) {
			cfg := load(&testing.T{}, tc.name)
			runs := 0
			cpu0 := cpuTime()
			for b.Loop() {
				runs += Explore(context.Background(), cfg, Options{Drops: tc.k}).Runs
			}
			b.ReportMetric(float64(runs)/b.Elapsed().Seconds(), "runs/s")
			// CPU time is what a loaded machine does not inflate
			b.ReportMetric(float64(runs)/(cpuTime()-cpu0).Seconds(), "runs/cpu-s")
		})
	}
}

// cpuTime is the process's user + system time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkExploreSideBySide runs one exploration (1 worker), or two
// independent ones at once in this process (separate configurations, no
// memory in common but the runtime's): run it with -cpu 2 and compare
// runs/cpu-s, and against "one" run in two processes at once. A per-run
// cost that appears only in "two" comes from sharing the process, not
// from the explorer's own data.
func BenchmarkExploreSideBySide(b *testing.B) {
	for _, n := range []int{1, 2} {
		b.Run(fmt.Sprintf("explorations=%d", n), func(b *testing.B) {
			cfgs := make([]*sim.Config, n)
			for i := range cfgs {
				cfgs[i] = load(&testing.T{}, "data-with-loss")
			}
			runs := make([]int, n)
			cpu0 := cpuTime()
			for b.Loop() {
				var wg sync.WaitGroup
				for i := range n {
					wg.Add(1)
					go func() {
						defer wg.Done()
						runs[i] += Explore(context.Background(), cfgs[i], Options{Drops: 3, Workers: 1}).Runs
					}()
				}
				wg.Wait()
			}
			total := 0
			for _, r := range runs {
				total += r
			}
			b.ReportMetric(float64(total)/(cpuTime()-cpu0).Seconds(), "runs/cpu-s")
		})
	}
}
