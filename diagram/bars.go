package diagram

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"

	"github.com/tcpsim/tcpsim/internal/atomicfile"
)

// Bars is a chart of shares: one horizontal bar per row, split among the
// classes in proportion to the row's counts (tcpsim sweep -o chart.svg:
// the outcome share at each loss).
type Bars struct {
	Title   string
	Caption string   // a line under the title
	Axis    string   // the rows' heading (the x of the question: "loss")
	Rows    []string // one bar each, top to bottom
	Classes []string // the legend, in colour order
	Counts  [][]int  // [row][class]
}

// Okabe and Ito's eight colours, told apart with every common colour
// vision deficiency; the ninth on is "everything else", grey.
var barColours = []color.NRGBA{rgb(0x0072b2), rgb(0xe69f00), rgb(0x009e73), rgb(0xd55e00),
	rgb(0x56b4e9), rgb(0xcc79a7), rgb(0xf0e442), rgb(0x999999)}

// Bar chart sizes, in SVG units.
const (
	barW     = 480.0 // 100%
	barH     = 22.0
	barGap   = 8.0
	swatch   = 12.0
	titleSz  = 15.0
	minLabel = 34.0 // a share is written inside its segment when this wide
)

// BarColour is the colour of class i.
func BarColour(i int) color.NRGBA { return barColours[min(i, len(barColours)-1)] }

// BarsDrawing lays out c.
func BarsDrawing(c *Bars, o Options) *drawing {
	th := o.Theme
	if th.Name == "" {
		th = Light
	}
	wide := func(s string, size float64, st fontStyle) float64 { return fontSlack * measure(s, size, st) }
	labelW := wide(c.Axis, fontSize, fBold)
	for _, r := range c.Rows {
		labelW = max(labelW, wide(r, fontSize, fRegular))
	}
	x0 := margin + labelW + 12 // the bars' left edge
	w := x0 + barW + margin
	w = max(w, margin*2+wide(c.Title, titleSz, fBold), margin*2+wide(c.Caption, noteSize, fRegular))
	for _, cl := range c.Classes {
		w = max(w, margin*2+swatch+8+wide(cl, fontSize, fRegular))
	}
	d := &drawing{bg: th.Bg, title: c.Title, w: math.Ceil(w)}
	y := margin + titleSz
	d.text(margin, y, c.Title, titleSz, fBold, aStart, th.Fg, "title")
	if c.Caption != "" {
		y += lineH
		d.text(margin, y, c.Caption, noteSize, fRegular, aStart, th.Dim, "caption")
	}
	y += lineH + 8
	d.text(x0-12, y, c.Axis, fontSize, fBold, aEnd, th.Fg, "axis")
	for _, f := range []float64{0, 25, 50, 75, 100} {
		x := x0 + barW*f/100
		d.text(x, y, strconv.Itoa(int(f))+"%", noteSize, fRegular, aMiddle, th.Dim, "tick")
	}
	top := y + 6
	bottom := top + float64(len(c.Rows))*(barH+barGap)
	for _, f := range []float64{0, 25, 50, 75, 100} {
		x := x0 + barW*f/100
		d.line(th.Grid, 1, f != 0 && f != 100, "grid", pt{x, top}, pt{x, bottom})
	}
	for i, r := range c.Rows {
		by := top + barGap/2 + float64(i)*(barH+barGap)
		d.text(x0-12, by+barH/2+4, r, fontSize, fRegular, aEnd, th.Fg, "row")
		d.barRow(c.Counts[i], x0, by, th)
	}
	y = bottom + lineH
	for i, cl := range c.Classes {
		d.rect(margin, y-swatch+2, swatch, swatch, 2, BarColour(i), color.NRGBA{}, 0, "swatch")
		d.text(margin+swatch+8, y, cl, fontSize, fRegular, aStart, th.Fg, "class")
		y += lineH
	}
	d.h = math.Ceil(y - lineH + margin)
	return d
}

// barRow draws one bar: each class's share of the row, in legend order,
// with its percentage written inside when the segment is wide enough.
func (d *drawing) barRow(counts []int, x0, y float64, th Theme) {
	total := 0
	for _, n := range counts {
		total += n
	}
	if total == 0 {
		return
	}
	x := x0
	for i, n := range counts {
		if n == 0 {
			continue
		}
		w := barW * float64(n) / float64(total)
		fill := BarColour(i)
		d.rect(x, y, w, barH, 0, fill, th.Bg, 0.5, "share")
		if w >= minLabel {
			pct := strconv.FormatFloat(100*float64(n)/float64(total), 'f', 0, 64) + "%"
			d.text(x+w/2, y+barH/2+4, pct, noteSize, fBold, aMiddle, inkOn(fill), "pct")
		}
		x += w
	}
}

// inkOn is black or white, whichever reads better on c (WCAG luminance).
func inkOn(c color.NRGBA) color.NRGBA {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	l := 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
	if (l+0.05)/0.05 >= 1.05/(l+0.05) {
		return rgb(0x000000)
	}
	return rgb(0xffffff)
}

// WriteBars renders c as SVG or PNG.
func WriteBars(w io.Writer, f Format, c *Bars, o Options) error {
	for i := range c.Rows {
		if i >= len(c.Counts) || len(c.Counts[i]) != len(c.Classes) {
			return fmt.Errorf("bar chart: row %d has no count for each of its %d classes", i, len(c.Classes))
		}
	}
	d := BarsDrawing(c, o)
	switch f {
	case SVG:
		return d.writeSVG(w)
	case PNG:
		return d.writePNG(w, o)
	}
	return fmt.Errorf("a chart is drawn as .svg or .png, not %s", f)
}

// WriteBarsFile renders c into path (.svg or .png), atomically.
func WriteBarsFile(path string, c *Bars, o Options) error {
	f, err := FormatForPath(path)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := WriteBars(&buf, f, c, o); err != nil {
		return err
	}
	return atomicfile.WriteFile(path, buf.Bytes())
}
