package sim

import (
	"bytes"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/trace"
	"pgregory.net/rapid"
)

// genSocketConfig: A sends up to 30000 bytes over a lossy link to a B whose
// application has a small buffer and reads at once, slowly, or when told,
// stops and starts again; both close late. (issue 14)
func genSocketConfig(t *rapid.T) *Config {
	cfg := base(rapid.Uint32().Draw(t, "issA"), rapid.Uint32().Draw(t, "issB"), 0)
	cfg.Profile = rapid.SampledFrom([]*Profile{withFinWait2, Linux}).Draw(t, "profile")
	cfg.Seed = rapid.Uint64().Draw(t, "seed")
	link := func(name string) LinkConfig {
		return LinkConfig{
			Delay:     time.Duration(rapid.IntRange(0, 100).Draw(t, name+"delay_ms")) * ms,
			Loss:      rapid.Float64Range(0, 0.2).Draw(t, name+"loss"),
			Duplicate: rapid.Float64Range(0, 0.2).Draw(t, name+"dup"),
			Reorder:   rapid.Float64Range(0, 0.2).Draw(t, name+"reorder"),
		}
	}
	cfg.AtoB, cfg.BtoA = link("ab_"), link("ba_")
	cfg.Until = 2 * time.Hour
	cfg.B.RcvBuf = uint32(rapid.IntRange(500, 8000).Draw(t, "rcvbuf"))
	cfg.B.Read = rapid.SampledFrom([]ReadMode{ReadAtOnce, ReadPeriodic, ReadOnAction}).Draw(t, "read")
	cfg.B.ReadBytes = uint32(rapid.IntRange(500, 3000).Draw(t, "readBytes"))
	cfg.B.ReadEvery = time.Duration(rapid.IntRange(10, 500).Draw(t, "readEvery_ms")) * ms
	if rapid.Bool().Draw(t, "keepalive") {
		cfg.A.KeepIdle, cfg.A.KeepIntvl, cfg.A.KeepCnt = 5*time.Second, time.Second, 5
	}
	// Socket options (sockopt.go): Nagle or not, a user timeout.
	cfg.A.NoDelay = rapid.Bool().Draw(t, "nodelay")
	cfg.A.UserTimeout = time.Duration(rapid.IntRange(0, 60).Draw(t, "user_timeout_s")) * time.Second
	data := bytes.Repeat([]byte("a"), rapid.IntRange(0, 30000).Draw(t, "bytes"))
	ms := func(name string, hi int) time.Duration {
		return time.Duration(rapid.IntRange(0, hi).Draw(t, name)) * ms
	}
	late := 30 * time.Minute
	cfg.Timeline = []Action{
		at(0, trace.B, trace.OpListen), at(ms("connect_ms", 100), trace.A, trace.OpConnect),
		{When: true, WhenSide: trace.A, WhenState: fsm.Established, Side: trace.A, Op: trace.OpSend, Data: data},
		at(ms("stop_ms", 5000), trace.B, trace.OpStopReading),
		{At: ms("readN_ms", 10000), Side: trace.B, Op: trace.OpRead, N: uint32(rapid.IntRange(1, 5000).Draw(t, "readN"))},
		at(10*time.Second+ms("read_ms", 10000), trace.B, trace.OpRead), // from now on, everything
		when(trace.B, fsm.CloseWait, 2*time.Minute, trace.B, trace.OpClose),
		at(ms("aclose_ms", 20000), trace.A, trace.OpClose),
		at(late, trace.A, trace.OpClose), at(late, trace.B, trace.OpClose),
	}
	// Small writes, once connected, that Nagle may hold and coalesce.
	for i := range rapid.IntRange(0, 5).Draw(t, "small_writes") {
		cfg.Timeline = append(cfg.Timeline, Action{When: true, WhenSide: trace.A, WhenState: fsm.Established,
			After: ms("small_ms", 3000) + time.Duration(i)*time.Millisecond, Side: trace.A, Op: trace.OpSend, Data: []byte("bb")})
	}
	if rapid.Bool().Draw(t, "shut_rd") { // shutdown(SHUT_RD); the later read still takes what is queued
		cfg.Timeline = append(cfg.Timeline, at(ms("shut_rd_ms", 8000), trace.B, trace.OpShutRead))
	}
	if rapid.Bool().Draw(t, "sndbuf") { // SO_SNDBUF: the big write blocks (sndbuf.go)
		cfg.A.SndBuf = uint32(rapid.IntRange(1, 20000).Draw(t, "sndbuf_bytes"))
	}
	return cfg
}

// No stuck connection, no byte lost or read twice by the application,
// every run ends: whatever the buffer, the reading and the link.
func TestPropertyApplicationReadsEveryByteOnce(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cfg := genSocketConfig(t)
		tr := Run(cfg)
		var want uint32 // what A's application handed over (its SENDs may never come, or fail after CLOSE)
		for _, e := range tr.Events {
			if e.Kind == trace.KUser && e.Side == trace.A && e.Op == trace.OpSend && (e.Rule() == nil || e.Rule().Tell == fsm.NoSignal) {
				want += e.N
			}
		}
		got := received(tr, trace.B)
		if got > want {
			t.Fatalf("B read %d bytes of %d: some twice", got, want)
		}
		if len(tr.Errors[trace.A]) == 0 && len(tr.Errors[trace.B]) == 0 && got != want {
			t.Fatalf("B read %d bytes of %d, and nobody was told of an error", got, want)
		}
		if tr.Final != [2]fsm.State{fsm.Closed, fsm.Closed} {
			t.Fatalf("final states %v", tr.Final)
		}
		if q := queuedMax(tr); cfg.A.SndBuf > 0 && q > cfg.A.SndBuf {
			t.Fatalf("A's send buffer held %d bytes, more than its %d", q, cfg.A.SndBuf)
		}
		if tr.End >= cfg.Until {
			t.Fatalf("run did not finish before %v", cfg.Until)
		}
	})
}
