package sim

import (
	"bytes"
	"fmt"
	"github.com/tcpsim/tcpsim/trace"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
)

// lifecycle: handshake, 100 bytes each way, close, TIME-WAIT.
func lifecycle(loss float64) *Config {
	cfg := base(100, 300, 10*ms)
	cfg.AtoB.Loss, cfg.BtoA.Loss = loss, loss
	hundred := bytes.Repeat([]byte("x"), 100)
	cfg.Timeline = []Action{
		at(0, trace.B, trace.OpListen), at(0, trace.A, trace.OpConnect),
		{When: true, WhenSide: trace.A, WhenState: fsm.Established, Side: trace.A, Op: trace.OpSend, Data: hundred},
		{When: true, WhenSide: trace.B, WhenState: fsm.Established, Side: trace.B, Op: trace.OpSend, Data: hundred},
		// Close once ESTABLISHED (a fixed time would abort connects still in
		// SYN-SENT under loss and count them as lifecycles).
		when(trace.A, fsm.Established, time.Second, trace.A, trace.OpClose),
		when(trace.B, fsm.CloseWait, 0, trace.B, trace.OpClose),
		at(10*time.Minute, trace.B, trace.OpClose), // stop listening even if A gave up early
	}
	return cfg
}

func benchLifecycle(b *testing.B, loss float64) { benchLifecycleCfg(b, lifecycle(loss)) }

func benchLifecycleCfg(b *testing.B, cfg *Config) {
	segs := 0
	var r Runner
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cfg.Seed = uint64(i)
		tr := r.Run(cfg)
		timeWait := false
		for j := range tr.Events {
			ev := &tr.Events[j]
			if ev.Kind == trace.KSend {
				segs++
			}
			timeWait = timeWait || ev.Kind == trace.KState && ev.Side == trace.A && ev.To == fsm.TimeWait
		}
		if tr.Final[trace.A] != fsm.Closed || tr.Final[trace.B] != fsm.Closed || !timeWait {
			b.Fatalf("seed %d: lifecycle did not complete through TIME-WAIT: %v", cfg.Seed, tr.Final)
		}
	}
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(b.N)/sec, "lifecycles/s")
	b.ReportMetric(float64(segs)/sec, "segments/s")
}

func BenchmarkLifecycle(b *testing.B)      { benchLifecycle(b, 0) }
func BenchmarkLifecycleLoss5(b *testing.B) { benchLifecycle(b, 0.05) }

// BenchmarkLifecycleFresh measures sim.Run, which allocates a new Sim and trace each time.
func BenchmarkLifecycleFresh(b *testing.B) {
	cfg := lifecycle(0)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Run(cfg)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lifecycles/s")
}

// A Runner reuses its memory: once warm, a whole lifecycle allocates
// nothing (a segment pointer escaping through an interface once cost 15
// allocations a lifecycle, unnoticed).
func TestRunnerLifecycleAllocatesNothing(t *testing.T) {
	cfg := lifecycle(0)
	var r Runner
	r.Run(cfg)
	seed := uint64(0)
	if n := testing.AllocsPerRun(50, func() { seed++; cfg.Seed = seed; r.Run(cfg) }); n != 0 {
		t.Errorf("%.1f allocations per lifecycle, want 0", n)
	}
}

// BenchmarkWaitingSteps: a lifecycle whose timeline also holds N steps
// waiting for a state the run never enters (A in SYN-RECEIVED), as a
// scenario of many connections holds steps for the later ones. Each state
// change looks only at the steps waiting for it (timeline.go), so what
// grows with N is the reset of the run, not the ten state changes times N.
func BenchmarkWaitingSteps(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("steps=%d", n), func(b *testing.B) {
			cfg := lifecycle(0)
			for range n {
				cfg.Timeline = append(cfg.Timeline, when(trace.A, fsm.SynReceived, 0, trace.A, trace.OpClose))
			}
			benchLifecycleCfg(b, cfg)
		})
	}
}

// sequential is n lifecycles one after another in one run: A connects
// every 5 s, sends 100 bytes and closes 1 s later; B listens throughout
// and closes each connection it accepted 2 s in. TIME-WAIT (2 s) is over
// before the next connect, so A's record is used again.
func sequential(n int) *Config {
	cfg := base(100, 300, 10*ms)
	cfg.B.Listening = true
	cfg.Record = RecordOutcome
	cfg.Until = time.Duration(n+1) * 5 * time.Second
	cfg.Limits = Limits{Events: 200 * n, Time: cfg.Until, InFlight: 4*n + 100}
	hundred := bytes.Repeat([]byte("x"), 100)
	cfg.Timeline = []Action{at(0, trace.B, trace.OpListen)}
	for i := range n {
		t := time.Duration(i) * 5 * time.Second
		cfg.Timeline = append(cfg.Timeline, at(t, trace.A, trace.OpConnect),
			Action{At: t + 100*ms, Side: trace.A, Op: trace.OpSend, Data: hundred},
			at(t+time.Second, trace.A, trace.OpClose), at(t+2*time.Second, trace.B, trace.OpClose))
	}
	return cfg
}

// BenchmarkSequentialConnections: the cost per lifecycle of n lifecycles
// in one run should not grow with n (10³ to 10⁵).
func BenchmarkSequentialConnections(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			cfg := sequential(n)
			var r Runner
			for b.Loop() {
				tr := r.Run(cfg)
				if got := r.Counts().Got[trace.B]; got != uint64(100*n) || r.Stopped() != nil {
					b.Fatalf("B got %d bytes of %d (%v), final %v", got, 100*n, r.Stopped(), tr.Final)
				}
			}
			b.ReportMetric(b.Elapsed().Seconds()*1e9/float64(b.N*n), "ns/lifecycle")
		})
	}
}
