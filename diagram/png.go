package diagram

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"
	"os"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// The PNG is the same display list rasterized in pure Go (x/image/vector
// for shapes, the Go fonts for text): no cgo, no browser.

// maxPixels bounds a PNG at the default scale: a picture that would be
// larger is drawn smaller (a 10,000-event run becomes a thumbnail strip;
// cut a window with --from/--to for legible text).
const maxPixels = 8 << 20

type raster struct {
	img      *image.RGBA
	s        float64
	z        vector.Rasterizer
	faces    map[[2]int]font.Face
	fallback *sfnt.Font
	fbFaces  map[int]font.Face
	glyphs   map[glyphKey]glyph
}

// Glyph masks are cached: a ladder repeats a few dozen glyphs thousands of times.
type glyphKey struct {
	face font.Face
	r    rune
	frac fixed.Int26_6 // sub-pixel x position, in quarters
}

type glyph struct {
	mask *image.Alpha
	off  image.Point // of the mask's top-left from the dot
	ok   bool
}

func (d *drawing) writePNG(w io.Writer, o Options) error {
	s := o.Scale
	if s <= 0 {
		s = min(2, math.Sqrt(maxPixels/(d.w*d.h)))
	}
	W, H := int(math.Ceil(d.w*s)), int(math.Ceil(d.h*s))
	if W*H > 8*maxPixels {
		return fmt.Errorf("the picture would be %dx%d pixels, too large for PNG: cut it with --from/--to, or write SVG", W, H)
	}
	rs := &raster{img: image.NewRGBA(image.Rect(0, 0, W, H)), s: s, faces: map[[2]int]font.Face{}, fbFaces: map[int]font.Face{}, glyphs: map[glyphKey]glyph{}}
	if err := rs.loadFallback(o.Font, d); err != nil {
		return err
	}
	draw.Draw(rs.img, rs.img.Bounds(), image.NewUniform(d.bg), image.Point{}, draw.Src)
	for i := range d.shapes {
		rs.shape(&d.shapes[i])
	}
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if pal := d.palette(); pal != nil {
		return enc.Encode(w, paletted(rs.img, pal))
	}
	return enc.Encode(w, rs.img)
}

// palette is each colour of the drawing blended with the background in 15
// steps: enough for anti-aliased edges, and a paletted PNG is a quarter of
// the bytes to compress (and Go does not filter it), so large pictures are
// written twice as fast and files are smaller. Nil when there are too many
// colours.
func (d *drawing) palette() color.Palette {
	bases := []color.NRGBA{}
	seen := map[color.NRGBA]bool{d.bg: true}
	for i := range d.shapes {
		for _, c := range []color.NRGBA{d.shapes[i].fill, d.shapes[i].stroke} {
			c.A = 255
			if !seen[c] {
				seen[c] = true
				bases = append(bases, c)
			}
		}
	}
	if len(bases)*15+1 > 256 {
		return nil
	}
	pal := color.Palette{d.bg}
	for _, c := range bases {
		for k := 1; k <= 15; k++ {
			pal = append(pal, blend(d.bg, c, float64(k)/15))
		}
	}
	return pal
}

func blend(a, b color.NRGBA, t float64) color.NRGBA {
	mix := func(x, y uint8) uint8 { return uint8(float64(x)*(1-t) + float64(y)*t + 0.5) }
	return color.NRGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), 255}
}

// paletted maps each pixel to its nearest palette entry, once per colour.
func paletted(img *image.RGBA, pal color.Palette) *image.Paletted {
	out := image.NewPaletted(img.Rect, pal)
	idx := map[[3]uint8]uint8{}
	last, lastV := [3]uint8{}, uint8(0)
	have := false
	for i, j := 0, 0; i < len(img.Pix); i, j = i+4, j+1 {
		k := [3]uint8{img.Pix[i], img.Pix[i+1], img.Pix[i+2]}
		if have && k == last { // most pixels repeat their left neighbour
			out.Pix[j] = lastV
			continue
		}
		v, ok := idx[k]
		if !ok {
			v = uint8(pal.Index(color.RGBA{k[0], k[1], k[2], 255}))
			idx[k] = v
		}
		out.Pix[j], last, lastV, have = v, k, v, true
	}
	return out
}

// loadFallback reads the fallback font only when some text needs it.
func (rs *raster) loadFallback(path string, d *drawing) error {
	need := false
	for i := range d.shapes {
		if d.shapes[i].k == kText && needsFallback(d.shapes[i].text) {
			need = true
			break
		}
	}
	if !need {
		return nil
	}
	if path == "" {
		path = os.Getenv(FontEnv)
	}
	if path == "" {
		return fmt.Errorf("the picture has text the bundled Go fonts cannot draw (e.g. Chinese): point --font or $%s at a font that has it, such as NotoSansCJK-Regular.ttc", FontEnv)
	}
	f, err := LoadFallback(path)
	if err != nil {
		return err
	}
	rs.fallback = f
	return nil
}

func (rs *raster) shape(s *shape) {
	switch s.k {
	case kLine:
		rs.stroke(s.pts, s.width, s.dash, s.stroke)
	case kPoly:
		rs.fill(s.pts, s.fill)
	case kRect:
		pts := roundRect(s.x, s.y, s.w, s.h, s.r)
		if s.fill.A > 0 {
			rs.fill(pts, s.fill)
		}
		if s.width > 0 {
			rs.stroke(append(pts, pts[0]), s.width, false, s.stroke)
		}
	case kText:
		rs.text(s)
	}
}

func roundRect(x, y, w, h, r float64) []pt {
	if r <= 0 {
		return []pt{{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}}
	}
	var out []pt
	corners := [4][3]float64{{x + w - r, y + r, -math.Pi / 2}, {x + w - r, y + h - r, 0}, {x + r, y + h - r, math.Pi / 2}, {x + r, y + r, math.Pi}}
	for _, c := range corners {
		for k := 0; k <= 3; k++ {
			a := c[2] + float64(k)*math.Pi/6
			out = append(out, pt{c[0] + r*math.Cos(a), c[1] + r*math.Sin(a)})
		}
	}
	return out
}

// fill rasterizes a polygon inside its own bounding box, so a tall picture
// costs what its shapes cover, not its whole area per shape.
func (rs *raster) fill(pts []pt, c color.NRGBA) {
	rs.polys([][]pt{pts}, c)
}

func (rs *raster) polys(ps [][]pt, c color.NRGBA) {
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range ps {
		for _, q := range p {
			x0, y0 = min(x0, q.X*rs.s), min(y0, q.Y*rs.s)
			x1, y1 = max(x1, q.X*rs.s), max(y1, q.Y*rs.s)
		}
	}
	r := image.Rect(int(math.Floor(x0)), int(math.Floor(y0)), int(math.Ceil(x1))+1, int(math.Ceil(y1))+1).Intersect(rs.img.Bounds())
	if r.Empty() {
		return
	}
	rs.z.Reset(r.Dx(), r.Dy())
	ox, oy := float32(r.Min.X), float32(r.Min.Y)
	for _, p := range ps {
		if len(p) < 3 {
			continue
		}
		rs.z.MoveTo(float32(p[0].X*rs.s)-ox, float32(p[0].Y*rs.s)-oy)
		for _, q := range p[1:] {
			rs.z.LineTo(float32(q.X*rs.s)-ox, float32(q.Y*rs.s)-oy)
		}
		rs.z.ClosePath()
	}
	rs.z.Draw(rs.img, r, image.NewUniform(c), image.Point{})
}

// stroke draws a polyline as one quad per (dash) piece.
func (rs *raster) stroke(pts []pt, width float64, dash bool, c color.NRGBA) {
	var quads [][]pt
	hw := max(width, 0.8) / 2
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		n := math.Hypot(b.X-a.X, b.Y-a.Y)
		if n == 0 {
			continue
		}
		ux, uy := (b.X-a.X)/n, (b.Y-a.Y)/n
		step, on := n, n
		if dash {
			step, on = 9, 5
		}
		for t := 0.0; t < n; t += step {
			e := min(t+on, n)
			p, q := pt{a.X + ux*t, a.Y + uy*t}, pt{a.X + ux*e, a.Y + uy*e}
			// Extend by half a width so joints and corners close.
			p.X, p.Y, q.X, q.Y = p.X-ux*hw*0.5, p.Y-uy*hw*0.5, q.X+ux*hw*0.5, q.Y+uy*hw*0.5
			quads = append(quads, []pt{{p.X - uy*hw, p.Y + ux*hw}, {q.X - uy*hw, q.Y + ux*hw}, {q.X + uy*hw, q.Y - ux*hw}, {p.X + uy*hw, p.Y - ux*hw}})
		}
	}
	if len(quads) > 0 {
		rs.polys(quads, c)
	}
}

func (rs *raster) face(st fontStyle, size float64) font.Face {
	k := [2]int{int(st), int(size * 64)}
	if f, ok := rs.faces[k]; ok {
		return f
	}
	loadFonts()
	f, err := opentype.NewFace(goFonts[st], &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic("diagram: bundled font face: " + err.Error())
	}
	rs.faces[k] = f
	return f
}

func (rs *raster) fbFace(size float64) font.Face {
	k := int(size * 64)
	if f, ok := rs.fbFaces[k]; ok {
		return f
	}
	f, err := opentype.NewFace(rs.fallback, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil
	}
	rs.fbFaces[k] = f
	return f
}

func (rs *raster) text(s *shape) {
	size := s.size * rs.s
	x := s.x
	switch w := measure(s.text, s.size, s.style); s.anchor {
	case aMiddle:
		x -= w / 2
	case aEnd:
		x -= w
	}
	dot := fixed.Point26_6{X: fixed.Int26_6(x * rs.s * 64), Y: fixed.Int26_6(s.y * rs.s * 64)}
	src := image.NewUniform(s.fill)
	main := rs.face(s.style, size)
	var buf sfnt.Buffer
	for _, r := range s.text {
		f := main
		if gi, err := goFonts[s.style].GlyphIndex(&buf, r); (err != nil || gi == 0) && rs.fallback != nil {
			if fb := rs.fbFace(size); fb != nil {
				f = fb
			}
		}
		if g := rs.glyph(f, r, dot); g.ok {
			at := g.off.Add(image.Point{dot.X.Floor(), dot.Y.Floor()})
			draw.DrawMask(rs.img, g.mask.Rect.Sub(g.mask.Rect.Min).Add(at), src, image.Point{}, g.mask, g.mask.Rect.Min, draw.Over)
		}
		// Advance as layout measured, so text ends where the layout expects.
		dot.X += fixed.Int26_6(measure(string(r), s.size, s.style) * rs.s * 64)
	}
}

func (rs *raster) glyph(f font.Face, r rune, dot fixed.Point26_6) glyph {
	frac := dot.X & 63 &^ 15
	k := glyphKey{f, r, frac}
	if g, ok := rs.glyphs[k]; ok {
		return g
	}
	dr, mask, mp, _, ok := f.Glyph(fixed.Point26_6{X: frac, Y: 0}, r)
	g := glyph{ok: ok && !dr.Empty()}
	if g.ok {
		a := image.NewAlpha(image.Rect(0, 0, dr.Dx(), dr.Dy()))
		draw.Draw(a, a.Rect, mask, mp, draw.Src)
		g.mask, g.off = a, dr.Min
	}
	rs.glyphs[k] = g
	return g
}
