package ui

import (
	"sort"
	"strings"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
)

// This file: the words on the diagram's arcs and where they go. A label
// names what fires a row of fsm.Table: the user call (close()), the
// segment that arrives (FIN), or the timer (2MSL). Words come from the
// catalogue; the table says which words an arc gets.

// arcLabel is the short name of what fires row r.
func arcLabel(p *msg.Printer, r *fsm.Row) string {
	id := msg.DiagramArcOther
	switch r.On {
	case fsm.EvPassiveOpen:
		id = msg.DiagramArcListen
	case fsm.EvActiveOpen:
		id = msg.DiagramArcConnect
	case fsm.EvClose:
		id = msg.DiagramArcClose
	case fsm.EvAbort:
		id = msg.DiagramArcAbort
	case fsm.EvSYN:
		id = msg.DiagramArcSYN
		if r.If == fsm.SYNAcked { // the SYN that acknowledges ours is a SYN,ACK
			id = msg.DiagramArcSYNACK
		}
	case fsm.EvACK:
		id = msg.DiagramArcACK
	case fsm.EvFIN:
		id = msg.DiagramArcFIN
	case fsm.EvRST:
		id = msg.DiagramArcRST
	case fsm.EvTimeWait:
		id = msg.DiagramArc2MSL
	case fsm.EvGiveUp:
		id = msg.DiagramArcGiveUp
	case fsm.EvFinWait2Timeout:
		id = msg.DiagramArcFW2
	case fsm.EvCrash:
		id = msg.DiagramArcCrash
	}
	return p.T(id, msg.Args{"Event": r.On.String()})
}

// guardLabel is a row's condition in words, for the guards that decide
// between two outcomes of one event; ok is false for the others.
func guardLabel(p *msg.Printer, g fsm.Guard) (string, bool) {
	var id msg.ID
	switch g {
	case fsm.GoodACK:
		id = msg.DiagramGuardGoodACK
	case fsm.AcksFIN:
		id = msg.DiagramGuardAcksFIN
	case fsm.Passive:
		id = msg.DiagramGuardPassive
	case fsm.Active:
		id = msg.DiagramGuardActive
	case fsm.NoDataQueued:
		id = msg.DiagramGuardNothingQ
	case fsm.FINNotAcked:
		id = msg.DiagramGuardFINNotAckd
	default:
		return "", false
	}
	return p.T(id, nil), true
}

// label is an arc's label placed on the grid: on the line itself
// ("──FIN──▶") or beside a vertical run ("│ FIN").
type label struct {
	x, y int
	text string
	w    int
}

// placeLabel puts edge i's label where it touches only its own line
// (or a merged line with the same words), and keeps every other line off
// it. An edge with no room keeps placed false and is listed instead.
func placeLabel(l *diagLayout, g *routeGrid, i int) {
	e := &l.edges[i]
	// A line merged into one with the same words shares its label.
	for j := range l.edges {
		o := &l.edges[j]
		if j != i && o.key == e.key && o.placed && o.routed && sharesCell(o.path, e.path) {
			e.lab, e.placed = o.lab, true
			return
		}
	}
	cs := labelSpots(l, g, i)
	if len(cs) == 0 {
		return
	}
	lb := cs[0]
	e.lab, e.placed = lb, true
	for x := lb.x - 1; x <= lb.x+lb.w; x++ {
		if x < 0 || x >= l.w {
			continue
		}
		g.label[lb.y][x] = i + 1
		if g.mask[lb.y][x] == 0 {
			g.blocked[lb.y][x] = true // beside the line: nothing else goes there
		}
	}
}

func sharesCell(a, b []pt) bool {
	for _, p := range a {
		for _, q := range b {
			if p == q {
				return true
			}
		}
	}
	return false
}

// labelSpots lists where edge i's label may go, best first: on a
// straight horizontal run of its own line, else beside a vertical run,
// nearer the middle of the line being better.
func labelSpots(l *diagLayout, g *routeGrid, i int) []label {
	e := &l.edges[i]
	lw := textWidth(e.label)
	type scored struct {
		lb    label
		score int
	}
	var out []scored
	// mine: a cell of e's line that no other line, nor a label, uses.
	mine := func(c pt) bool {
		return g.label[c.y][c.x] == 0 && g.dest[c.y][c.x] == e.key
	}
	free := func(x, y int) bool {
		return x >= 1 && x < l.w-1 && g.mask[y][x] == 0 && !g.blocked[y][x]
	}
	mid := len(e.path) / 2
	for k := 0; k < len(e.path); k++ {
		c := e.path[k]
		if !mine(c) {
			continue
		}
		m := g.mask[c.y][c.x]
		dist := abs(k - mid)
		if k+lw+1 < len(e.path) {
			// On the line: lw cells of a straight run, between two other
			// cells of the same line (a dash, a bend or the arrowhead).
			ok := true
			for j := k; j <= k+lw+1 && ok; j++ {
				q := e.path[j]
				inner := j > k && j <= k+lw
				ok = q.y == c.y && mine(q) && (!inner || g.mask[q.y][q.x] == dE|dW)
			}
			if ok {
				x := min(c.x, e.path[k+lw+1].x) + 1
				out = append(out, scored{label{x, c.y, e.label, lw}, dist})
			}
		}
		if m == dE|dW && k+lw <= len(e.path) {
			// Above or below a straight run of the line, as long as the label.
			ok := true
			for j := k; j < k+lw && ok; j++ {
				q := e.path[j]
				ok = q.y == c.y && mine(q) && g.mask[q.y][q.x] == dE|dW
			}
			x0 := min(c.x, e.path[min(k+lw, len(e.path))-1].x)
			for _, dy := range []int{-1, 1} {
				y := c.y + dy
				fits := ok && y >= 0 && y < l.h
				for x := x0 - 1; x <= x0+lw && fits; x++ {
					fits = free(x, y)
				}
				if fits {
					out = append(out, scored{label{x0, y, e.label, lw}, dist + 4})
				}
			}
		}
		if m == dN|dS {
			for _, side := range []int{1, -1} {
				x0 := c.x + 2
				if side < 0 {
					x0 = c.x - 1 - lw
				}
				ok := true
				for x := x0 - 1; x <= x0+lw && ok; x++ {
					ok = free(x, c.y)
				}
				if ok {
					out = append(out, scored{label{x0, c.y, e.label, lw}, dist + 2})
				}
			}
		}
	}
	// A label beside a state keeps lines from reaching it there: only
	// where nothing else will do.
	for k := range out {
		for x := out[k].lb.x; x < out[k].lb.x+out[k].lb.w; x++ {
			if g.port[out[k].lb.y][x] && g.mask[out[k].lb.y][x] == 0 {
				out[k].score += 8
				break
			}
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].score < out[b].score })
	res := make([]label, len(out))
	for k, s := range out {
		res[k] = s.lb
	}
	return res
}

// undrawn names, in words, the arcs with no room for their label, those
// with the same words to the same state together
// ("LISTEN, SYN-SENT close()→ CLOSED").
func undrawn(p *msg.Printer, l *diagLayout) []string {
	var keys []int
	from := map[int][]string{}
	for _, e := range l.edges {
		if e.routed && e.placed {
			continue
		}
		if _, ok := from[e.key]; !ok {
			keys = append(keys, e.key)
		}
		from[e.key] = append(from[e.key], l.nodes[e.from].state.String())
	}
	var arcs []string
	for _, k := range keys {
		for _, e := range l.edges {
			if e.key == k {
				arcs = append(arcs, p.T(msg.DiagramArc, msg.Args{
					"From": strings.Join(from[k], ", "), "To": l.nodes[e.to].state.String(), "Label": e.label}))
				break
			}
		}
	}
	return arcs
}
