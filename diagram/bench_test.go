package diagram

import (
	"io"
	"testing"
)

// go test ./diagram -run '^$' -bench . -benchtime 5x -count 5
// A 10,000-event run: a bulk transfer over data-with-loss's lossy link.
func BenchmarkSVG10k(b *testing.B) {
	r := bigRun(b, 10000)
	b.ResetTimer()
	for b.Loop() {
		if err := Write(io.Discard, SVG, r, Options{}, false); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(r.Events), "events")
}

func BenchmarkPNG10k(b *testing.B) {
	r := bigRun(b, 10000)
	b.ResetTimer()
	for b.Loop() {
		if err := Write(io.Discard, PNG, r, Options{}, false); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPNGBundled(b *testing.B) {
	r := bundledRun(b, "lost-final-ack")
	b.ResetTimer()
	for b.Loop() {
		if err := Write(io.Discard, PNG, r, Options{}, false); err != nil {
			b.Fatal(err)
		}
	}
}
