package sim

import (
	"reflect"
	"testing"
)

// A run made in slices of any size is the run made at once, event for
// event, limits included.
func TestRunForIsRun(t *testing.T) {
	for _, slice := range []int{1, 7, 50} {
		for _, lim := range []int{0, 60} {
			cfg := lifecycle(0.3)
			cfg.Limits.Events = lim
			want, wantStop := RunLimited(cfg)
			if (lim > 0) != (wantStop != nil) {
				t.Fatalf("limit %d: stop %v", lim, wantStop)
			}
			s := New(cfg)
			n, pauses := slice, 0
			for !s.RunFor(n) {
				if got := len(s.Trace().Events); got < n {
					t.Fatalf("paused at %d events, before %d", got, n)
				}
				n += slice
				pauses++
			}
			if pauses == 0 {
				t.Fatalf("slice %d: never paused", slice)
			}
			if !reflect.DeepEqual(s.Trace(), want) || !reflect.DeepEqual(s.Stopped(), wantStop) {
				t.Errorf("slice %d, limit %d: the run in slices differs (%d events, want %d; stop %v, want %v)",
					slice, lim, len(s.Trace().Events), len(want.Events), s.Stopped(), wantStop)
			}
		}
	}
}
