package sim

import (
	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/trace"
)

// whenIndex lists the timeline's conditional steps by the (side, state)
// they wait for, in timeline order, so that a state change looks only at
// the steps waiting for it: a scenario of N connections has O(N) such
// steps and O(N) state changes, which a scan of the whole timeline at
// each change made quadratic. Counting sort into one slice (CSR layout):
// the steps for key k are idx[start[k]:start[k+1]].
type whenIndex struct {
	start [2*int(fsm.NumStates) + 1]int32
	idx   []int32
}

func whenKey(side trace.Side, st fsm.State) int { return int(side)*int(fsm.NumStates) + int(st) }

func (w *whenIndex) build(tl []Action) {
	w.start = [len(w.start)]int32{}
	n := 0
	for i := range tl {
		if a := &tl[i]; a.When && a.WhenSide <= trace.B && a.WhenState < fsm.NumStates {
			w.start[whenKey(a.WhenSide, a.WhenState)+1]++
			n++
		}
	}
	for k := 1; k < len(w.start); k++ {
		w.start[k] += w.start[k-1]
	}
	w.idx = resize(w.idx, n)
	var next [len(w.start)]int32
	copy(next[:], w.start[:])
	for i := range tl {
		if a := &tl[i]; a.When && a.WhenSide <= trace.B && a.WhenState < fsm.NumStates {
			k := whenKey(a.WhenSide, a.WhenState)
			w.idx[next[k]] = int32(i)
			next[k]++
		}
	}
}

// waiting is the steps waiting for side to enter st, in timeline order.
func (w *whenIndex) waiting(side trace.Side, st fsm.State) []int32 {
	if side > trace.B || st >= fsm.NumStates {
		return nil
	}
	k := whenKey(side, st)
	return w.idx[w.start[k]:w.start[k+1]]
}
