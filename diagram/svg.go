package diagram

import (
	"image/color"
	"io"
	"strconv"
	"strings"
)

// writeSVG writes the drawing as a standalone SVG 1.1 document. Text stays
// text: it can be selected, searched and translated.
func (d *drawing) writeSVG(w io.Writer) error {
	b := make([]byte, 0, 256+len(d.shapes)*120)
	b = append(b, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"...)
	b = append(b, `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="`...)
	b = num(b, d.w)
	b = append(b, `" height="`...)
	b = num(b, d.h)
	b = append(b, `" viewBox="0 0 `...)
	b = num(b, d.w)
	b = append(b, ' ')
	b = num(b, d.h)
	b = append(b, "\">\n<title>"...)
	b = esc(b, d.title)
	b = append(b, "</title>\n<style>text{font-family:"...)
	b = append(b, fontFamily...)
	b = append(b, "}.m{font-family:"...)
	b = append(b, monoFamily...)
	b = append(b, "}.b{font-weight:bold}</style>\n"...)
	b = append(b, `<rect width="`...)
	b = num(b, d.w)
	b = append(b, `" height="`...)
	b = num(b, d.h)
	b = append(b, `" fill="`...)
	b = hex(b, d.bg)
	b = append(b, "\"/>\n"...)
	for i := range d.shapes {
		b = svgShape(b, &d.shapes[i])
	}
	b = append(b, "</svg>\n"...)
	_, err := w.Write(b)
	return err
}

func svgShape(b []byte, s *shape) []byte {
	switch s.k {
	case kLine, kPoly:
		if s.k == kLine {
			b = append(b, `<polyline fill="none" stroke="`...)
			b = hex(b, s.stroke)
			b = append(b, `" stroke-width="`...)
			b = num(b, s.width)
			if s.dash {
				b = append(b, `" stroke-dasharray="5 4`...)
			}
		} else {
			b = append(b, `<polygon fill="`...)
			b = hex(b, s.fill)
		}
		b = classAttr(b, s.class)
		b = append(b, `" points="`...)
		for i, p := range s.pts {
			if i > 0 {
				b = append(b, ' ')
			}
			b = num(b, p.X)
			b = append(b, ',')
			b = num(b, p.Y)
		}
		return append(b, "\"/>\n"...)
	case kRect:
		b = append(b, `<rect x="`...)
		b = num(b, s.x)
		b = append(b, `" y="`...)
		b = num(b, s.y)
		b = append(b, `" width="`...)
		b = num(b, s.w)
		b = append(b, `" height="`...)
		b = num(b, s.h)
		if s.r > 0 {
			b = append(b, `" rx="`...)
			b = num(b, s.r)
		}
		b = append(b, `" fill="`...)
		b = paint(b, s.fill)
		if s.width > 0 {
			b = append(b, `" stroke="`...)
			b = hex(b, s.stroke)
			b = append(b, `" stroke-width="`...)
			b = num(b, s.width)
		}
		b = classAttr(b, s.class)
		return append(b, "\"/>\n"...)
	}
	return svgText(b, s)
}

// svgText writes a text shape.
func svgText(b []byte, s *shape) []byte {
	b = append(b, `<text x="`...)
	b = num(b, s.x)
	b = append(b, `" y="`...)
	b = num(b, s.y)
	b = append(b, `" font-size="`...)
	b = num(b, s.size)
	b = append(b, `" fill="`...)
	b = hex(b, s.fill)
	switch s.anchor {
	case aMiddle:
		b = append(b, `" text-anchor="middle`...)
	case aEnd:
		b = append(b, `" text-anchor="end`...)
	}
	cls := s.class
	switch s.style {
	case fBold:
		cls = strings.TrimSpace(cls + " b")
	case fMono:
		cls = strings.TrimSpace(cls + " m")
	}
	b = classAttr(b, cls)
	// The layout measured the text with the Go fonts; a viewer may use
	// another font, so the text is fitted to the measured length, which
	// keeps boxes around it and neighbours apart in every font.
	b = append(b, `" textLength="`...)
	b = num(b, measure(s.text, s.size, s.style))
	b = append(b, `" lengthAdjust="spacingAndGlyphs">`...)
	b = esc(b, s.text)
	return append(b, "</text>\n"...)
}

func classAttr(b []byte, c string) []byte {
	if c == "" {
		return b
	}
	b = append(b, `" class="`...)
	return append(b, c...)
}

// num prints a coordinate with at most one decimal, the same on every machine.
func num(b []byte, v float64) []byte {
	n := int64(v*10 + 0.5)
	if v < 0 {
		n = int64(v*10 - 0.5)
	}
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	b = strconv.AppendInt(b, n/10, 10)
	if n%10 != 0 {
		b = append(b, '.', byte('0'+n%10))
	}
	return b
}

func hex(b []byte, c color.NRGBA) []byte {
	const digits = "0123456789abcdef"
	return append(b, '#', digits[c.R>>4], digits[c.R&15], digits[c.G>>4], digits[c.G&15], digits[c.B>>4], digits[c.B&15])
}

func paint(b []byte, c color.NRGBA) []byte {
	if c.A == 0 {
		return append(b, "none"...)
	}
	b = hex(b, c)
	if c.A < 255 {
		b = append(b, `" fill-opacity="`...)
		b = strconv.AppendFloat(b, float64(c.A)/255, 'f', 2, 64)
	}
	return b
}

func esc(b []byte, s string) []byte {
	for _, r := range s {
		switch r {
		case '<':
			b = append(b, "&lt;"...)
		case '>':
			b = append(b, "&gt;"...)
		case '&':
			b = append(b, "&amp;"...)
		case '"':
			b = append(b, "&quot;"...)
		default:
			if r < 32 {
				r = ' '
			}
			b = append(b, string(r)...)
		}
	}
	return b
}
