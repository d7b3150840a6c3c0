package explore

import (
	"github.com/tcpsim/tcpsim/diagram"
	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
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
	r.Caption = rep.StatesCaption(msg.English())
	return r
}

// StatesCaption is the picture's caption in p's language: how many
// distinct state changes each side made, in how many runs.
func (rep *Report) StatesCaption(p *msg.Printer) string {
	return p.T(msg.ExploreStatesCaption, msg.Args{"A": rep.arcCount(trace.A), "B": rep.arcCount(trace.B), "Runs": rep.Runs})
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
