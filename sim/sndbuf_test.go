package sim

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/trace"
)

// blockedWriter is A writing 20000 bytes into a 4000-byte send buffer,
// then (1 ms later, while the write still blocks) a second write and a
// close, which must wait behind it.
func blockedWriter(p *Profile) *Config {
	cfg := connection(string(bytes.Repeat([]byte("abcdefghij"), 2000)), time.Minute, 100*ms)
	cfg.Profile = p
	cfg.A.SndBuf = 4000
	cfg.Timeline[3] = when(trace.A, fsm.Established, time.Millisecond, trace.A, trace.OpClose)
	cfg.Timeline = append(cfg.Timeline, Action{When: true, WhenSide: trace.A, WhenState: fsm.Established, Side: trace.A, Op: trace.OpSend, Data: []byte("tail")})
	return cfg
}

// queuedMax is the most A's send buffer held after any event: bytes its
// application put in (its send calls that did not fail) less those B
// acknowledged.
func queuedMax(tr *trace.Trace) uint32 {
	var written, most uint32
	for _, e := range tr.Events {
		if e.Side != trace.A {
			continue
		}
		if e.Kind == trace.KUser && e.Op == trace.OpSend && (e.Rule() == nil || e.Rule().Tell == fsm.NoSignal) {
			written += e.N
		}
		acked := e.TCB.SndUna.Sub(e.TCB.ISS.Add(1))
		q := written
		if acked > 0 {
			q -= min(uint32(acked), written)
		}
		most = max(most, q)
	}
	return most
}

func TestSndBufWriteBlocksAndGoesInParts(t *testing.T) {
	for _, p := range []*Profile{RFC9293, Linux} {
		tr := Run(blockedWriter(p))
		var parts []uint32
		for _, e := range tr.Events {
			if e.Kind == trace.KUser && e.Side == trace.A && e.Op == trace.OpSend {
				parts = append(parts, e.N)
			}
		}
		if len(parts) < 5 || parts[0] != 4000 {
			t.Errorf("%s: send calls %v, want the 4000 bytes that fit first, then more parts", p.Name, parts)
		}
		if got := queuedMax(tr); got > 4000 {
			t.Errorf("%s: the send buffer held %d bytes, more than its 4000", p.Name, got)
		}
		if got := received(tr, trace.B); got != 20004 {
			t.Errorf("%s: B read %d bytes, want all 20004", p.Name, got)
		}
		// The close waited for the write: the FIN follows the last byte.
		fins := sends(tr, trace.A, fsm.FIN|fsm.ACK)
		if len(fins) == 0 || fins[0].Seg.Seq.Add(fins[0].Seg.Len) != fsm.Seq(101+20004) {
			t.Errorf("%s: A's FIN %v, want it at seq %d, after all the data", p.Name, fins, 101+20004)
		}
		if tr.Final != [2]fsm.State{fsm.Closed, fsm.Closed} {
			t.Errorf("%s: final %v", p.Name, tr.Final)
		}
	}
}

// Without sndbuf the same write goes in whole, at once.
func TestNoSndBufWritesAtOnce(t *testing.T) {
	cfg := blockedWriter(RFC9293)
	cfg.A.SndBuf = 0
	tr := Run(cfg)
	var parts []uint32
	for _, e := range tr.Events {
		if e.Kind == trace.KUser && e.Side == trace.A && e.Op == trace.OpSend {
			parts = append(parts, e.N)
		}
	}
	if len(parts) != 2 || parts[0] != 20000 {
		t.Errorf("send calls %v, want 20000 then 4", parts)
	}
}

// An abort ends a blocked write: nothing more of it goes in.
func TestSndBufAbortEndsTheWrite(t *testing.T) {
	cfg := blockedWriter(RFC9293)
	cfg.Timeline[3] = when(trace.A, fsm.Established, time.Millisecond, trace.A, trace.OpAbort)
	tr := Run(cfg)
	var written uint32
	for _, e := range tr.Events {
		if e.Kind == trace.KUser && e.Side == trace.A && e.Op == trace.OpSend {
			written += e.N
		}
	}
	if written != 4000 {
		t.Errorf("A wrote %d bytes, want only the 4000 before the abort", written)
	}
}

// A reset while the write blocks ends it: nothing more goes in, and the
// close waiting behind it is not run on the dead connection.
func TestSndBufResetEndsTheWrite(t *testing.T) {
	cfg := blockedWriter(RFC9293)
	cfg.Timeline = append(cfg.Timeline, when(trace.B, fsm.Established, 20*ms, trace.B, trace.OpAbort))
	tr := Run(cfg)
	var written uint32
	reset := false
	for _, e := range tr.Events {
		if e.Kind == trace.KDeliver && e.Side == trace.A && e.Seg.Flags&fsm.RST != 0 {
			reset = true
		}
		if e.Kind != trace.KUser || e.Side != trace.A {
			continue
		}
		switch {
		case e.Op == trace.OpSend && reset:
			t.Errorf("A wrote %d bytes at %v, after the RST", e.N, e.T)
		case e.Op == trace.OpSend:
			written += e.N
		case e.Op == trace.OpClose:
			t.Errorf("A's close ran at %v on a reset connection", e.T)
		}
	}
	if !reset || written < 4000 || written >= 20000 {
		t.Errorf("A wrote %d bytes (reset %v), want part of the write", written, reset)
	}
	if got := tr.Errors[trace.A]; len(got) != 1 || got[0] != fsm.SigReset {
		t.Errorf("A was told %v, want connection reset", got)
	}
}

// A write after close() does not wait for room: it fails at once, as the
// buffer's full state is no reason to block a call that cannot succeed.
func TestSndBufWriteAfterCloseFailsAtOnce(t *testing.T) {
	cfg := connection(strings.Repeat("z", 1000), time.Hour, 100*ms)
	cfg.A.SndBuf = 1000
	cfg.Timeline[3] = when(trace.A, fsm.Established, time.Millisecond, trace.A, trace.OpClose)
	cfg.Timeline = append(cfg.Timeline, when(trace.A, fsm.Established, 2*time.Millisecond, trace.A, trace.OpSend))
	cfg.Timeline[len(cfg.Timeline)-1].Data = []byte("late")
	tr := Run(cfg)
	var at time.Duration
	for _, e := range tr.Events {
		if e.Kind == trace.KUser && e.Side == trace.A && e.Op == trace.OpSend && e.N == 4 {
			at = e.T
			if r := e.Rule(); r == nil || r.Tell == fsm.NoSignal {
				t.Errorf("the write after close was taken (row %v)", r)
			}
		}
	}
	var est time.Duration
	for _, e := range tr.Events {
		if e.Kind == trace.KState && e.Side == trace.A && e.To == fsm.Established {
			est = e.T
		}
	}
	if at != est+2*time.Millisecond {
		t.Errorf("the write after close ran at %v, want at once (%v)", at, est+2*time.Millisecond)
	}
}
