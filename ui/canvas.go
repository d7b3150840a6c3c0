package ui

import (
	"strings"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
)

// cell is one terminal cell. r == 0 marks the right half of a wide rune.
type cell struct {
	r rune
	p pen
}

// canvas is a grid of cells that every component paints into. A frame
// is one canvas; components paint into views (clipped sub-rectangles),
// and String turns it into text once.
type canvas struct {
	w, h  int
	cells []cell
}

func newCanvas(w, h int) *canvas {
	w, h = max(w, 0), max(h, 0)
	c := &canvas{w: w, h: h, cells: make([]cell, w*h)}
	for i := range c.cells {
		c.cells[i] = cell{r: ' '}
	}
	return c
}

// view is a clipped window onto a canvas.
type view struct {
	c          *canvas
	x, y, w, h int
}

func (c *canvas) full() view { return view{c: c, w: c.w, h: c.h} }

// sub returns a window relative to v, clipped to it.
func (v view) sub(x, y, w, h int) view {
	if x < 0 {
		w += x
		x = 0
	}
	if y < 0 {
		h += y
		y = 0
	}
	w = min(w, v.w-x)
	h = min(h, v.h-y)
	return view{c: v.c, x: v.x + x, y: v.y + y, w: max(w, 0), h: max(h, 0)}
}

// set paints one cell; out-of-window writes are ignored.
func (v view) set(x, y int, r rune, p pen) {
	if x < 0 || y < 0 || x >= v.w || y >= v.h {
		return
	}
	i := (v.y+y)*v.c.w + v.x + x
	v.c.breakWide(i, v.x+x)
	v.c.cells[i] = cell{r: r, p: p}
}

// breakWide blanks what is left of a wide character (a Chinese one) when
// cell i, at column col, is painted over: never half a character on
// screen, and the line keeps its width (an overlay over Chinese text).
func (c *canvas) breakWide(i, col int) {
	old := c.cells[i].r
	switch {
	case old == 0 && col > 0:
		c.cells[i-1].r = ' ' // the left half, now alone
	case old >= 0x1100 && col+1 < c.w && c.cells[i+1].r == 0 && rw.RuneWidth(old) == 2:
		c.cells[i+1].r = ' ' // the right half, now alone
	}
}

// get reads a cell.
func (v view) get(x, y int) cell {
	if x < 0 || y < 0 || x >= v.w || y >= v.h {
		return cell{}
	}
	return v.c.cells[(v.y+y)*v.c.w+v.x+x]
}

// restyle changes the pen of a cell, keeping its rune.
func (v view) restyle(x, y int, p pen) {
	if x < 0 || y < 0 || x >= v.w || y >= v.h {
		return
	}
	v.c.cells[(v.y+y)*v.c.w+v.x+x].p = p
}

// fill paints a rectangle.
func (v view) fill(x, y, w, h int, r rune, p pen) {
	for yy := y; yy < y+h; yy++ {
		for xx := x; xx < x+w; xx++ {
			v.set(xx, yy, r, p)
		}
	}
}

// clear blanks the whole view with a pen (for backgrounds).
func (v view) clear(p pen) { v.fill(0, 0, v.w, v.h, ' ', p) }

// text writes s at (x, y) and returns the column after it. It never
// writes past the view; wide runes that do not fit are dropped.
func (v view) text(x, y int, s string, p pen) int {
	if y < 0 || y >= v.h {
		return x + textWidth(s)
	}
	for _, r := range s {
		w := rw.RuneWidth(r)
		if w == 0 {
			continue
		}
		if r < ' ' {
			r, w = ' ', 1
		}
		if x+w > v.w {
			return x + w
		}
		if x >= 0 {
			v.set(x, y, r, p)
			if w == 2 {
				v.set(x+1, y, 0, p)
			}
		}
		x += w
	}
	return x
}

// textClip writes s at (x, y) within maxw cells, ending with "…" when cut.
func (v view) textClip(x, y int, s string, maxw int, p pen) int {
	return v.text(x, y, truncate(s, maxw), p)
}

// textRight writes s so that it ends just before column x1.
func (v view) textRight(x1, y int, s string, p pen) {
	v.text(x1-textWidth(s), y, s, p)
}

// hline draws a horizontal run.
func (v view) hline(x, y, w int, r rune, p pen) {
	for i := 0; i < w; i++ {
		v.set(x+i, y, r, p)
	}
}

// vline draws a vertical run.
func (v view) vline(x, y, h int, r rune, p pen) {
	for i := 0; i < h; i++ {
		v.set(x, y+i, r, p)
	}
}

// box draws a rounded frame around the view with a title in its top
// border and returns the inner view.
func (v view) box(title string, titlePen pen) view {
	if v.w < 2 || v.h < 2 {
		return v.sub(0, 0, 0, 0)
	}
	v.set(0, 0, '╭', pBorder)
	v.set(v.w-1, 0, '╮', pBorder)
	v.set(0, v.h-1, '╰', pBorder)
	v.set(v.w-1, v.h-1, '╯', pBorder)
	v.hline(1, 0, v.w-2, '─', pBorder)
	v.hline(1, v.h-1, v.w-2, '─', pBorder)
	v.vline(0, 1, v.h-2, '│', pBorder)
	v.vline(v.w-1, 1, v.h-2, '│', pBorder)
	if title != "" && v.w > 6 {
		x := v.text(2, 0, " ", pBorder)
		x = v.textClip(x, 0, title, v.w-6, titlePen)
		v.text(x, 0, " ", pBorder)
	}
	return v.sub(1, 1, v.w-2, v.h-2)
}

// String renders the canvas with the theme's escape codes. Lines are
// joined with "\n"; trailing blank cells are trimmed.
func (c *canvas) String(t *theme) string {
	return string(c.appendTo(make([]byte, 0, c.w*c.h*2+c.h*32), t))
}

func (c *canvas) appendTo(b []byte, t *theme) []byte {
	for y := 0; y < c.h; y++ {
		if y > 0 {
			b = append(b, '\n')
		}
		row := c.cells[y*c.w : (y+1)*c.w]
		end := len(row)
		for end > 0 && row[end-1].r == ' ' && row[end-1].p == pNone {
			end--
		}
		cur := pNone
		for i := 0; i < end; i++ {
			cl := row[i]
			if cl.r == 0 {
				continue
			}
			if cl.p != cur {
				if cur != pNone {
					b = append(b, t.pens[cur].post...)
				}
				cur = cl.p
				if cur != pNone {
					b = append(b, t.pens[cur].pre...)
				}
			}
			if cl.r < utf8.RuneSelf {
				b = append(b, byte(cl.r))
			} else {
				b = utf8.AppendRune(b, cl.r)
			}
		}
		if cur != pNone {
			b = append(b, t.pens[cur].post...)
		}
	}
	return b
}

// Plain renders the canvas without escape codes (tests, goldens).
func (c *canvas) Plain() string {
	var b strings.Builder
	for y := 0; y < c.h; y++ {
		if y > 0 {
			b.WriteByte('\n')
		}
		row := c.cells[y*c.w : (y+1)*c.w]
		end := len(row)
		for end > 0 && row[end-1].r == ' ' {
			end--
		}
		for i := 0; i < end; i++ {
			if row[i].r != 0 {
				b.WriteRune(row[i].r)
			}
		}
	}
	return b.String()
}

// textWidth is the display width of plain text.
func textWidth(s string) int { return rw.StringWidth(s) }

// rw measures text. Box-drawing and arrow glyphs are "ambiguous" in
// Unicode; a CJK locale would make go-runewidth count them as two cells
// while terminals draw them in one, so the condition is fixed here rather
// than taken from the environment.
var rw = &runewidth.Condition{EastAsianWidth: false}

// truncate cuts s to at most w cells, ending with "…" when cut.
func truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if textWidth(s) <= w {
		return s
	}
	return rw.Truncate(s, w, "…")
}

// wrap breaks text into lines of at most w cells, at spaces and between
// Chinese characters (wrap.go).
func wrap(s string, w int) []string { return wrapCells(s, w) }

// padRight pads s with spaces to w cells.
func padRight(s string, w int) string {
	if d := w - textWidth(s); d > 0 {
		return s + strings.Repeat(" ", d)
	}
	return s
}
