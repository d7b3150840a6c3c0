package sim

import (
	"bytes"
	"github.com/tcpsim/tcpsim/trace"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
	"pgregory.net/rapid"
)

// withFinWait2 adds the FIN-WAIT-2 timer real stacks have. RFC 9293 has
// none, so an end whose peer gave up would wait in FIN-WAIT-2 for ever and
// "both ends reach CLOSED" could not hold.
var withFinWait2 = func() *Profile { p := *RFC9293; p.FinWait2 = 60 * time.Second; return &p }()

func genLink(t *rapid.T, name string) LinkConfig {
	return LinkConfig{
		Delay:     time.Duration(rapid.IntRange(0, 200).Draw(t, name+"delay_ms")) * ms,
		Jitter:    time.Duration(rapid.IntRange(0, 50).Draw(t, name+"jitter_ms")) * ms,
		Loss:      rapid.Float64Range(0, 0.6).Draw(t, name+"loss"),
		Duplicate: rapid.Float64Range(0, 0.3).Draw(t, name+"dup"),
		Reorder:   rapid.Float64Range(0, 0.3).Draw(t, name+"reorder"),
	}
}

func genConfig(t *rapid.T) *Config {
	cfg := base(rapid.Uint32().Draw(t, "issA"), rapid.Uint32().Draw(t, "issB"), 0)
	cfg.Profile = withFinWait2
	cfg.Seed = rapid.Uint64().Draw(t, "seed")
	cfg.AtoB, cfg.BtoA = genLink(t, "ab_"), genLink(t, "ba_")
	cfg.A.MSS = uint16(rapid.IntRange(100, 1460).Draw(t, "mss"))
	cfg.Until = 2 * time.Hour
	late := 30 * time.Minute
	aData := bytes.Repeat([]byte("a"), rapid.IntRange(0, 5000).Draw(t, "aBytes"))
	bData := bytes.Repeat([]byte("b"), rapid.IntRange(0, 5000).Draw(t, "bBytes"))
	cfg.Timeline = []Action{
		at(0, trace.B, trace.OpListen),
		at(time.Duration(rapid.IntRange(0, 100).Draw(t, "connect_ms"))*ms, trace.A, trace.OpConnect),
		{When: true, WhenSide: trace.A, WhenState: fsm.Established, Side: trace.A, Op: trace.OpSend, Data: aData},
		{When: true, WhenSide: trace.B, WhenState: fsm.Established, Side: trace.B, Op: trace.OpSend, Data: bData},
		when(trace.B, fsm.CloseWait, time.Duration(rapid.IntRange(0, 500).Draw(t, "bclose_ms"))*ms, trace.B, trace.OpClose),
		at(late, trace.A, trace.OpClose), at(late, trace.B, trace.OpClose),
	}
	end := rapid.SampledFrom([]trace.Op{trace.OpClose, trace.OpClose, trace.OpClose, trace.OpAbort, trace.OpCrash}).Draw(t, "aEnd")
	cfg.Timeline = append(cfg.Timeline, at(time.Duration(rapid.IntRange(0, 10000).Draw(t, "aend_ms"))*ms, trace.A, end))
	return cfg
}

func TestPropertyConnectionsAlwaysEndClosed(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cfg := genConfig(t)
		tr := Run(cfg)
		var st [2]fsm.State
		for i := range tr.Events {
			e := &tr.Events[i]
			if e.Kind == trace.KState {
				if e.From != st[e.Side] {
					t.Fatalf("event %d: %s changes from %s but was in %s", i, e.Side, e.From, st[e.Side])
				}
				st[e.Side] = e.To
			}
			if s := st[e.Side]; s != fsm.Closed && s != fsm.Listen && e.TCB.SndNxt.LessThan(e.TCB.SndUna) {
				t.Fatalf("event %d: %s SND.UNA %d > SND.NXT %d", i, e.Side, e.TCB.SndUna, e.TCB.SndNxt)
			}
		}
		if tr.Final != [2]fsm.State{fsm.Closed, fsm.Closed} {
			t.Fatalf("final states %v", tr.Final)
		}
		if tr.End >= cfg.Until {
			t.Fatalf("run did not finish before %v", cfg.Until)
		}
	})
}

func TestPropertySameSeedSameTrace(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cfg := genConfig(t)
		var x, y bytes.Buffer
		_ = trace.WriteJSONL(&x, Run(cfg))
		_ = trace.WriteJSONL(&y, Run(cfg))
		if !bytes.Equal(x.Bytes(), y.Bytes()) {
			t.Fatal("same config and seed gave different traces")
		}
	})
}
