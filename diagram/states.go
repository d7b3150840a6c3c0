package diagram

import (
	"github.com/tcpsim/tcpsim/msg"
	"strings"

	"github.com/tcpsim/tcpsim/fsm"
)

// The state diagram is generated from fsm.Table, like the lab's: every row
// that changes state is an arc. Nodes sit where RFC 9293's Figure 5 puts
// them: CLOSED on top, the client's path down the left, the server's down
// the right, TIME-WAIT bottom left, CLOSED again bottom right. Arcs to
// CLOSED that exist from almost every state (ABORT, RST, crash, giving up)
// are summed up in one line, unless the run took one: then it is drawn.

type stNode struct {
	state  fsm.State
	bottom bool
	x, y   float64
	w      float64
}

type stEdge struct {
	from, to int
	labels   []string
	used     [2]bool
	abrupt   bool
}

const (
	colL, colC, colR = 0.0, 1.0, 2.0
	colGap           = 270.0
	rowGap           = 92.0
	nodeH            = 28.0
)

func stNodes() []stNode {
	spots := []struct {
		s      fsm.State
		bottom bool
		col, y float64
	}{
		{fsm.Closed, false, colC, 0}, {fsm.Listen, false, colC, 1},
		{fsm.SynReceived, false, colL, 2}, {fsm.SynSent, false, colR, 2},
		{fsm.Established, false, colC, 3},
		{fsm.FinWait1, false, colL, 4}, {fsm.CloseWait, false, colR, 4},
		{fsm.FinWait2, false, colL, 5.2}, {fsm.Closing, false, colC, 5.2}, {fsm.LastAck, false, colR, 5.2},
		{fsm.TimeWait, false, colL + 0.5, 6.4}, {fsm.Closed, true, colR, 6.4},
	}
	out := make([]stNode, len(spots))
	for i, s := range spots {
		w := measure(s.s.String(), fontSize+1, fBold) + 24
		out[i] = stNode{state: s.s, bottom: s.bottom, x: 150 + s.col*colGap, y: 90 + s.y*rowGap, w: w}
	}
	return out
}

func stIndex(nodes []stNode, s fsm.State, bottom bool) int {
	for i, n := range nodes {
		if n.state == s && (s != fsm.Closed || n.bottom == bottom) {
			return i
		}
	}
	return 0
}

func toBottom(from fsm.State) bool { return from != fsm.Listen && from != fsm.SynSent }

// rowLabel is "event / actions" in the table's words, in p's language.
func rowLabel(r *fsm.Row, p *msg.Printer) string {
	var acts []string
	for _, a := range r.Do {
		switch a {
		case fsm.Tell, fsm.StopTimers, fsm.Drop, fsm.QueueData:
			continue
		}
		acts = append(acts, p.Action(a))
	}
	if len(acts) == 0 {
		return p.Event(r.On)
	}
	return p.Event(r.On) + " / " + strings.Join(acts, p.T(msg.DiagramListSep, nil))
}

func stEdges(nodes []stNode, r *Run, p *msg.Printer) ([]stEdge, []string) {
	var edges []stEdge
	pairs := map[[2]int]int{}
	var abrupt []string
	add := func(f, t int, label string, ab bool) int {
		k := [2]int{f, t}
		j, ok := pairs[k]
		if !ok {
			j = len(edges)
			pairs[k] = j
			edges = append(edges, stEdge{from: f, to: t, abrupt: ab})
		}
		if !contains(edges[j].labels, label) {
			edges[j].labels = append(edges[j].labels, label)
		}
		return j
	}
	for i := 1; i < len(fsm.Table); i++ {
		row := &fsm.Table[i]
		if row.On.Optional() {
			continue // a profile's option: drawn below only when the run takes it
		}
		for _, s := range row.From.States() {
			to := row.To(s)
			if to == s {
				continue
			}
			if row.On.Abrupt() && to == fsm.Closed {
				on := row.On
				if on == fsm.EvTextAfterShut { // after SHUT_RD and our FIN it is text after close too
					on = fsm.EvTextAfterClose
				}
				if name := p.Event(on); !contains(abrupt, name) {
					abrupt = append(abrupt, name)
				}
				continue
			}
			add(stIndex(nodes, s, false), stIndex(nodes, to, to == fsm.Closed && toBottom(s)), rowLabel(row, p), false)
		}
	}
	for _, m := range r.States {
		from, _ := fsm.ParseState(m.From)
		to, _ := fsm.ParseState(m.State)
		f, t := stIndex(nodes, from, false), stIndex(nodes, to, to == fsm.Closed && toBottom(from))
		j, ok := pairs[[2]int{f, t}]
		if !ok || edges[j].abrupt { // an abrupt arc the run took: draw it
			j = add(f, t, m.Event, true)
		}
		edges[j].used[m.Side] = true
	}
	return edges, abrupt
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
