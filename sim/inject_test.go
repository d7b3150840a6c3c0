package sim

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/trace"
)

// strayConfig: A and B connect and exchange a little data; at 1s a
// segment is injected toward B on the ports given (zero: the connection's).
func strayConfig(ports [2]uint16, seg fsm.Segment) *Config {
	cfg := base(100, 300, 50*ms)
	cfg.Until = 3 * time.Second
	cfg.Timeline = []Action{
		at(0, trace.B, trace.OpListen),
		at(0, trace.A, trace.OpConnect),
		{At: 500 * ms, Side: trace.A, Op: trace.OpSend, Data: []byte("hello")},
		{At: 2 * time.Second, Side: trace.A, Op: trace.OpSend, Data: []byte("again")},
	}
	if seg.Flags != 0 {
		cfg.Faults = []Fault{{Kind: FaultInject, From: trace.A, At: time.Second, Ports: ports, Seg: seg}}
	}
	return cfg
}

// tcbs runs cfg and returns each side's record 0 as the run leaves it.
func tcbs(cfg *Config) (*trace.Trace, [2]fsm.TCB, [2]fsm.State) {
	s := New(cfg)
	s.Run()
	return &s.trace, [2]fsm.TCB{s.ep[0].conn.TCB(), s.ep[1].conn.TCB()},
		[2]fsm.State{s.ep[0].conn.State(), s.ep[1].conn.State()}
}

// §3.10.7.1: a segment for a port nobody holds meets the CLOSED rule. An
// ACK is answered <SEQ=SEG.ACK><CTL=RST>, sent back on the stray segment's
// ports; the established connection beside it is not touched (its TCBs
// end as in the run without the stray segment).
func TestStraySegmentAnsweredOnItsPorts(t *testing.T) {
	stray := fsm.Segment{Seq: 5000, Ack: 7000, Flags: fsm.ACK, Wnd: 100}
	tr, got, st := tcbs(strayConfig([2]uint16{4444, 8080}, stray))
	_, want, wst := tcbs(strayConfig([2]uint16{}, fsm.Segment{}))
	if got != want || st != wst || st != [2]fsm.State{fsm.Established, fsm.Established} {
		t.Errorf("the connection was disturbed: %v %+v, want %v %+v", st, got, wst, want)
	}
	var rst, injected int
	for _, e := range tr.Events {
		if e.Kind == trace.KSend && e.Injected {
			injected++
			if e.Ports != [2]uint16{4444, 8080} {
				t.Errorf("the injected segment shows ports %v", e.Ports)
			}
		}
		if e.Kind != trace.KSend || !e.Seg.Flags.Has(fsm.RST) {
			continue
		}
		rst++
		if e.Side != trace.B || e.Ports != [2]uint16{8080, 4444} || e.Seg.Seq != 7000 || e.Seg.Flags != fsm.RST || e.Conn == 0 {
			t.Errorf("the RST: side %s conn %d ports %v %+v", e.Side, e.Conn, e.Ports, e.Seg)
		}
	}
	if rst != 1 || injected != 1 {
		t.Errorf("%d RSTs, %d injected segments; want 1 and 1", rst, injected)
	}
}

// A stray segment without ACK is answered <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>.
func TestStrayWithoutACKAnsweredRSTACK(t *testing.T) {
	tr, _, st := tcbs(strayConfig([2]uint16{4444, 0}, fsm.Segment{Seq: 5000, Flags: fsm.FIN, Len: 3}))
	if st != [2]fsm.State{fsm.Established, fsm.Established} {
		t.Errorf("states %v", st)
	}
	n := 0
	for _, e := range tr.Events {
		if e.Kind == trace.KSend && e.Seg.Flags.Has(fsm.RST) {
			n++
			if e.Ports != [2]uint16{80, 4444} || e.Seg.Seq != 0 || e.Seg.Ack != 5004 || e.Seg.Flags != fsm.RST|fsm.ACK {
				t.Errorf("the RST: ports %v %+v", e.Ports, e.Seg)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d RSTs, want 1", n)
	}
}

// Naming the connection's own ports changes nothing: the segment reaches
// the connection (here an out-of-window ACK, answered with an ACK, §3.10.7.4).
func TestInjectOnTheConnectionsPortsReachesIt(t *testing.T) {
	tr, _, _ := tcbs(strayConfig([2]uint16{49152, 80}, fsm.Segment{Seq: 90000, Ack: 101, Flags: fsm.ACK, Wnd: 100}))
	var id int32 = -1
	for _, e := range tr.Events {
		if e.Kind == trace.KSend && e.Injected {
			id = e.ID
			if e.Ports != [2]uint16{} {
				t.Errorf("shown ports %v, want none (the trace's ends)", e.Ports)
			}
		}
		if e.Kind == trace.KDeliver && e.ID == id && (e.Side != trace.B || e.Conn != 0) {
			t.Errorf("delivered to %s's record %d", e.Side, e.Conn)
		}
		if e.Kind == trace.KSend && e.Seg.Flags.Has(fsm.RST) {
			t.Errorf("a RST: %+v", e)
		}
	}
	if id < 0 {
		t.Fatal("nothing injected")
	}
	answered := false
	for _, e := range tr.Events {
		if e.Kind == trace.KSend && e.Side == trace.B && e.Conn == 0 && e.T > time.Second && e.T < 1200*ms && e.Seg.Flags == fsm.ACK {
			answered = true
		}
	}
	if !answered {
		t.Error("the connection did not answer the out-of-window ACK")
	}
}

// A stray SYN for a listening port reaches the listener (§3.10.7.2), which
// keeps listening (MUST-41): B answers SYN,ACK on the stray ports; A has
// nothing on port 4444, so its CLOSED rule resets that (<SEQ=SEG.ACK>), and
// B's first connection stays as it was.
func TestStraySYNReachesTheListener(t *testing.T) {
	cfg := strayConfig([2]uint16{4444, 0}, fsm.Segment{Seq: 9000, Flags: fsm.SYN, Wnd: 100})
	cfg.B.Listening = true
	tr, _, st := tcbs(cfg)
	if st != [2]fsm.State{fsm.Established, fsm.Established} {
		t.Errorf("states %v", st)
	}
	var synack, rst bool
	for _, e := range tr.Events {
		if e.Kind != trace.KSend || e.Injected {
			continue
		}
		switch {
		case e.Seg.Flags == fsm.SYN|fsm.ACK && e.Ports == [2]uint16{80, 4444}:
			synack = e.Side == trace.B && e.Seg.Ack == 9001 && e.Conn != 0
		case e.Seg.Flags.Has(fsm.RST):
			rst = e.Side == trace.A && e.Ports == [2]uint16{4444, 80} && e.Seg.Flags == fsm.RST && e.Conn != 0
		}
	}
	if !synack || !rst {
		t.Errorf("SYN,ACK on the stray ports: %v; A's RST back on them: %v", synack, rst)
	}
}

// The text ladder says what the stray segments are: the injected ACK is
// "(injected)", not an old duplicate; both lines name their ports; the RST
// shows the state of the record that sent it (CLOSED), not the connection's.
func TestStrayLadderSaysWhatItIs(t *testing.T) {
	stray := fsm.Segment{Seq: 5000, Ack: 7000, Flags: fsm.ACK, Wnd: 100}
	tr, _, _ := tcbs(strayConfig([2]uint16{4444, 8080}, stray))
	var b bytes.Buffer
	if err := trace.WriteLadder(&b, tr, msg.English()); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for _, want := range []string{"(injected)", "ports 4444 → 8080", "ports 8080 → 4444", "<SEQ=7000><CTL=RST>                        <-- CLOSED"} {
		if !strings.Contains(got, want) {
			t.Errorf("the ladder lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "(duplicate)") {
		t.Errorf("a stray ACK called a duplicate:\n%s", got)
	}
}
