package sim

import (
	"reflect"
	"testing"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/trace"
)

// An outcome-only run ends as the full run does: same final states,
// errors, end time, transmissions and counts, with no event kept.
func TestRecordOutcomeMatchesAll(t *testing.T) {
	for _, loss := range []float64{0, 0.2} {
		cfg := lifecycle(loss)
		var full, lean Runner
		for seed := range uint64(40) {
			cfg.Seed, cfg.Record = seed, RecordAll
			want := full.Run(cfg)
			c := *cfg
			c.Record = RecordOutcome
			got := lean.Run(&c)
			if got.Final != want.Final || got.End != want.End || !reflect.DeepEqual(got.Errors, want.Errors) {
				t.Fatalf("loss %g seed %d: outcome run ends %v %v %v, full run %v %v %v", loss, seed, got.Final, got.End, got.Errors, want.Final, want.End, want.Errors)
			}
			if g, w := lean.Counts(), CountsOf(want); g != w || g.Events != len(want.Events) {
				t.Fatalf("loss %g seed %d: counts %+v, want %+v", loss, seed, g, w)
			}
			if lean.Transmissions() != full.Transmissions() || lean.Pending() != full.Pending() {
				t.Fatalf("loss %g seed %d: transmissions or pending differ", loss, seed)
			}
			if len(got.Events) != 0 {
				t.Fatalf("loss %g seed %d: an outcome run kept %d events", loss, seed, len(got.Events))
			}
		}
	}
}

// The events limit counts forgotten events too.
func TestRecordOutcomeEventsLimit(t *testing.T) {
	cfg := lifecycle(0)
	cfg.Limits.Events = 10
	_, want := RunLimited(cfg)
	cfg.Record = RecordOutcome
	_, got := RunLimited(cfg)
	if want == nil || got == nil || *got != *want {
		t.Fatalf("limit in outcome mode %v, full mode %v", got, want)
	}
}

func BenchmarkLifecycleOutcome(b *testing.B) {
	cfg := lifecycle(0)
	cfg.Record = RecordOutcome
	var r Runner
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		cfg.Seed = uint64(i)
		tr := r.Run(cfg)
		if tr.Final[trace.A] != fsm.Closed || tr.Final[trace.B] != fsm.Closed || r.Counts().Got != [2]uint64{100, 100} {
			b.Fatalf("seed %d: lifecycle did not complete: %v", cfg.Seed, tr.Final)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lifecycles/s")
}
