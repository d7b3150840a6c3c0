package ui

import (
	"container/heap"
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
	case fsm.EvAbort, fsm.EvRST, fsm.EvCrash, fsm.EvGiveUp, fsm.EvFinWait2Timeout:
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

func route(w int) *diagLayout {
	l := &diagLayout{w: w, h: diagH, bypair: map[[2]int]int{}}
	l.nodes = place(w)
	l.edges, l.abrupt = tableEdges(l.nodes)
	blocked := make([][]bool, l.h)
	mask := make([][]uint8, l.h)
	dest := make([][]int, l.h) // target node of the lines through a cell (-1 none, -2 several)
	head := make([][]bool, l.h)
	for y := range blocked {
		blocked[y] = make([]bool, w)
		mask[y] = make([]uint8, w)
		dest[y] = make([]int, w)
		head[y] = make([]bool, w)
		for x := range dest[y] {
			dest[y][x] = -1
		}
	}
	for _, n := range l.nodes {
		for x := n.x - 2; x <= n.x+n.w+1; x++ {
			if x >= 0 && x < w {
				blocked[n.y][x] = true
			}
		}
	}
	// Short arcs first: they get the straight lines.
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
		path, ok := findPath(l, e, blocked, mask, dest, head)
		if !ok {
			continue
		}
		e.path, e.routed = path, true
		src, dst := l.nodes[e.from], l.nodes[e.to]
		for i, p := range path {
			if i == 0 {
				mask[p.y][p.x] |= uint8(dirToward(p, src))
			}
			if i > 0 {
				d := stepDir(path[i-1], p)
				mask[p.y][p.x] |= uint8(dirs[opposite(d)].bit)
				mask[path[i-1].y][path[i-1].x] |= uint8(dirs[d].bit)
			}
			switch dest[p.y][p.x] {
			case -1:
				dest[p.y][p.x] = e.to
			case e.to:
			default:
				dest[p.y][p.x] = -2
			}
		}
		last := path[len(path)-1]
		head[last.y][last.x] = true
		mask[last.y][last.x] |= uint8(dirToward(last, dst))
	}
	l.glyph = make([][]rune, l.h)
	for y := range l.glyph {
		l.glyph[y] = make([]rune, w)
		for x := range l.glyph[y] {
			l.glyph[y][x] = boxGlyph(mask[y][x])
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

// search state: a cell and the direction we entered it by (4 = start).
type sstate struct {
	p   pt
	dir int
}

type qitem struct {
	s    sstate
	cost int
	seq  int
}

type pq []qitem

func (q pq) Len() int { return len(q) }
func (q pq) Less(i, j int) bool {
	if q[i].cost != q[j].cost {
		return q[i].cost < q[j].cost
	}
	return q[i].seq < q[j].seq
}
func (q pq) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *pq) Push(x any)   { *q = append(*q, x.(qitem)) }
func (q *pq) Pop() any {
	old := *q
	it := old[len(old)-1]
	*q = old[:len(old)-1]
	return it
}

// findPath is Dijkstra over (cell, heading) with a cost for bends, a
// larger one for crossing another line, merging allowed only into lines
// that go to the same node, and no line through a node.
func findPath(l *diagLayout, e *edge, blocked [][]bool, mask [][]uint8, dest [][]int, head [][]bool) ([]pt, bool) {
	w, h := l.w, l.h
	src, dst := l.nodes[e.from], l.nodes[e.to]
	targets := map[pt]bool{}
	for _, p := range touches(dst, w, h) {
		if !blocked[p.y][p.x] {
			targets[p] = true
		}
	}
	usable := func(p pt, d int, straightIn bool) (int, bool) {
		if p.x < 0 || p.y < 0 || p.x >= w || p.y >= h || blocked[p.y][p.x] {
			return 0, false
		}
		m := mask[p.y][p.x]
		if m == 0 {
			return 0, true
		}
		if dest[p.y][p.x] == e.to {
			return 2, true // merge into a line going the same way
		}
		if head[p.y][p.x] {
			return 0, false
		}
		// Cross straight over a straight line.
		horiz := d == 1 || d == 3
		if straightIn && ((horiz && m == dN|dS) || (!horiz && m == dE|dW)) {
			return 6, true
		}
		return 0, false
	}
	// Dijkstra over (cell, heading), in flat arrays.
	const inf = 1 << 30
	idx := func(st sstate) int { return (st.p.y*w+st.p.x)*5 + st.dir }
	dist := make([]int, w*h*5)
	prev := make([]int32, w*h*5)
	for i := range dist {
		dist[i], prev[i] = inf, -1
	}
	q := &pq{}
	seq := 0
	for _, p := range touches(src, w, h) {
		if _, ok := usable(p, 0, false); !ok || mask[p.y][p.x] != 0 {
			continue
		}
		d := opposite(bitIndex(dirToward(p, src)))
		st := sstate{p, d}
		dist[idx(st)] = 0
		heap.Push(q, qitem{st, 0, seq})
		seq++
	}
	var end sstate
	found := false
	for q.Len() > 0 {
		it := heap.Pop(q).(qitem)
		if it.cost > dist[idx(it.s)] {
			continue
		}
		cm := mask[it.s.p.y][it.s.p.x]
		if targets[it.s.p] && it.s.dir == bitIndex(dirToward(it.s.p, dst)) && (cm == 0 || dest[it.s.p.y][it.s.p.x] == e.to) {
			end, found = it.s, true
			break
		}
		// No bends on a crossing.
		crossing := cm != 0 && dest[it.s.p.y][it.s.p.x] != e.to
		for d := range dirs {
			if crossing && d != it.s.dir {
				continue
			}
			if it.s.dir < 4 && d == opposite(it.s.dir) {
				continue
			}
			np := pt{it.s.p.x + dirs[d].dx, it.s.p.y + dirs[d].dy}
			extra, ok := usable(np, d, true)
			if !ok {
				continue
			}
			cost := it.cost + 1 + extra + crowd(mask, np, d, w, h)
			if d != it.s.dir {
				cost += 3
			}
			ns := sstate{np, d}
			if cost >= dist[idx(ns)] {
				continue
			}
			dist[idx(ns)] = cost
			prev[idx(ns)] = int32(idx(it.s))
			heap.Push(q, qitem{ns, cost, seq})
			seq++
		}
	}
	if !found {
		return nil, false
	}
	var path []pt
	for i := idx(end); i >= 0; i = int(prev[i]) {
		c := i / 5
		path = append(path, pt{c % w, c / w})
	}
	for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
		path[i], path[j] = path[j], path[i]
	}
	return path, true
}

// crowd is a small cost for running right beside a parallel line, which
// reads as one thick line.
func crowd(mask [][]uint8, p pt, d, w, h int) int {
	c := 0
	for _, side := range []int{(d + 1) % 4, (d + 3) % 4} {
		q := pt{p.x + dirs[side].dx, p.y + dirs[side].dy}
		if q.x < 0 || q.y < 0 || q.x >= w || q.y >= h {
			continue
		}
		m := mask[q.y][q.x]
		if d == 1 || d == 3 {
			if m&(dE|dW) != 0 {
				c += 2
			}
		} else if m&(dN|dS) != 0 {
			c += 2
		}
	}
	return c
}

func bitIndex(bit int) int {
	for i, d := range dirs {
		if d.bit == bit {
			return i
		}
	}
	return 0
}
