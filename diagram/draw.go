package diagram

import (
	"image/color"
	"math"
)

// A drawing is a display list in pixels: the SVG writer and the PNG
// rasterizer read the same list, so both pictures are the same picture.

type pt struct{ X, Y float64 }

type shapeKind uint8

const (
	kLine shapeKind = iota // open polyline
	kPoly                  // filled polygon
	kRect                  // rectangle, optionally rounded, filled and/or stroked
	kText
)

// Font styles of text.
type fontStyle uint8

const (
	fRegular fontStyle = iota
	fBold
	fMono
	numStyles
)

type anchor uint8

const (
	aStart anchor = iota
	aMiddle
	aEnd
)

type shape struct {
	k      shapeKind
	pts    []pt
	x, y   float64 // rect: top-left; text: anchor point on the baseline
	w, h   float64
	r      float64 // rect corner radius
	stroke color.NRGBA
	fill   color.NRGBA
	width  float64
	dash   bool
	text   string
	size   float64
	style  fontStyle
	anchor anchor
	class  string // SVG class, for readers who restyle the picture
}

// drawing is a picture being built.
type drawing struct {
	w, h   float64
	bg     color.NRGBA
	title  string
	shapes []shape
}

func (d *drawing) line(c color.NRGBA, width float64, dash bool, class string, pts ...pt) {
	d.shapes = append(d.shapes, shape{k: kLine, pts: pts, stroke: c, width: width, dash: dash, class: class})
}

func (d *drawing) poly(c color.NRGBA, class string, pts ...pt) {
	d.shapes = append(d.shapes, shape{k: kPoly, pts: pts, fill: c, class: class})
}

func (d *drawing) rect(x, y, w, h, r float64, fill, stroke color.NRGBA, width float64, class string) {
	d.shapes = append(d.shapes, shape{k: kRect, x: x, y: y, w: w, h: h, r: r, fill: fill, stroke: stroke, width: width, class: class})
}

func (d *drawing) text(x, y float64, s string, size float64, st fontStyle, a anchor, c color.NRGBA, class string) {
	d.shapes = append(d.shapes, shape{k: kText, x: x, y: y, text: s, size: size, style: st, anchor: a, fill: c, class: class})
}

// box is an axis-aligned rectangle used to keep labels apart.
type box struct{ x0, y0, x1, y1 float64 }

func (b box) hits(o box) bool {
	return b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1
}

// textBox is the box of text drawn at (x, baseline y).
func textBox(x, y float64, s string, size float64, st fontStyle, a anchor) box {
	w := measure(s, size, st)
	switch a {
	case aMiddle:
		x -= w / 2
	case aEnd:
		x -= w
	}
	return box{x, y - size*0.8, x + w, y + size*0.25}
}

// placer keeps boxes from overlapping. Boxes are filed in horizontal bands
// so a long run's thousands of labels cost a few checks each.
type placer struct {
	boxes []box
	bands map[int][]int32
}

const bandH = 64.0

func (p *placer) add(b box) {
	p.boxes = append(p.boxes, b)
	if p.bands == nil {
		p.bands = map[int][]int32{}
	}
	for k := int(math.Floor(b.y0 / bandH)); k <= int(math.Floor(b.y1/bandH)); k++ {
		p.bands[k] = append(p.bands[k], int32(len(p.boxes)-1))
	}
}

// hit returns a placed box that b overlaps.
func (p *placer) hit(b box) (box, bool) {
	for k := int(math.Floor(b.y0 / bandH)); k <= int(math.Floor(b.y1/bandH)); k++ {
		for _, i := range p.bands[k] {
			if o := p.boxes[i]; b.hits(o) {
				return o, true
			}
		}
	}
	return box{}, false
}

// down moves b down until it hits nothing placed, places it, and returns
// how far it moved.
func (p *placer) down(b box, step float64) float64 {
	dy := 0.0
	for {
		o, ok := p.hit(box{b.x0, b.y0 + dy, b.x1, b.y1 + dy})
		if !ok {
			break
		}
		dy = o.y1 - b.y0 + step
	}
	p.add(box{b.x0, b.y0 + dy, b.x1, b.y1 + dy})
	return dy
}

// near returns the smallest shift up or down that keeps b clear of every
// placed box, and places it.
func (p *placer) near(b box, step float64) float64 {
	for i := 0; i < 400; i++ {
		dy := float64((i+1)/2) * step
		if i%2 == 1 {
			dy = -dy
		}
		m := box{b.x0, b.y0 + dy, b.x1, b.y1 + dy}
		if _, ok := p.hit(m); !ok {
			p.add(m)
			return dy
		}
	}
	return p.down(b, step)
}

// clear places b if it hits nothing placed, and reports whether it did.
func (p *placer) clear(b box) bool {
	if _, ok := p.hit(b); ok {
		return false
	}
	p.add(b)
	return true
}
