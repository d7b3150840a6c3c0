package trace_test

import (
	"testing"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// The index agrees with a plain walk of every bundled scenario's trace.
func TestIndexAgreesWithWalk(t *testing.T) {
	all := scenarios.Bundled()
	if len(all) == 0 {
		t.Fatal("no bundled scenarios")
	}
	for _, sc := range all {
		tr := sim.Run(sc.Config)
		ix := tr.Index()
		if tr.Index() != ix {
			t.Fatalf("%s: the index is built twice", sc.Name)
		}
		state := [2]fsm.State{fsm.Closed, fsm.Closed}
		arrivals := map[int32]int{}
		for i := range tr.Events {
			ev := &tr.Events[i]
			if got := ix.StateBefore(i, ev.Side); got != state[ev.Side] {
				t.Fatalf("%s event %d: state before %s, want %s", sc.Name, i, got, state[ev.Side])
			}
			switch ev.Kind {
			case trace.KState:
				state[ev.Side] = ev.To
			case trace.KSend:
				if ix.Send(ev.ID) != i {
					t.Fatalf("%s: send of #%d at %d, index says %d", sc.Name, ev.ID, i, ix.Send(ev.ID))
				}
				if ev.Lost && ix.Drop(ev.ID) == trace.DropNone {
					t.Fatalf("%s: #%d is lost without a reason", sc.Name, ev.ID)
				}
			case trace.KDeliver:
				if _, seen := arrivals[ev.ID]; !seen && !ev.Dup {
					arrivals[ev.ID] = i
				}
				if ix.Step(i) != i {
					t.Fatalf("%s: arrival %d does not start its step", sc.Name, i)
				}
			}
			if ix.StateAfter(i, ev.Side) != state[ev.Side] {
				t.Fatalf("%s event %d: state after %s, want %s", sc.Name, i, ix.StateAfter(i, ev.Side), state[ev.Side])
			}
			if tcb, ok := ix.TCBAfter(i, ev.Side); !ok || tcb != ev.TCB {
				t.Fatalf("%s event %d: TCB after is not the event's own", sc.Name, i)
			}
		}
		for id, i := range arrivals {
			if ix.Arrival(id) != i {
				t.Fatalf("%s: first arrival of #%d at %d, index says %d", sc.Name, id, i, ix.Arrival(id))
			}
		}
		if ix.Send(-1) != -1 || ix.Arrival(1<<30) != -1 {
			t.Fatalf("%s: lookups out of range must say -1", sc.Name)
		}
	}
}
