package sim

import (
	"fmt"
	"github.com/tcpsim/tcpsim/trace"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
)

const us = time.Microsecond
const ms = time.Millisecond

// textbook is RFC9293 without PSH, so data segments read <CTL=ACK><DATA=n>
// exactly as in the RFC figures.
var textbook = func() *Profile { p := *RFC9293; p.PSHOnLast = false; return &p }()

// base returns a config with the figures' addresses, the given ISNs and a
// symmetric link delay.
func base(issA, issB uint32, delay time.Duration) *Config {
	return &Config{
		Seed: 1, MSL: time.Second, Profile: textbook,
		A:    EndpointConfig{Addr: netip.MustParseAddr("10.0.0.1"), Port: 49152, ISN: issA},
		B:    EndpointConfig{Addr: netip.MustParseAddr("10.0.0.2"), Port: 80, ISN: issB},
		AtoB: LinkConfig{Delay: delay}, BtoA: LinkConfig{Delay: delay},
	}
}

func at(t time.Duration, side trace.Side, op trace.Op) Action {
	return Action{At: t, Side: side, Op: op}
}

func when(side trace.Side, st fsm.State, after time.Duration, who trace.Side, op trace.Op) Action {
	return Action{When: true, WhenSide: side, WhenState: st, After: after, Side: who, Op: op}
}

// rfcLines renders every transmission as one RFC-figure line:
//
//	A-STATE --> <SEG> --> B-STATE   (A sends)
//	A-STATE <-- <SEG> <-- B-STATE   (B sends)
//
// The sender's state is its state when sending; the receiver's is its state
// once the arrival has been processed ("(lost)" when it never arrives).
func rfcLines(tr *trace.Trace) []string {
	evs := tr.Events
	var out []string
	for i := range evs {
		ev := &evs[i]
		if ev.Kind != trace.KSend {
			continue
		}
		recv := "(lost)"
		if !ev.Lost {
			recv = stateAfterDelivery(tr, ev.ID)
		}
		send := ev.From.String()
		if ev.Injected {
			send = "(old duplicate)"
		}
		if ev.Side == trace.A {
			out = append(out, fmt.Sprintf("%s --> %s --> %s", send, ev.Seg, recv))
		} else {
			out = append(out, fmt.Sprintf("%s <-- %s <-- %s", recv, ev.Seg, send))
		}
	}
	return out
}

// stateAfterDelivery is the receiver's state once the first arrival of
// transmission id has been processed.
func stateAfterDelivery(tr *trace.Trace, id int32) string {
	ix := tr.Index()
	if j := ix.Arrival(id); j >= 0 {
		_, after := ix.StepStates(j)
		return after.String()
	}
	return "(in flight)"
}

func norm(s string) string { return strings.Join(strings.Fields(s), " ") }

// expectLines compares the figure lines with the trace, line by line.
func expectLines(t *testing.T, tr *trace.Trace, want []string) {
	t.Helper()
	got := rfcLines(tr)
	n := len(want)
	if len(got) < n {
		n = len(got)
	}
	for i := 0; i < n; i++ {
		if norm(got[i]) != norm(want[i]) {
			t.Errorf("segment %d:\n got  %s\n want %s", i+1, norm(got[i]), norm(want[i]))
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %d segments, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
}

// states lists the state changes of one side, in order.
func states(tr *trace.Trace, side trace.Side) []string {
	var out []string
	for _, e := range tr.Events {
		if e.Kind == trace.KState && e.Side == side {
			out = append(out, e.To.String())
		}
	}
	return out
}

func expectStates(t *testing.T, tr *trace.Trace, side trace.Side, want ...string) {
	t.Helper()
	got := states(tr, side)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("%s went through %v, want %v", side.Upper(), got, want)
	}
}
