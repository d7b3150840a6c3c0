package sim

import (
	"bytes"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/trace"
	"pgregory.net/rapid"
)

// recordStates is each record of side's state after the run, from its
// state changes (a record that never changed state is left out).
func recordStates(tr *trace.Trace, side trace.Side) map[uint8]fsm.State {
	st := map[uint8]fsm.State{}
	for _, e := range tr.Events {
		if e.Kind == trace.KState && e.Side == side {
			st[e.Conn] = e.To
		}
	}
	return st
}

// twoClients: B listens and keeps listening; A connects from its port,
// then from port 49153 while the first connection is ESTABLISHED.
func twoClients() *Config {
	cfg := base(100, 300, 50*ms)
	cfg.B.Listening = true
	cfg.Timeline = []Action{
		at(0, trace.B, trace.OpListen),
		at(0, trace.A, trace.OpConnect),
		when(trace.A, fsm.Established, 0, trace.A, trace.OpSend),
		{At: time.Second, Side: trace.A, Op: trace.OpConnect, Port: 49153},
		{At: 1200 * ms, Side: trace.A, Op: trace.OpSend, Data: []byte("second")},
	}
	cfg.Timeline[2].Data = []byte("first")
	return cfg
}

// MUST-41, MUST-42: a SYN from a second port is accepted by B's listener
// while the first connection is ESTABLISHED, and the first goes on
// undisturbed: two connections share B's port, each on its own 4-tuple.
func TestListenerAcceptsSecondClient(t *testing.T) {
	tr := Run(twoClients())
	for side := trace.A; side <= trace.B; side++ {
		st := recordStates(tr, side)
		if st[0] != fsm.Established || st[1] != fsm.Established {
			t.Errorf("%s's records end in %v, want two ESTABLISHED", side, st)
		}
	}
	var got [2]uint32 // bytes B's records handed up
	for _, e := range tr.Events {
		if e.Kind == trace.KData && e.Side == trace.B {
			got[e.Conn] += e.N
		}
		if e.Kind == trace.KSend && e.Seg.Flags.Has(fsm.RST) {
			t.Errorf("a RST: %+v", e)
		}
		if e.Kind == trace.KSend && e.Conn == 1 && e.Ports != [2]uint16{49153, 80} && e.Ports != [2]uint16{80, 49153} {
			t.Errorf("the second connection sends on ports %v", e.Ports)
		}
	}
	if got != [2]uint32{5, 6} {
		t.Errorf("B's connections read %v bytes, want [5 6]", got)
	}
	if tr.Final != [2]fsm.State{fsm.Established, fsm.Established} || len(tr.Errors[0])+len(tr.Errors[1]) > 0 {
		t.Errorf("final %v, errors %v", tr.Final, tr.Errors)
	}
}

// Without listening, the same second SYN meets no LISTEN record: the
// CLOSED rule answers it with a RST (§3.10.7.1), and the first connection
// is not touched.
func TestSecondClientWithoutListenerRefused(t *testing.T) {
	cfg := twoClients()
	cfg.B.Listening = false
	tr := Run(cfg)
	if st := recordStates(tr, trace.B); st[0] != fsm.Established {
		t.Errorf("B's first connection ends in %v", st[0])
	}
	if e := tr.Errors[trace.A]; len(e) != 1 || e[0] != fsm.SigReset && e[0] != fsm.SigRefused {
		t.Errorf("A's errors %v, want the second connect reset", e)
	}
}

// reconnect: A closes first (TIME-WAIT on A), then connects again at 1 s.
func reconnect(port uint16) *Config {
	cfg := base(100, 300, 50*ms)
	cfg.MSL = 2 * time.Second
	cfg.B.Listening = true
	cfg.Timeline = []Action{
		at(0, trace.B, trace.OpListen),
		at(0, trace.A, trace.OpConnect),
		at(500*ms, trace.A, trace.OpClose),
		when(trace.B, fsm.CloseWait, 100*ms, trace.B, trace.OpClose),
		{At: time.Second, Side: trace.A, Op: trace.OpConnect, Port: port},
	}
	return cfg
}

// A connect after A's close, while its connection waits in TIME-WAIT,
// comes from the next port: the new connection completes while the old
// record still waits out its 2MSL, and then closes on its own.
func TestReconnectFromNextPortBesideTimeWait(t *testing.T) {
	tr := Run(reconnect(0))
	var est, closed time.Duration
	for _, e := range tr.Events {
		if e.Kind == trace.KState && e.Side == trace.A && e.Conn == 1 && e.To == fsm.Established {
			est = e.T
		}
		if e.Kind == trace.KState && e.Side == trace.A && e.Conn == 0 && e.From == fsm.TimeWait {
			closed = e.T
		}
		if e.Kind == trace.KSend && e.Side == trace.A && e.Conn == 1 && e.Ports[0] != 49153 {
			t.Fatalf("the new connection sends from port %d, want 49153", e.Ports[0])
		}
	}
	if est == 0 || closed <= est {
		t.Errorf("new connection ESTABLISHED at %v, old TIME-WAIT over at %v: want the first while the second lasts", est, closed)
	}
	if tr.Final != [2]fsm.State{fsm.Established, fsm.Established} {
		t.Errorf("final %v", tr.Final)
	}
}

// A connect naming the port its TIME-WAIT record still holds is refused
// (Linux: EADDRNOTAVAIL without tcp_tw_reuse): nothing is sent.
func TestConnectToPortInTimeWaitRefused(t *testing.T) {
	tr := Run(reconnect(49152))
	told := 0
	for _, e := range tr.Events {
		if e.Kind == trace.KError && e.Side == trace.A && e.Sig == fsm.ErrPortInUse {
			told++
		}
	}
	if told != 1 {
		t.Errorf("A told %d times %q, want once", told, fsm.ErrPortInUse)
	}
	for _, e := range tr.Events {
		if e.Kind == trace.KSend && e.Side == trace.A && e.T >= time.Second && e.Seg.Flags.Has(fsm.SYN) {
			t.Fatalf("a SYN at %v", e.T)
		}
	}
	// Once the TIME-WAIT is over the same port is free again.
	cfg := reconnect(49152)
	cfg.Timeline[4].At = 5 * time.Second
	if tr := Run(cfg); len(tr.Errors[trace.A]) != 0 || tr.Final[trace.A] != fsm.Established {
		t.Errorf("after TIME-WAIT: errors %v, final %v", tr.Errors[trace.A], tr.Final)
	}
}

// A crash reboots every record of the host, not only the one the
// application holds. (Snapshots copying every record: the bundled
// scenarios listener-two-clients and reconnect-new-port in
// TestForkWithCrashMatchesRunFromStart.)
func TestCrashRebootsEveryRecord(t *testing.T) {
	cfg := twoClients()
	cfg.Timeline = append(cfg.Timeline, Action{At: 2 * time.Second, Side: trace.B, Op: trace.OpCrash})
	tr := Run(cfg)
	for c, st := range recordStates(tr, trace.B) {
		if st != fsm.Closed {
			t.Errorf("B's record %d ends in %v after the crash", c, st)
		}
	}
}

// Over lossy, duplicating, reordering links, two clients of one listener
// (the second from port 49153 at a random moment) never mix: each record's
// state changes chain, every segment a record of B takes carries its own
// ports, no record of B hands up more than one client sent,
// every record ends ESTABLISHED, or CLOSED having given up (or LISTEN),
// and the run is deterministic.
func TestPropertyTwoClientsStaySeparate(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cfg := base(rapid.Uint32().Draw(t, "issA"), rapid.Uint32().Draw(t, "issB"), 0)
		cfg.Profile, cfg.B.Listening = withFinWait2, true
		cfg.Seed = rapid.Uint64().Draw(t, "seed")
		cfg.AtoB, cfg.BtoA = genLink(t, "ab_"), genLink(t, "ba_")
		cfg.Until = 2 * time.Hour
		second := time.Duration(rapid.IntRange(10, 3000).Draw(t, "second_ms")) * ms // after the first send: calls address the newest connection
		cfg.Timeline = []Action{
			at(0, trace.B, trace.OpListen),
			at(0, trace.A, trace.OpConnect),
			{At: 5 * ms, Side: trace.A, Op: trace.OpSend, Data: bytes.Repeat([]byte("1"), 3000)},
			{At: second, Side: trace.A, Op: trace.OpConnect, Port: 49153},
			{At: second + 10*ms, Side: trace.A, Op: trace.OpSend, Data: bytes.Repeat([]byte("2"), 3000)},
		}
		tr := Run(cfg)
		var st [2][256]fsm.State
		var changed [2][256]bool
		for i, e := range tr.Events {
			if e.Kind != trace.KState {
				continue
			}
			if e.Conn > 0 && !changed[e.Side][e.Conn] && e.From == fsm.Listen {
				st[e.Side][e.Conn] = fsm.Listen // a listener's new LISTEN record opens unrecorded
			}
			changed[e.Side][e.Conn] = true
			if e.From != st[e.Side][e.Conn] {
				t.Fatalf("event %d: %s#%d changes from %s but was in %s", i, e.Side, e.Conn, e.From, st[e.Side][e.Conn])
			}
			st[e.Side][e.Conn] = e.To
		}
		var got [256]uint32 // per incarnation: a record back in LISTEN may take the other client
		var from [256][2]uint16
		var synced [256]bool
		for _, e := range tr.Events {
			if e.Kind == trace.KState && e.Side == trace.B && e.To == fsm.SynReceived {
				got[e.Conn], synced[e.Conn] = 0, false
			}
			// Once a record has a connection, every arrival carries its ports.
			if e.Kind == trace.KDeliver && e.Side == trace.B && e.From != fsm.Listen && e.From != fsm.Closed {
				if !synced[e.Conn] {
					from[e.Conn], synced[e.Conn] = e.Ports, true
				} else if e.Ports != from[e.Conn] {
					t.Fatalf("B#%d takes a segment on ports %v after %v", e.Conn, e.Ports, from[e.Conn])
				}
			}
			if e.Kind == trace.KData && e.Side == trace.B {
				if got[e.Conn] += e.N; got[e.Conn] > 3000 {
					t.Fatalf("B#%d handed up %d bytes: two clients' data mixed", e.Conn, got[e.Conn])
				}
			}
		}
		for side := range 2 {
			for c, s := range st[side] {
				if changed[side][c] && s != fsm.Established && s != fsm.Closed && s != fsm.Listen {
					t.Fatalf("%s#%d ends in %s", trace.Side(side), c, s)
				}
			}
		}
		if !bytes.Equal(jsonlOf(t, tr), jsonlOf(t, Run(cfg))) {
			t.Fatal("two runs of one configuration differ")
		}
	})
}

func jsonlOf(t *rapid.T, tr *trace.Trace) []byte {
	var b bytes.Buffer
	if err := trace.WriteJSONL(&b, tr); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// A connect may name its connection's ISN ({connect: {isn: N}}); without
// one a later connection takes the §3.4.1 clock's.
func TestConnectNamesItsISN(t *testing.T) {
	for _, tc := range []struct {
		isn  uint32
		has  bool
		want func(fsm.Seq) bool
	}{
		{5000, true, func(s fsm.Seq) bool { return s == 5000 }},
		{0, true, func(s fsm.Seq) bool { return s == 0 }},
		{0, false, func(s fsm.Seq) bool { return s != 0 && s != 5000 && s != 100 }},
	} {
		cfg := reconnect(0)
		cfg.Timeline[4].ISN, cfg.Timeline[4].HasISN = tc.isn, tc.has
		var syns []fsm.Seq
		for _, e := range Run(cfg).Events {
			if e.Kind == trace.KSend && e.Side == trace.A && e.Seg.Flags == fsm.SYN {
				syns = append(syns, e.Seg.Seq)
			}
		}
		if len(syns) != 2 || syns[0] != 100 || !tc.want(syns[1]) {
			t.Errorf("isn %d (set %v): SYNs at %v", tc.isn, tc.has, syns)
		}
	}
}

// A server that accepts one connection after another goes on past the
// 255 records a host holds: a CLOSED record is made new again. Before,
// its listener silently stopped at the 255th connection and every later
// SYN went unanswered.
func TestServerPastMaxRecords(t *testing.T) {
	const n = 400
	cfg := sequential(n)
	cfg.Record = RecordAll
	cfg.Limits.Memory = 1 << 30
	tr, stop := RunLimited(cfg)
	if stop != nil {
		t.Fatal(stop)
	}
	var r Runner
	cfg.Record = RecordOutcome
	r.Run(cfg)
	if got := r.Counts().Got[trace.B]; got != 100*n {
		t.Fatalf("B got %d bytes of %d", got, 100*n)
	}
	established, maxConn := 0, uint8(0)
	for i := range tr.Events {
		ev := &tr.Events[i]
		if ev.Kind == trace.KState && ev.Side == trace.B && ev.To == fsm.Established {
			established++
		}
		maxConn = max(maxConn, ev.Conn)
	}
	if established != n || int(maxConn) >= maxRecords {
		t.Fatalf("B established %d connections of %d; highest record %d (at most %d)", established, n, maxConn, maxRecords-1)
	}
}
