package explore

import (
	"context"
	"runtime"
	"testing"
)

// Each subtree is run by exactly one worker: with 1, 2, 3 or 8 workers
// racing for them the report is the same, and without crashes it counts
// the same runs as the level-by-level explorer, which reruns every
// pattern from the start, crashes included.
func TestSameRunsWhateverTheWorkers(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	for _, tc := range []struct {
		name string
		opt  Options
	}{
		{"normal-close", Options{Drops: 1, Dups: 1, Reorders: 1}},
		{"lost-final-ack", Options{Drops: 3}},
		{"handshake", Options{Drops: 1}},
		{"handshake", Options{Crash: true}},
		{"normal-close", Options{Drops: 1, Dups: 1, Crash: true}},
		{"handshake", Options{Drops: 2, Crash: true}},
	} {
		cfg := load(t, tc.name)
		levels := tc.opt
		levels.Limit = 1 << 30
		want := Explore(context.Background(), cfg, levels)
		var first string
		for _, w := range []int{1, 2, 3, 8} {
			opt := tc.opt
			opt.Workers = w
			rep := Explore(context.Background(), cfg, opt)
			if rep.Runs != want.Runs || len(rep.ByDrops) != len(want.ByDrops) {
				t.Fatalf("%s %+v, %d workers: %d runs %v, level by level %d %v", tc.name, tc.opt, w, rep.Runs, rep.ByDrops, want.Runs, want.ByDrops)
			}
			if text := report(t, cfg, opt); first == "" {
				first = text
			} else if text != first {
				t.Fatalf("%s %+v: %d workers wrote another report:\n%s\n---\n%s", tc.name, tc.opt, w, text, first)
			}
		}
	}
}
