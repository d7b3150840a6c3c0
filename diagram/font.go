package diagram

import (
	"fmt"
	"os"
	"strings"
	"sync"

	"github.com/mattn/go-runewidth"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Fonts. Layout measures text with the bundled Go fonts (Latin, ~400 KB in
// all), so an SVG is laid out the same on every machine. A wide (CJK) rune
// counts one em, which is what CJK fonts give it. The PNG rasterizer draws
// with the same Go fonts and, for runes they lack, with a fallback font read
// from a file (Options.Font or $TCPSIM_FONT): CJK fonts are 10-20 MB, too
// large to embed.

// fontFamily is the SVG font list: the Go fonts' metrics first, then common
// sans fonts, then common CJK fonts for Chinese labels.
const (
	fontFamily = `'Go', 'DejaVu Sans', 'Helvetica Neue', Arial, 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif`
	monoFamily = `'Go Mono', 'DejaVu Sans Mono', Menlo, Consolas, 'Noto Sans Mono CJK SC', 'Noto Sans CJK SC', 'Microsoft YaHei', monospace`
)

// FontEnv names the environment variable that points at a fallback font.
const FontEnv = "TCPSIM_FONT"

var (
	goFonts   [numStyles]*sfnt.Font
	asciiAdv  [numStyles][128]float64 // advance in em of each ASCII rune
	fontsOnce sync.Once
)

func loadFonts() {
	fontsOnce.Do(func() {
		for st, ttf := range [numStyles][]byte{goregular.TTF, gobold.TTF, gomono.TTF} {
			f, err := sfnt.Parse(ttf)
			if err != nil {
				panic("diagram: bundled Go font: " + err.Error())
			}
			goFonts[st] = f
			var buf sfnt.Buffer
			upem := float64(f.UnitsPerEm())
			for r := rune(32); r < 127; r++ {
				asciiAdv[st][r] = advance(f, &buf, r, upem)
			}
		}
	})
}

// advance is r's advance in em, or -1 when the font has no glyph for it.
func advance(f *sfnt.Font, buf *sfnt.Buffer, r rune, upem float64) float64 {
	gi, err := f.GlyphIndex(buf, r)
	if err != nil || gi == 0 {
		return -1
	}
	a, err := f.GlyphAdvance(buf, gi, fixed.Int26_6(upem*64), 0)
	if err != nil {
		return -1
	}
	return float64(a) / 64 / upem
}

// fontSlack is the room kept for text a reader's SVG viewer draws in
// another font than the Go fonts measure (DejaVu Sans is up to 12% wider):
// layouts that must not cut text measure it this much wider.
const fontSlack = 1.15

// measure is the width of s in pixels at size.
func measure(s string, size float64, st fontStyle) float64 {
	loadFonts()
	w := 0.0
	var buf *sfnt.Buffer
	for _, r := range s {
		if r >= 32 && r < 127 {
			w += asciiAdv[st][r]
			continue
		}
		if buf == nil {
			buf = new(sfnt.Buffer)
		}
		f := goFonts[st]
		if a := advance(f, buf, r, float64(f.UnitsPerEm())); a >= 0 {
			w += a
		} else if runewidth.RuneWidth(r) == 2 {
			w += 1
		} else {
			w += 0.6
		}
	}
	return w * size
}

// LoadFallback reads a TrueType/OpenType font or collection (.ttf, .otf,
// .ttc) for glyphs the Go fonts lack, such as Chinese.
func LoadFallback(path string) (*sfnt.Font, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("fallback font: %w", err)
	}
	if strings.HasPrefix(string(data[:min(4, len(data))]), "ttcf") {
		c, err := sfnt.ParseCollection(data)
		if err != nil {
			return nil, fmt.Errorf("fallback font %s: %w", path, err)
		}
		f, err := c.Font(0)
		if err != nil {
			return nil, fmt.Errorf("fallback font %s: %w (try another font file)", path, err)
		}
		return f, nil
	}
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("fallback font %s: %w", path, err)
	}
	return f, nil
}

// needsFallback reports whether the Go fonts lack a glyph of s.
func needsFallback(s string) bool {
	loadFonts()
	var buf sfnt.Buffer
	for _, r := range s {
		if r >= 32 && r < 127 {
			continue
		}
		if gi, err := goFonts[fRegular].GlyphIndex(&buf, r); err != nil || gi == 0 {
			return true
		}
	}
	return false
}
