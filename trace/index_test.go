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
		// Each side's state is its application's record's (Event.Conn): the
		// record its latest call addressed, or the latest it accepted.
		var st [2][256]fsm.State
		var tcb [2][256]trace.Snap
		var cur [2]uint8
		arrivals := map[int32]int{}
		for i := range tr.Events {
			ev := &tr.Events[i]
			if got, want := ix.StateBefore(i, ev.Side), st[ev.Side][cur[ev.Side]]; got != want {
				t.Fatalf("%s event %d: state before %s, want %s", sc.Name, i, got, want)
			}
			tcb[ev.Side][ev.Conn] = ev.TCB
			switch ev.Kind {
			case trace.KUser:
				cur[ev.Side] = ev.Conn
			case trace.KState:
				st[ev.Side][ev.Conn] = ev.To
				if ev.From == fsm.SynReceived && ev.To == fsm.Established {
					cur[ev.Side] = ev.Conn
				}
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
			if got, want := ix.StateAfter(i, ev.Side), st[ev.Side][cur[ev.Side]]; got != want {
				t.Fatalf("%s event %d: state after %s, want %s", sc.Name, i, got, want)
			}
			if got, ok := ix.TCBAfter(i, ev.Side); !ok || got != tcb[ev.Side][cur[ev.Side]] {
				t.Fatalf("%s event %d: TCB after is not the application's record's latest", sc.Name, i)
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
