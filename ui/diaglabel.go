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
	case fsm.EvSYN, fsm.EvNewSYN: // a new SYN reopening TIME-WAIT (MAY-2) is a SYN
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
	case fsm.EvGiveUp, fsm.EvKeepaliveGone: // keep-alive giving up is a give-up
		id = msg.DiagramArcGiveUp
	case fsm.EvCloseUnread, fsm.EvTextAfterClose, fsm.EvTextAfterShut:
		// A full close() (linux) ends in CLOSED with a RST: at once when
		// data was left unread, or when data arrives afterwards.
		id = msg.DiagramArcClose
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

// spotter finds where one edge's label may go.
type spotter struct {
	l   *diagLayout
	g   *routeGrid
	e   *edge
	lw  int
	out []scoredLabel
}

type scoredLabel struct {
	lb    label
	score int
}

// mine: a cell of e's line that no other line, nor a label, uses.
func (s *spotter) mine(c pt) bool {
	return s.g.label[c.y][c.x] == 0 && s.g.dest[c.y][c.x] == s.e.key
}

func (s *spotter) free(x, y int) bool {
	return x >= 1 && x < s.l.w-1 && s.g.mask[y][x] == 0 && !s.g.blocked[y][x]
}

// straight says whether the path's cells k..k+n-1 are one straight
// horizontal run of e's own line.
func (s *spotter) straight(k, n int) bool {
	p := s.e.path
	if k+n > len(p) {
		return false
	}
	for j := k; j < k+n; j++ {
		if p[j].y != p[k].y || !s.mine(p[j]) || s.g.mask[p[j].y][p[j].x] != dE|dW {
			return false
		}
	}
	return true
}

// add keeps a candidate whose cells, and one cell either side, are free.
func (s *spotter) add(x, y, score int) {
	if y < 0 || y >= s.l.h {
		return
	}
	for c := x - 1; c <= x+s.lw; c++ {
		if !s.free(c, y) {
			return
		}
	}
	s.out = append(s.out, scoredLabel{label{x, y, s.e.label, s.lw}, score})
}

// labelSpots lists where edge i's label may go, best first: on a
// straight horizontal run of its own line, else beside a vertical run,
// else above or below a horizontal one; nearer the middle of the line is
// better, and a spot beside a state (where lines start and end) worse.
func labelSpots(l *diagLayout, g *routeGrid, i int) []label {
	s := &spotter{l: l, g: g, e: &l.edges[i], lw: textWidth(l.edges[i].label)}
	p := s.e.path
	mid := len(p) / 2
	for k, c := range p {
		if !s.mine(c) {
			continue
		}
		dist := abs(k - mid)
		// On the line, between two other cells of it (a dash, a bend or
		// the arrowhead).
		if k+s.lw+1 < len(p) && s.mine(p[k+s.lw+1]) && p[k+s.lw+1].y == c.y && s.straight(k+1, s.lw) {
			s.out = append(s.out, scoredLabel{label{min(p[k+1].x, p[k+s.lw].x), c.y, s.e.label, s.lw}, dist})
		}
		if g.mask[c.y][c.x] == dN|dS {
			s.add(c.x+2, c.y, dist+2)
			s.add(c.x-1-s.lw, c.y, dist+2)
		}
		if s.straight(k, s.lw) {
			x0 := min(c.x, p[k+s.lw-1].x)
			s.add(x0, c.y-1, dist+4)
			s.add(x0, c.y+1, dist+4)
		}
	}
	for k := range s.out {
		lb := s.out[k].lb
		for x := lb.x; x < lb.x+lb.w; x++ {
			if g.port[lb.y][x] && g.mask[lb.y][x] == 0 {
				s.out[k].score += 8
				break
			}
		}
	}
	sort.SliceStable(s.out, func(a, b int) bool { return s.out[a].score < s.out[b].score })
	res := make([]label, len(s.out))
	for k, sc := range s.out {
		res[k] = sc.lb
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
