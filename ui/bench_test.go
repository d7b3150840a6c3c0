package ui

import (
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/sim"
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
	if bytes == longBulk && len(m.tl.ev) < 100_000 {
		b.Fatalf("the long trace has only %d events", len(m.tl.ev))
	}
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

// BenchmarkLayoutInFlight lays out a run with thousands of one-byte
// segments in flight at once (MSS 1), the case where arrows crossing many
// rows used to cost memory in proportion to arrows times segments in
// flight (docs/tui.md, Bounds in the lab).
func BenchmarkLayoutInFlight(b *testing.B) {
	c := bulk(20_000)
	c.A.MSS, c.B.MSS = 1, 1
	tr := sim.Run(c)
	b.ReportAllocs()
	for b.Loop() {
		newTimeline(tr)
	}
	b.ReportMetric(float64(len(tr.Events)), "events")
}
