package trace_test

import (
	"io"
	"testing"

	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// BenchmarkJSONL1M writes a trace of a million events (the bundled
// scenarios' events, repeated) as JSON Lines, notes included: the cost of
// the catalogue on the largest output tcpsim writes.
//
//	go test ./trace -run '^$' -bench JSONL1M -benchmem -cpu 1
func BenchmarkJSONL1M(b *testing.B) {
	var evs []trace.Event
	for _, sc := range scenarios.Bundled() {
		evs = append(evs, sim.Run(sc.Config).Events...)
	}
	tr := &trace.Trace{Events: make([]trace.Event, 0, 1_000_000)}
	for len(tr.Events) < 1_000_000 {
		tr.Events = append(tr.Events, evs[:min(len(evs), 1_000_000-len(tr.Events))]...)
	}
	b.ResetTimer()
	for range b.N {
		if err := trace.WriteJSONL(io.Discard, tr); err != nil {
			b.Fatal(err)
		}
	}
}
