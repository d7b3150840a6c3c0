package ui

import (
	"sort"
	"sync"

	"github.com/tcpsim/tcpsim/fsm"
)

// The diagram's layout and router: where the nodes go and how each edge
// of fsm.Table is routed between them on the character grid. The
// component that draws the result is in diagram.go.

type pt struct{ x, y int }

// node is one box of the diagram. CLOSED appears twice, as in the RFC:
// at the top (where connections start) and at the bottom (where they end).
type node struct {
	state  fsm.State
	bottom bool
	x, y   int
	w      int
}

type edge struct {
	from, to int // node indexes
	events   []string
	path     []pt
	routed   bool
}

type diagLayout struct {
	w, h   int
	nodes  []node
	edges  []edge
	glyph  [][]rune
	bypair map[[2]int]int
	abrupt []string // events of the arcs summed up in the legend
}

const diagH = 19

// diagMinW is the narrowest width the drawn diagram fits in.
const diagMinW = 46

var (
	diagMu    sync.Mutex
	diagCache = map[int]*diagLayout{}
)

// abrupt events lead to CLOSED from almost anywhere.
func abrupt(e fsm.Event) bool {
	switch e {
	case fsm.EvAbort, fsm.EvRST, fsm.EvCrash, fsm.EvGiveUp, fsm.EvFinWait2Timeout, fsm.EvCloseUnread, fsm.EvTextAfterClose, fsm.EvKeepaliveGone:
		return true
	}
	return false
}

// place puts the states where the RFC figure has them, in columns L, C, R.
func place(w int) []node {
	type spot struct {
		s      fsm.State
		bottom bool
		col, y int
	}
	spots := []spot{
		{fsm.Closed, false, 1, 0},
		{fsm.Listen, false, 1, 3},
		{fsm.SynReceived, false, 0, 6},
		{fsm.SynSent, false, 2, 6},
		{fsm.Established, false, 1, 9},
		{fsm.FinWait1, false, 0, 12},
		{fsm.CloseWait, false, 2, 12},
		{fsm.FinWait2, false, 0, 15},
		{fsm.Closing, false, 1, 15},
		{fsm.LastAck, false, 2, 15},
		{fsm.TimeWait, false, 1, 18},
		{fsm.Closed, true, 2, 18},
	}
	out := make([]node, len(spots))
	for i, s := range spots {
		name := diagName(s.s)
		nw := textWidth(name)
		var x int
		switch s.col {
		case 0:
			x = 3
		case 1:
			x = w/2 - nw/2
		default:
			x = w - 3 - nw
		}
		out[i] = node{state: s.s, bottom: s.bottom, x: x, y: s.y, w: nw}
	}
	return out
}

func nodeIndex(nodes []node, s fsm.State, bottom bool) int {
	for i, n := range nodes {
		if n.state == s && (s != fsm.Closed || n.bottom == bottom) {
			return i
		}
	}
	return -1
}

// toBottom says which CLOSED an arc into CLOSED goes to.
func toBottom(from fsm.State) bool { return from != fsm.Listen && from != fsm.SynSent }

// tableEdges lists the distinct arcs of fsm.Table, in table order.
func tableEdges(nodes []node) ([]edge, []string) {
	var edges []edge
	pairs := map[[2]int]int{}
	var abruptEv []string
	seenAbrupt := map[string]bool{}
	for i := 1; i < len(fsm.Table); i++ {
		r := &fsm.Table[i]
		for _, s := range r.From.States() {
			to := r.To(s)
			if to == s {
				continue
			}
			name := r.On.String()
			if abrupt(r.On) && to == fsm.Closed {
				if !seenAbrupt[name] {
					seenAbrupt[name] = true
					abruptEv = append(abruptEv, name)
				}
				// Drawn only when the pair also has an ordinary reason.
				continue
			}
			_ = name
			f := nodeIndex(nodes, s, false)
			t := nodeIndex(nodes, to, to == fsm.Closed && toBottom(s))
			k := [2]int{f, t}
			j, ok := pairs[k]
			if !ok {
				j = len(edges)
				pairs[k] = j
				edges = append(edges, edge{from: f, to: t})
			}
			if !contains(edges[j].events, r.On.String()) {
				edges[j].events = append(edges[j].events, r.On.String())
			}
		}
	}
	return edges, abruptEv
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

const (
	dN = 1 << iota
	dE
	dS
	dW
)

var dirs = [4]struct {
	bit, dx, dy int
}{{dN, 0, -1}, {dE, 1, 0}, {dS, 0, 1}, {dW, -1, 0}}

func opposite(d int) int { return (d + 2) % 4 }

// layoutFor routes the diagram for a width, once.
func layoutFor(w int) *diagLayout {
	diagMu.Lock()
	defer diagMu.Unlock()
	if l, ok := diagCache[w]; ok {
		return l
	}
	l := route(w)
	diagCache[w] = l
	return l
}

// routeGrid is what the lines routed so far occupy, cell by cell.
type routeGrid struct {
	w, h    int
	blocked [][]bool  // a node, or the cells beside it
	mask    [][]uint8 // the directions lines leave a cell by
	dest    [][]int   // target node of the lines through a cell (-1 none, -2 several)
	head    [][]bool  // an arrowhead
}

func newRouteGrid(l *diagLayout) *routeGrid {
	w := l.w
	g := &routeGrid{w: w, h: l.h, blocked: make([][]bool, l.h), mask: make([][]uint8, l.h), dest: make([][]int, l.h), head: make([][]bool, l.h)}
	for y := range g.blocked {
		g.blocked[y] = make([]bool, w)
		g.mask[y] = make([]uint8, w)
		g.dest[y] = make([]int, w)
		g.head[y] = make([]bool, w)
		for x := range g.dest[y] {
			g.dest[y][x] = -1
		}
	}
	for _, n := range l.nodes {
		for x := n.x - 2; x <= n.x+n.w+1; x++ {
			if x >= 0 && x < w {
				g.blocked[n.y][x] = true
			}
		}
	}
	return g
}

// route lays out the diagram for width w: nodes, then every edge's line,
// short arcs first so they get the straight lines.
func route(w int) *diagLayout {
	l := &diagLayout{w: w, h: diagH, bypair: map[[2]int]int{}}
	l.nodes = place(w)
	l.edges, l.abrupt = tableEdges(l.nodes)
	g := newRouteGrid(l)
	order := make([]int, len(l.edges))
	for i := range order {
		order[i] = i
	}
	dist := func(e edge) int {
		a, b := l.nodes[e.from], l.nodes[e.to]
		return abs(a.x+a.w/2-b.x-b.w/2) + 3*abs(a.y-b.y)
	}
	sort.SliceStable(order, func(i, j int) bool { return dist(l.edges[order[i]]) < dist(l.edges[order[j]]) })
	for _, ei := range order {
		e := &l.edges[ei]
		l.bypair[[2]int{e.from, e.to}] = ei
		path, ok := findPath(l, e, g)
		if !ok {
			continue
		}
		e.path, e.routed = path, true
		g.lay(path, e.to, l.nodes[e.from], l.nodes[e.to])
	}
	l.glyph = make([][]rune, l.h)
	for y := range l.glyph {
		l.glyph[y] = make([]rune, w)
		for x := range l.glyph[y] {
			l.glyph[y][x] = boxGlyph(g.mask[y][x])
		}
	}
	for _, e := range l.edges {
		if !e.routed {
			continue
		}
		last := e.path[len(e.path)-1]
		l.glyph[last.y][last.x] = headGlyph(last, l.nodes[e.to])
	}
	return l
}

// lay marks a routed line, from src to the node numbered to (dst), in the grid.
func (g *routeGrid) lay(path []pt, to int, src, dst node) {
	for i, p := range path {
		if i == 0 {
			g.mask[p.y][p.x] |= uint8(dirToward(p, src))
		}
		if i > 0 {
			d := stepDir(path[i-1], p)
			g.mask[p.y][p.x] |= uint8(dirs[opposite(d)].bit)
			g.mask[path[i-1].y][path[i-1].x] |= uint8(dirs[d].bit)
		}
		switch g.dest[p.y][p.x] {
		case -1:
			g.dest[p.y][p.x] = to
		case to:
		default:
			g.dest[p.y][p.x] = -2
		}
	}
	last := path[len(path)-1]
	g.head[last.y][last.x] = true
	g.mask[last.y][last.x] |= uint8(dirToward(last, dst))
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// touches lists the free cells next to a node and the direction from the
// cell toward the node.
func touches(n node, w, h int) []pt {
	var out []pt
	for x := n.x; x < n.x+n.w; x++ {
		if n.y > 0 {
			out = append(out, pt{x, n.y - 1})
		}
		if n.y+1 < h {
			out = append(out, pt{x, n.y + 1})
		}
	}
	if n.x-3 >= 0 {
		out = append(out, pt{n.x - 3, n.y})
	}
	if n.x+n.w+2 < w {
		out = append(out, pt{n.x + n.w + 2, n.y})
	}
	return out
}

func dirToward(p pt, n node) int {
	switch {
	case p.y < n.y:
		return dS
	case p.y > n.y:
		return dN
	case p.x < n.x:
		return dE
	}
	return dW
}

func headGlyph(p pt, n node) rune {
	switch dirToward(p, n) {
	case dS:
		return '▼'
	case dN:
		return '▲'
	case dE:
		return '▶'
	}
	return '◀'
}

func stepDir(a, b pt) int {
	for d, dd := range dirs {
		if a.x+dd.dx == b.x && a.y+dd.dy == b.y {
			return d
		}
	}
	return 0
}

func boxGlyph(m uint8) rune {
	switch m {
	case 0:
		return ' '
	case dN, dS, dN | dS:
		return '│'
	case dE, dW, dE | dW:
		return '─'
	case dN | dE:
		return '╰'
	case dN | dW:
		return '╯'
	case dS | dE:
		return '╭'
	case dS | dW:
		return '╮'
	case dN | dS | dE:
		return '├'
	case dN | dS | dW:
		return '┤'
	case dE | dW | dN:
		return '┴'
	case dE | dW | dS:
		return '┬'
	}
	return '┼'
}
