package diagram

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"strings"

	"github.com/tcpsim/tcpsim/msg"
)

// StateDiagram draws the RFC 9293 state diagram with the run's path.
func StateDiagram(r *Run, o Options) *drawing {
	th := o.Theme
	if th.Name == "" {
		th = Light
	}
	p := o.Lang
	if p == nil {
		p = msg.English()
	}
	nodes := stNodes()
	edges, abrupt := stEdges(nodes, r, p)
	d := &drawing{w: 840, bg: th.Bg, title: "TCP state diagram: " + r.Title}
	var pl placer
	for _, n := range nodes {
		pl.add(box{n.x - n.w/2 - 4, n.y - nodeH/2 - 2, n.x + n.w/2 + 4, n.y + nodeH/2 + 2})
	}
	stDrawLabels(d, th, stDrawArcs(d, th, nodes, edges, &pl))
	stDrawNodes(d, th, nodes, stVisited(nodes, edges))
	stLegend(d, th, r, abrupt, &pl, p)
	if r.Title != "" {
		d.text(d.w/2, 28, r.Title, 16, fBold, aMiddle, th.Fg, "title")
	}
	return d
}

// stVisited marks, per side, the states the run's used arcs touch.
func stVisited(nodes []stNode, edges []stEdge) [2][]bool {
	visited := [2][]bool{make([]bool, len(nodes)), make([]bool, len(nodes))}
	for _, e := range edges {
		for s := range 2 {
			if e.used[s] {
				visited[s][e.from], visited[s][e.to] = true, true
			}
		}
	}
	return visited
}

// stDrawArcs draws the arcs, unused first so the run's path lies on top,
// and places each arc's label near its middle; the labels are drawn last.
func stDrawArcs(d *drawing, th Theme, nodes []stNode, edges []stEdge, p *placer) []labelDraw {
	pairs := map[[2]int]bool{}
	for _, e := range edges {
		pairs[[2]int{e.from, e.to}] = true
	}
	var labels []labelDraw
	for pass := range 2 {
		for _, e := range edges {
			used := e.used[0] || e.used[1]
			if used != (pass == 1) {
				continue
			}
			path := stRoute(nodes, e, pairs[[2]int{e.to, e.from}])
			switch {
			case e.used[0] && e.used[1]:
				stArc(d, offset(path, -2), th.Side[0], 3)
				stArc(d, offset(path, 2), th.Side[1], 3)
			case used:
				s := 0
				if e.used[1] {
					s = 1
				}
				stArc(d, path, th.Side[s], 3)
			default:
				stArc(d, path, th.Dim, 1.1)
			}
			m := path[len(path)/2] // paths have an odd number of points
			c := th.Dim
			if used {
				c = th.Fg
			}
			mx, my := m.X, m.Y+4
			bx := labelBoxAll(mx, my, e.labels)
			dy := p.near(bx, 3)
			bx.y0, bx.y1 = bx.y0+dy, bx.y1+dy
			labels = append(labels, labelDraw{b: bx, lines: e.labels, c: c, x: mx, y: my + dy})
		}
	}
	return labels
}

func stDrawLabels(d *drawing, th Theme, labels []labelDraw) {
	for _, lb := range labels {
		halo := th.LabelHalo
		halo.A = 235
		d.rect(lb.b.x0-2, lb.b.y0, lb.b.x1-lb.b.x0+4, lb.b.y1-lb.b.y0, 2, halo, color.NRGBA{}, 0, "halo")
		for j, line := range lb.lines {
			d.text(lb.x, lb.y+float64(j)*12, line, noteSize, fRegular, aMiddle, lb.c, "arc")
		}
	}
}

// stDrawNodes draws the states, outlined in the colour of the side (or
// both) that passed through them.
func stDrawNodes(d *drawing, th Theme, nodes []stNode, visited [2][]bool) {
	for i, n := range nodes {
		stroke, width := th.Dim, 1.0
		switch {
		case visited[0][i] && visited[1][i]:
			stroke, width = th.Path, 2.5
		case visited[0][i]:
			stroke, width = th.Side[0], 2.5
		case visited[1][i]:
			stroke, width = th.Side[1], 2.5
		}
		d.rect(n.x-n.w/2, n.y-nodeH/2, n.w, nodeH, 6, th.StateFill, stroke, width, "state")
		d.text(n.x, n.y+4.5, n.state.String(), fontSize+1, fBold, aMiddle, th.Fg, "state")
	}
}

// stLegend writes the caption, the abrupt transitions and the two
// sides' colours below everything placed, in p's language, each line
// wrapped to the picture's width (a long list was cut at its edge), and
// sets the drawing's height.
func stLegend(d *drawing, th Theme, r *Run, abrupt []string, pl *placer, p *msg.Printer) {
	y := 0.0
	for _, b := range pl.boxes {
		y = max(y, b.y1)
	}
	y += 10
	para := func(s string, size float64, c color.NRGBA) {
		for _, line := range wrap(s, (d.w-2*margin)/fontSlack, size) {
			y += size + 6
			d.text(margin, y, line, size, fRegular, aStart, c, "legend")
		}
	}
	if r.Caption != "" {
		para(r.Caption, fontSize, th.Fg)
	}
	para(p.T(msg.DiagramAlsoClosed, msg.Args{"Events": strings.Join(abrupt, p.T(msg.DiagramListSep, nil))}), noteSize, th.Dim)
	y += 20
	x := margin
	for s := range 2 {
		d.line(th.Side[s], 3, false, "legend", pt{x, y - 4}, pt{x + 24, y - 4})
		t := p.T(msg.DiagramPath, msg.Args{"Side": strings.Fields(r.Names[s] + " ?")[0]})
		d.text(x+30, y, t, fontSize, fRegular, aStart, th.Fg, "legend")
		x += 40 + measure(t, fontSize, fRegular) + 16
	}
	d.h = y + margin
}

func labelBoxAll(x, y float64, lines []string) box {
	b := textBox(x, y, lines[0], noteSize, fRegular, aMiddle)
	for j, n := range lines[1:] {
		nb := textBox(x, y+float64(j+1)*12, n, noteSize, fRegular, aMiddle)
		b.x0, b.x1, b.y1 = min(b.x0, nb.x0), max(b.x1, nb.x1), nb.y1
	}
	return b
}

// clip moves q toward p until it is on n's border (n is centred on q).
func clip(p, q pt, n stNode) pt {
	dx, dy := q.X-p.X, q.Y-p.Y
	hw, hh := n.w/2+3, nodeH/2+3
	t := math.Inf(-1)
	if dx != 0 {
		t = 1 - hw/math.Abs(dx)
	}
	if dy != 0 {
		t = math.Max(t, 1-hh/math.Abs(dy))
	}
	t = math.Max(t, 0)
	return pt{p.X + dx*t, p.Y + dy*t}
}

func shift(a, b pt, by float64) [2]pt {
	dx, dy := b.X-a.X, b.Y-a.Y
	n := math.Hypot(dx, dy)
	if n == 0 {
		return [2]pt{a, b}
	}
	ox, oy := -dy/n*by, dx/n*by
	return [2]pt{{a.X + ox, a.Y + oy}, {b.X + ox, b.Y + oy}}
}

func stArc(d *drawing, path []pt, c color.NRGBA, w float64) {
	d.line(c, w, false, "arc", path...)
	n := len(path)
	d.poly(c, "head", head(path[n-2].X, path[n-2].Y, path[n-1].X, path[n-1].Y)...)
}

// stRoute is an arc's path: straight, or bowed aside when a straight line
// would cross another state's box.
func stRoute(nodes []stNode, e stEdge, twin bool) []pt {
	from, to := nodes[e.from], nodes[e.to]
	p, q := pt{from.x, from.y}, pt{to.x, to.y}
	if twin {
		s := shift(p, q, 7)
		p, q = s[0], s[1]
	}
	var first []pt
	for _, bow := range []float64{0, 70, -70, 130, -130} {
		mid := pt{(p.X + q.X) / 2, (p.Y + q.Y) / 2}
		if bow != 0 {
			s := shift(p, q, bow)
			mid = pt{(s[0].X + s[1].X) / 2, (s[0].Y + s[1].Y) / 2}
		}
		a := clip(mid, p, stNode{x: p.X, y: p.Y, w: from.w})
		b := clip(mid, q, stNode{x: q.X, y: q.Y, w: to.w})
		path := quad(a, mid, b, bow != 0)
		if !crosses(nodes, e, path) {
			return path
		}
		if first == nil {
			first = path
		}
	}
	return first
}

// quad is a straight line, or a quadratic curve through c as a polyline.
func quad(a, c, b pt, curve bool) []pt {
	if !curve {
		return []pt{a, {(a.X + b.X) / 2, (a.Y + b.Y) / 2}, b}
	}
	// Control point so the curve passes through c at its middle.
	k := pt{2*c.X - (a.X+b.X)/2, 2*c.Y - (a.Y+b.Y)/2}
	out := make([]pt, 0, 17)
	for i := 0; i <= 16; i++ {
		t := float64(i) / 16
		u := 1 - t
		out = append(out, pt{u*u*a.X + 2*u*t*k.X + t*t*b.X, u*u*a.Y + 2*u*t*k.Y + t*t*b.Y})
	}
	return out
}

func crosses(nodes []stNode, e stEdge, path []pt) bool {
	for i, n := range nodes {
		if i == e.from || i == e.to {
			continue
		}
		b := box{n.x - n.w/2 - 4, n.y - nodeH/2 - 4, n.x + n.w/2 + 4, n.y + nodeH/2 + 4}
		for j := 1; j < len(path); j++ {
			if segHitsBox(path[j-1], path[j], b) {
				return true
			}
		}
	}
	return false
}

// segHitsBox samples the segment; boxes are far larger than the step.
func segHitsBox(p, q pt, b box) bool {
	for i := 0; i <= 20; i++ {
		t := float64(i) / 20
		x, y := p.X+(q.X-p.X)*t, p.Y+(q.Y-p.Y)*t
		if x > b.x0 && x < b.x1 && y > b.y0 && y < b.y1 {
			return true
		}
	}
	return false
}

func offset(path []pt, by float64) []pt {
	out := make([]pt, len(path))
	for i := range path {
		j, k := max(i-1, 0), min(i+1, len(path)-1)
		s := shift(path[j], path[k], by)
		out[i] = pt{path[i].X + s[0].X - path[j].X, path[i].Y + s[0].Y - path[j].Y}
	}
	return out
}

// writeStatesMermaid writes the state diagram as a Mermaid stateDiagram-v2,
// with the run's states in a class.
func writeStatesMermaid(w io.Writer, r *Run) error {
	nodes := stNodes()
	edges, _ := stEdges(nodes, r, msg.English())
	id := func(n stNode) string {
		if n.state.String() == "CLOSED" && n.bottom {
			return "CLOSED_end"
		}
		return strings.ReplaceAll(n.state.String(), "-", "_")
	}
	var b strings.Builder
	b.WriteString("%% Written by tcpsim from fsm.Table; states the run used are in class used.\nstateDiagram-v2\n")
	for _, n := range nodes {
		fmt.Fprintf(&b, "    %s: %s\n", id(n), n.state)
	}
	fmt.Fprintf(&b, "    [*] --> CLOSED\n    CLOSED_end --> [*]\n")
	used := map[string]bool{}
	for _, e := range edges {
		fmt.Fprintf(&b, "    %s --> %s: %s\n", id(nodes[e.from]), id(nodes[e.to]), mmdEsc(strings.Join(e.labels, " | ")))
		if e.used[0] || e.used[1] {
			used[id(nodes[e.from])], used[id(nodes[e.to])] = true, true
		}
	}
	b.WriteString("    classDef used stroke-width:3px,stroke:#cf222e\n")
	for _, n := range nodes {
		if used[id(n)] {
			fmt.Fprintf(&b, "    class %s used\n", id(n))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
