package explore

import (
	"fmt"

	"github.com/tcpsim/tcpsim/diagram"
	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/trace"
)

// StatesRun is the exploration's coverage as a run the state-diagram
// picture can draw (tcpsim explore --states): one state change per arc
// any run took, per side, so the picture highlights every arc covered.
func (rep *Report) StatesRun(title string) *diagram.Run {
	r := &diagram.Run{Title: title, Names: [2]string{"A", "B"}}
	for s := range rep.Arcs {
		for f := range rep.Arcs[s] {
			for t, row := range rep.Arcs[s][f] {
				if row == 0 {
					continue
				}
				m := diagram.StateMark{Index: len(r.States), Side: diagram.Side(s), From: fsm.State(f).String(), State: fsm.State(t).String()}
				if int(row) < len(fsm.Table) {
					m.Event = fsm.Table[row].On.String()
				}
				r.States = append(r.States, m)
			}
		}
	}
	r.Initial = [2]string{fsm.Closed.String(), fsm.Closed.String()}
	r.Final = r.Initial
	r.Caption = fmt.Sprintf("%d state changes by A, %d by B, in %d runs", rep.arcCount(trace.A), rep.arcCount(trace.B), rep.Runs)
	return r
}

func (rep *Report) arcCount(side trace.Side) int {
	n := 0
	for f := range rep.Arcs[side] {
		for _, row := range rep.Arcs[side][f] {
			if row > 0 {
				n++
			}
		}
	}
	return n
}
