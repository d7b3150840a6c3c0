package ui

import (
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
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
	from, to int      // node indexes
	key      int      // lines may merge only with lines of the same key: same target, same words
	labels   []string // what fires the arc, one per distinct reason
	label    string   // labels, joined
	path     []pt
	routed   bool
	lab      label // where the label went, when placed
	placed   bool
}

type diagLayout struct {
	w, h   int
	nodes  []node
	edges  []edge
	glyph  [][]rune
	bypair map[[2]int]int
	abrupt []string // events of the arcs summed up in the legend
}

// diagH is what the drawn diagram needs besides the two legend lines the
// layout adds: seven rows of states with one row between them (13), and a
// third legend line. It fits the right column at 120×40 with the
// inspector below it.
const diagH = 14

// diagGridH is the grid's height.
const diagGridH = 13

// diagMinW is the narrowest width the drawn diagram fits in.
const diagMinW = 48

type diagKey struct {
	w    int
	lang string
}

var (
	diagMu    sync.Mutex
	diagCache = map[diagKey]*diagLayout{}
)

// spot is a state's hand-tuned place: where its name is anchored across
// the width, in eighths (0 at the left edge, 8 at the right edge, else
// centred on that eighth), and its row. Only places are chosen by hand; which arcs
// exist, their labels and their lines come from fsm.Table.
type spot struct {
	s      fsm.State
	bottom bool
	col, y int
}

// spots follow RFC 9293's figure, squeezed to one free row between rows
// of states.
var spots = []spot{
	{fsm.Closed, false, 3, 0},
	{fsm.Listen, false, 3, 2},
	{fsm.SynReceived, false, 0, 4},
	{fsm.SynSent, false, 6, 4},
	{fsm.Established, false, 4, 6},
	{fsm.FinWait1, false, 0, 8},
	{fsm.CloseWait, false, 8, 8},
	{fsm.FinWait2, false, 0, 10},
	{fsm.Closing, false, 4, 10},
	{fsm.LastAck, false, 8, 10},
	{fsm.TimeWait, false, 4, 12},
	{fsm.Closed, true, 8, 12},
}

// place puts the states on their spots for a width.
func place(w int) []node {
	out := make([]node, len(spots))
	for i, s := range spots {
		name := diagName(s.s)
		nw := textWidth(name)
		var x int
		switch s.col {
		case 0:
			x = 2
		case 8:
			x = w - 2 - nw
		default:
			x = min(max(w*s.col/8-nw/2, 2), w-2-nw)
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

// tableEdges lists the distinct arcs of fsm.Table, in table order, with
// their labels, and the labels of the abrupt arcs the legend sums up.
func tableEdges(p *msg.Printer, nodes []node) ([]edge, []string) {
	var edges []edge
	pairs := map[[2]int]int{}
	var abruptEv []string
	for i := 1; i < len(fsm.Table); i++ {
		r := &fsm.Table[i]
		if r.On.Optional() {
			continue // not in Figure 5, and no room on the grid (the mini diagram shows it)
		}
		name := arcLabel(p, r)
		for _, s := range r.From.States() {
			to := r.To(s)
			if to == s {
				continue
			}
			if r.On.Abrupt() && to == fsm.Closed {
				if !contains(abruptEv, name) {
					abruptEv = append(abruptEv, name)
				}
				continue
			}
			f := nodeIndex(nodes, s, false)
			t := nodeIndex(nodes, to, to == fsm.Closed && toBottom(s))
			k := [2]int{f, t}
			j, ok := pairs[k]
			if !ok {
				j = len(edges)
				pairs[k] = j
				edges = append(edges, edge{from: f, to: t})
			}
			if !contains(edges[j].labels, name) {
				edges[j].labels = append(edges[j].labels, name)
			}
		}
	}
	sep := p.T(msg.DiagramSep, nil)
	keys := map[string]int{}
	for i := range edges {
		edges[i].label = strings.Join(edges[i].labels, sep)
		k := strconv.Itoa(edges[i].to) + " " + edges[i].label
		if _, ok := keys[k]; !ok {
			keys[k] = len(keys)
		}
		edges[i].key = keys[k]
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

// layoutFor routes the diagram for a width and language, once.
func layoutFor(w int, p *msg.Printer) *diagLayout {
	diagMu.Lock()
	defer diagMu.Unlock()
	k := diagKey{w, p.Lang()}
	if l, ok := diagCache[k]; ok {
		return l
	}
	l := route(w, p)
	diagCache[k] = l
	return l
}

// routeGrid is what the lines routed so far occupy, cell by cell.
type routeGrid struct {
	w, h    int
	blocked [][]bool  // a node, or the cells beside it
	mask    [][]uint8 // the directions lines leave a cell by
	dest    [][]int   // target node of the lines through a cell (-1 none, -2 several)
	head    [][]bool  // an arrowhead
	label   [][]int   // the edge (index+1) whose label is in a cell, 0 none
	port    [][]bool  // a cell beside a state, where lines start and end
}

func newRouteGrid(l *diagLayout) *routeGrid {
	w := l.w
	g := &routeGrid{w: w, h: l.h, blocked: make([][]bool, l.h), mask: make([][]uint8, l.h), dest: make([][]int, l.h), head: make([][]bool, l.h), label: make([][]int, l.h), port: make([][]bool, l.h)}
	for y := range g.blocked {
		g.blocked[y] = make([]bool, w)
		g.mask[y] = make([]uint8, w)
		g.dest[y] = make([]int, w)
		g.head[y] = make([]bool, w)
		g.label[y] = make([]int, w)
		g.port[y] = make([]bool, w)
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
	for _, n := range l.nodes {
		for _, c := range touches(n, w, l.h) {
			g.port[c.y][c.x] = true
		}
	}
	// No line runs down the panel's border: keep off the outer columns.
	for y := 0; y < l.h; y++ {
		g.blocked[y][0], g.blocked[y][w-1] = true, true
	}
	return g
}

// route lays out the diagram for width w: nodes, then every edge's line,
// short arcs first so they get the straight lines.
func route(w int, p *msg.Printer) *diagLayout {
	l := &diagLayout{w: w, h: diagGridH, bypair: map[[2]int]int{}}
	l.nodes = place(w)
	l.edges, l.abrupt = tableEdges(p, l.nodes)
	g := newRouteGrid(l)
	order := make([]int, len(l.edges))
	for i := range order {
		order[i] = i
	}
	// The arcs of the usual open and close first, then arcs between
	// states on one row (they need the sides that face each other), then
	// the shorter arcs, so they get the straight lines.
	dist := func(e edge) int {
		a, b := l.nodes[e.from], l.nodes[e.to]
		d := abs(a.x+a.w/2-b.x-b.w/2) + 3*abs(a.y-b.y)
		if a.y != b.y {
			d += 1000
		}
		if rare(a.state, b.state) {
			d += 10000
		}
		return d
	}
	sort.SliceStable(order, func(i, j int) bool { return dist(l.edges[order[i]]) < dist(l.edges[order[j]]) })
	for _, ei := range order {
		e := &l.edges[ei]
		l.bypair[[2]int{e.from, e.to}] = ei
		path, ok := findPath(l, e, g)
		if !ok {
			continue
		}
		undo := g.save(path)
		g.lay(path, e.key, l.nodes[e.from], l.nodes[e.to])
		e.path, e.routed = path, true
		// The label goes on at once, so that longer lines go around it;
		// a line with no room for its label is taken back and listed.
		if placeLabel(l, g, ei); !e.placed {
			g.restore(undo)
			e.path, e.routed = nil, false
		}
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

// rare arcs leave the handshake by a side road: routed after the others.
func rare(from, to fsm.State) bool {
	switch {
	case from == fsm.Listen && (to == fsm.SynSent || to == fsm.Closed),
		from == fsm.SynSent && to == fsm.Closed,
		from == fsm.SynReceived && to != fsm.Established:
		return true
	}
	return false
}

// cellState is what a routed line changed in one cell.
type cellState struct {
	p    pt
	mask uint8
	dest int
	head bool
}

// save remembers the cells a line is about to change.
func (g *routeGrid) save(path []pt) []cellState {
	out := make([]cellState, 0, len(path))
	for _, c := range path {
		out = append(out, cellState{c, g.mask[c.y][c.x], g.dest[c.y][c.x], g.head[c.y][c.x]})
	}
	return out
}

// restore takes a line back.
func (g *routeGrid) restore(cs []cellState) {
	for i := len(cs) - 1; i >= 0; i-- {
		c := cs[i]
		g.mask[c.p.y][c.p.x], g.dest[c.p.y][c.p.x], g.head[c.p.y][c.p.x] = c.mask, c.dest, c.head
	}
}

// lay marks a routed line of key to, from src to dst, in the grid.
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
