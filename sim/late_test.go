package sim

import (
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/trace"
)

// A Late action happens at its instant, after everything else there: the
// SYN,ACK that reaches A at 100 ms is processed first, so A calls SEND in
// ESTABLISHED, and the call is recorded at 100 ms exactly (the lab used
// to add 1 ns to get this order, and the nanosecond showed in exports).
func TestLateActionRunsLastAtItsInstant(t *testing.T) {
	for _, late := range []bool{false, true} {
		c := base(100, 300, 50*ms)
		c.Timeline = []Action{at(0, trace.B, trace.OpListen), at(0, trace.A, trace.OpConnect),
			{At: 100 * ms, Side: trace.A, Op: trace.OpSend, Data: []byte("hi"), Late: late}}
		tr := Run(c)
		call, arrive := -1, -1
		for i, ev := range tr.Events {
			switch {
			case ev.Kind == trace.KUser && ev.Op == trace.OpSend:
				call = i
				if ev.T != 100*ms {
					t.Errorf("late=%v: the call is recorded at %v, want 100ms", late, ev.T)
				}
			case ev.Kind == trace.KDeliver && ev.Side == trace.A && arrive < 0:
				arrive = i
				if ev.T != 100*ms {
					t.Fatalf("the SYN,ACK reaches A at %v, want 100ms", ev.T)
				}
			}
		}
		if call < 0 || arrive < 0 {
			t.Fatalf("late=%v: call %d, arrival %d", late, call, arrive)
		}
		if (call > arrive) != late {
			t.Errorf("late=%v: call at event %d, the SYN,ACK's arrival at %d", late, call, arrive)
		}
	}
}

// Late does not change a run that has nothing else at the action's instant.
func TestLateActionAloneIsTheSameRun(t *testing.T) {
	run := func(late bool) *trace.Trace {
		c := base(100, 300, 50*ms)
		c.Timeline = []Action{at(0, trace.B, trace.OpListen), at(0, trace.A, trace.OpConnect),
			{At: 777 * time.Millisecond, Side: trace.A, Op: trace.OpClose, Late: late}}
		return Run(c)
	}
	a, b := run(false), run(true)
	if len(a.Events) != len(b.Events) {
		t.Fatalf("%d events, late %d", len(a.Events), len(b.Events))
	}
	for i := range a.Events {
		if a.Events[i].T != b.Events[i].T || a.Events[i].Kind != b.Events[i].Kind {
			t.Fatalf("event %d differs", i)
		}
	}
}
