package ui

import "container/heap"

// This file: the search for each line of the state diagram.

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

// usable says whether a line to node to may enter cell p heading d, and
// at what extra cost: merging into a line to the same node, or crossing
// straight over a straight line.
func (g *routeGrid) usable(to int, p pt, d int, straightIn bool) (int, bool) {
	if p.x < 0 || p.y < 0 || p.x >= g.w || p.y >= g.h || g.blocked[p.y][p.x] {
		return 0, false
	}
	if g.label[p.y][p.x] != 0 && g.dest[p.y][p.x] != to {
		return 0, false // a label sits there
	}
	m := g.mask[p.y][p.x]
	if m == 0 {
		return 0, true
	}
	if g.dest[p.y][p.x] == to {
		return 2, true // merge into a line going the same way
	}
	if g.head[p.y][p.x] {
		return 0, false
	}
	horiz := d == 1 || d == 3
	if straightIn && ((horiz && m == dN|dS) || (!horiz && m == dE|dW)) {
		return 6, true
	}
	return 0, false
}

// search is one findPath: Dijkstra over (cell, heading), in flat arrays.
type search struct {
	g    *routeGrid
	to   int
	dist []int
	prev []int32
	q    pq
	seq  int
}

const searchInf = 1 << 30

func (s *search) idx(st sstate) int { return (st.p.y*s.g.w+st.p.x)*5 + st.dir }

func (s *search) push(st sstate, cost int, from int) {
	s.dist[s.idx(st)] = cost
	s.prev[s.idx(st)] = int32(from)
	heap.Push(&s.q, qitem{st, cost, s.seq})
	s.seq++
}

// findPath is Dijkstra over (cell, heading) with a cost for bends, a
// larger one for crossing another line, merging allowed only into lines
// that go to the same node, and no line through a node.
func findPath(l *diagLayout, e *edge, g *routeGrid) ([]pt, bool) {
	w, h := l.w, l.h
	src, dst := l.nodes[e.from], l.nodes[e.to]
	targets := map[pt]bool{}
	for _, p := range touches(dst, w, h) {
		if !g.blocked[p.y][p.x] {
			targets[p] = true
		}
	}
	s := &search{g: g, to: e.key, dist: make([]int, w*h*5), prev: make([]int32, w*h*5)}
	for i := range s.dist {
		s.dist[i], s.prev[i] = searchInf, -1
	}
	for _, p := range touches(src, w, h) {
		if _, ok := g.usable(e.key, p, 0, false); !ok || g.mask[p.y][p.x] != 0 {
			continue
		}
		s.push(sstate{p, opposite(bitIndex(dirToward(p, src)))}, 0, -1)
	}
	for s.q.Len() > 0 {
		it := heap.Pop(&s.q).(qitem)
		if it.cost > s.dist[s.idx(it.s)] {
			continue
		}
		cm := g.mask[it.s.p.y][it.s.p.x]
		// Any way into a cell beside the target will do: the arrowhead
		// points at the node whichever way the line came.
		if targets[it.s.p] && (cm == 0 || g.dest[it.s.p.y][it.s.p.x] == e.key) {
			return s.unwind(it.s), true
		}
		s.expand(it, cm != 0 && g.dest[it.s.p.y][it.s.p.x] != e.key)
	}
	return nil, false
}

// expand relaxes the moves out of it; no bends on a crossing.
func (s *search) expand(it qitem, crossing bool) {
	for d := range dirs {
		if crossing && d != it.s.dir {
			continue
		}
		if it.s.dir < 4 && d == opposite(it.s.dir) {
			continue
		}
		np := pt{it.s.p.x + dirs[d].dx, it.s.p.y + dirs[d].dy}
		extra, ok := s.g.usable(s.to, np, d, true)
		if !ok {
			continue
		}
		cost := it.cost + 1 + extra + crowd(s.g.mask, np, d, s.g.w, s.g.h)
		if d != it.s.dir {
			cost += 3
		}
		ns := sstate{np, d}
		if cost >= s.dist[s.idx(ns)] {
			continue
		}
		s.push(ns, cost, s.idx(it.s))
	}
}

// unwind is the path that ends in end, from its start.
func (s *search) unwind(end sstate) []pt {
	var path []pt
	for i := s.idx(end); i >= 0; i = int(s.prev[i]) {
		c := i / 5
		path = append(path, pt{c % s.g.w, c / s.g.w})
	}
	for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
		path[i], path[j] = path[j], path[i]
	}
	return path
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
