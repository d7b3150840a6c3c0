package diagram

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/tcpsim/tcpsim/scenarios"
)

// rsvgConvert finds the real SVG renderer the checks use. Under CI=true its
// absence is a failure (.ci/run installs librsvg2-bin); elsewhere a skip.
func rsvgConvert(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("rsvg-convert")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("rsvg-convert is missing: .ci/run installs Debian's librsvg2-bin")
		}
		t.Skip("rsvg-convert not installed (Debian librsvg2-bin): the SVGs are not checked with a real renderer")
	}
	return p
}

// A real renderer draws every bundled ladder and a few state diagrams
// without error, and draws something.
func TestRsvgDrawsEverySVG(t *testing.T) {
	bin := rsvgConvert(t)
	dir := t.TempDir()
	var files []string
	for i, sc := range scenarios.Bundled() {
		r := bundledRun(t, sc.Name)
		f := filepath.Join(dir, sc.Name+".svg")
		writeFile(t, f, render(t, SVG, r, Options{}, false))
		files = append(files, f)
		if i%6 == 0 {
			f := filepath.Join(dir, sc.Name+"-states.svg")
			writeFile(t, f, render(t, SVG, r, Options{Theme: Dark}, true))
			files = append(files, f)
		}
	}
	// One process draws them all (as pages of a PDF) and names any file it
	// cannot draw; a few are drawn as PNG to look at the pixels.
	args := append([]string{"-f", "pdf", "-o", filepath.Join(dir, "all.pdf")}, files...)
	if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil || len(out) > 0 {
		t.Fatalf("rsvg-convert: %v %s", err, out)
	}
	for _, f := range []string{files[0], filepath.Join(dir, "simultaneous-close.svg"), files[1]} {
		if out, err := exec.Command(bin, "-o", f+".png", f).CombinedOutput(); err != nil || len(out) > 0 {
			t.Fatalf("rsvg-convert %s: %v %s", filepath.Base(f), err, out)
		}
		img := readPNG(t, f+".png")
		if n := inked(img); n < img.Bounds().Dx()*img.Bounds().Dy()/100 {
			t.Errorf("%s: only %d pixels differ from the background", filepath.Base(f), n)
		}
	}
}

// The ✕ of lost-final-ack's lost ACK is drawn where the layout put it, in
// the lost colour, and the arrow stops there: no red beyond it toward B.
func TestLostCrossWhereItShouldBe(t *testing.T) {
	r := bundledRun(t, "lost-final-ack")
	d := Ladder(r, Options{})
	var cx, cy float64
	found := false
	for _, s := range d.shapes {
		if s.class == "lost" {
			cx, cy = (s.pts[0].X+s.pts[1].X)/2, (s.pts[0].Y+s.pts[1].Y)/2
			found = true
			break
		}
	}
	if !found {
		t.Fatal("no lost segment in lost-final-ack's ladder")
	}
	var own bytes.Buffer
	if err := d.writePNG(&own, Options{Scale: 2}); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&own)
	if err != nil {
		t.Fatal(err)
	}
	checkCross(t, "pure-Go PNG", img, 2, cx, cy)

	bin := rsvgConvert(t)
	dir := t.TempDir()
	f := filepath.Join(dir, "lfa.svg")
	writeFile(t, f, render(t, SVG, r, Options{}, false))
	if out, err := exec.Command(bin, "-o", f+".png", f).CombinedOutput(); err != nil {
		t.Fatalf("rsvg-convert: %v %s", err, out)
	}
	checkCross(t, "rsvg-convert", readPNG(t, f+".png"), 1, cx, cy)
}

func checkCross(t *testing.T, who string, img image.Image, s, cx, cy float64) {
	t.Helper()
	red := func(x0, y0, x1, y1 float64) int {
		n := 0
		for y := int(y0 * s); y <= int(y1*s); y++ {
			for x := int(x0 * s); x <= int(x1*s); x++ {
				r, g, b, _ := img.At(x, y).RGBA()
				if r>>8 > 150 && g>>8 < 110 && b>>8 < 110 {
					n++
				}
			}
		}
		return n
	}
	if n := red(cx-6, cy-6, cx+6, cy+6); n < 20 {
		t.Errorf("%s: only %d red pixels at the cross (%.0f,%.0f)", who, n, cx, cy)
	}
	if n := red(cx+20, cy-40, cx+200, cy+40); n > 0 {
		t.Errorf("%s: %d red pixels past the cross: the lost arrow goes on", who, n)
	}
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}

// inked counts pixels that differ from the top-left (background) pixel.
func inked(img image.Image) int {
	b := img.Bounds()
	bg := img.At(b.Min.X, b.Min.Y)
	r0, g0, b0, _ := bg.RGBA()
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bb, _ := img.At(x, y).RGBA()
			if r != r0 || g != g0 || bb != b0 {
				n += 4
			}
		}
	}
	return n
}
