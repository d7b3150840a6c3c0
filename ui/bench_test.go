package ui

import (
	"os"
	"testing"
	"time"
)

// Traces of about 100 and about 100,000 events: the same bulk transfer,
// short and long.
const (
	shortBulk = 17_000
	longBulk  = 25_000_000
)

// frameModel is a 200×60 lab paused in a bulk transfer: at its end (the
// last data segments, a compressed hour, the close: the same picture for a
// short and a long trace) or in its middle (the densest picture: a full
// window of segments crossing each way).
func frameModel(tb testing.TB, bytes int, middle bool) *Model {
	m := newTest(tb, "bulk", bulk(bytes), 200, 60)
	n := len(m.tl.ev)
	if middle {
		m.seek(n/2, 0)
	} else {
		m.seek(n-1, 0)
	}
	return m
}

func benchFrame(b *testing.B, bytes int, middle bool) {
	m := frameModel(b, bytes, middle)
	b.ReportMetric(float64(len(m.tl.ev)), "events")
	b.ResetTimer()
	b.ReportAllocs()
	for b.Loop() {
		_ = m.render()
	}
}

// BenchmarkFrame renders one whole 200×60 frame.
func BenchmarkFrame(b *testing.B) {
	b.Run("events=100", func(b *testing.B) { benchFrame(b, shortBulk, false) })
	b.Run("events=100000", func(b *testing.B) { benchFrame(b, longBulk, false) })
	b.Run("events=100000/densest", func(b *testing.B) { benchFrame(b, longBulk, true) })
}

// BenchmarkPlaying renders frames while the present moves, as during play.
func BenchmarkPlaying(b *testing.B) {
	m := frameModel(b, longBulk, true)
	b.ResetTimer()
	for b.Loop() {
		m.advance(time.Second / 30)
		if !m.playing {
			m.seek(len(m.tl.ev)/2, 0)
			m.playing = true
		}
		_ = m.render()
	}
}

// TestFrameCost checks the benchmark's promise: a frame of a 100,000-event
// trace takes under 2 ms and at most 1.5× a 100-event one. Timing tests
// are noisy, so the three frames are measured in turns, many times, and
// the best time of each is compared; skip with -short or
// TCPSIM_SKIP_TIMING=1.
func TestFrameCost(t *testing.T) {
	if testing.Short() || os.Getenv("TCPSIM_SKIP_TIMING") != "" {
		t.Skip("timing test")
	}
	models := []*Model{frameModel(t, shortBulk, false), frameModel(t, longBulk, false), frameModel(t, longBulk, true)}
	if n := len(models[1].tl.ev); n < 100_000 {
		t.Fatalf("long trace has only %d events", n)
	}
	best := make([]time.Duration, len(models))
	for round := 0; round < 20; round++ {
		for i, m := range models {
			const n = 20
			start := time.Now()
			for j := 0; j < n; j++ {
				_ = m.render()
			}
			if d := time.Since(start) / n; round == 0 || d < best[i] {
				best[i] = d
			}
		}
	}
	short, long, dense := best[0], best[1], best[2]
	t.Logf("frame: %v for ~100 events, %v for ~100,000 events (ratio %.2f); densest frame %v",
		short, long, float64(long)/float64(short), dense)
	if long > 2*time.Millisecond || dense > 2*time.Millisecond {
		t.Errorf("a frame of a 100,000-event trace takes %v, densest %v (limit 2ms)", long, dense)
	}
	if float64(long) > 1.5*float64(short) {
		t.Errorf("a frame of a 100,000-event trace takes %.2f× one of a 100-event trace (limit 1.5×)", float64(long)/float64(short))
	}
}
