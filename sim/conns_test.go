package sim

import (
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/trace"
	"pgregory.net/rapid"
)

// genReconnect: B closes first and holds TIME-WAIT; A connects again from
// the same port at a random moment, over lossy links, under linux or
// under rfc9293 with B taking MAY-2.
func genReconnect(t *rapid.T) *Config {
	cfg := base(rapid.Uint32().Draw(t, "issA"), rapid.Uint32().Draw(t, "issB"), 0)
	cfg.Profile, cfg.B.Listening = Linux, true
	if rapid.Bool().Draw(t, "rfc") {
		cfg.Profile, cfg.B.Reopen = withFinWait2, true
	}
	cfg.Seed = rapid.Uint64().Draw(t, "seed")
	cfg.AtoB, cfg.BtoA = genLink(t, "ab_"), genLink(t, "ba_")
	cfg.Until = 2 * time.Hour
	late := 30 * time.Minute
	cfg.Timeline = []Action{
		at(0, trace.B, trace.OpListen),
		at(0, trace.A, trace.OpConnect),
		{When: true, WhenSide: trace.A, WhenState: fsm.Established, Side: trace.A, Op: trace.OpSend, Data: []byte("hello")},
		at(time.Duration(rapid.IntRange(100, 2000).Draw(t, "bclose_ms"))*ms, trace.B, trace.OpClose),
		when(trace.A, fsm.CloseWait, 100*ms, trace.A, trace.OpClose),
		at(time.Duration(rapid.IntRange(500, 20000).Draw(t, "reconnect_ms"))*ms, trace.A, trace.OpConnect),
		when(trace.B, fsm.CloseWait, 100*ms, trace.B, trace.OpClose),
		at(late, trace.A, trace.OpClose), at(late, trace.B, trace.OpClose),
	}
	return cfg
}

// Every reopen of TIME-WAIT picks an ISS above every sequence number the
// old incarnation used (RFC 9293 §3.6 MAY-2 (1)), the states chain, and
// the run ends with no connection left open.
func TestPropertyReopenISSAboveOldIncarnation(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cfg := genReconnect(t)
		tr := Run(cfg)
		var st [2][256]fsm.State    // each record's state (a connect after A's CLOSE opens a new one)
		var last [2][256]trace.Snap // each record's TCB at its previous event
		var changed [2][256]bool
		for i := range tr.Events {
			e := &tr.Events[i]
			if e.Kind == trace.KState {
				if e.Conn > 0 && !changed[e.Side][e.Conn] && e.From == fsm.Listen {
					st[e.Side][e.Conn] = fsm.Listen // a listener's new LISTEN record opens unrecorded
				}
				changed[e.Side][e.Conn] = true
				if e.From != st[e.Side][e.Conn] {
					t.Fatalf("event %d: %s#%d changes from %s but was in %s", i, e.Side, e.Conn, e.From, st[e.Side][e.Conn])
				}
				if e.From == fsm.TimeWait && e.To == fsm.SynReceived && !last[e.Side][e.Conn].SndNxt.LessThan(e.TCB.ISS) {
					t.Fatalf("event %d: reopened with ISS %d, not above the old SND.NXT %d", i, e.TCB.ISS, last[e.Side][e.Conn].SndNxt)
				}
				st[e.Side][e.Conn] = e.To
			}
			last[e.Side][e.Conn] = e.TCB
		}
		if tr.Final[trace.A] != fsm.Closed || (tr.Final[trace.B] != fsm.Closed && tr.Final[trace.B] != fsm.Listen) {
			t.Fatalf("final states %v", tr.Final)
		}
		if tr.End >= cfg.Until {
			t.Fatalf("run did not finish before %v", cfg.Until)
		}
	})
}
