package diagram

import (
	"bytes"
	"image/color"
	"math"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
)

func sampleBars() *Bars {
	return &Bars{Title: "sweep x: 100 seeds from 1 at each of 3 loss rates", Caption: "Share of runs in each outcome class", Axis: "loss",
		Rows: []string{"0", "0.1", "0.2"}, Classes: []string{"A CLOSED, B CLOSED (250 runs)", "A CLOSED, B LISTEN (40 runs)", "丢了 (10 runs)"},
		Counts: [][]int{{100, 0, 0}, {80, 15, 5}, {70, 25, 5}}}
}

// A real renderer draws the chart, and the bars are where the counts say:
// row 0 is all the first colour; row 2's middle segment starts at 70%.
func TestBarsDrawnByRsvg(t *testing.T) {
	bin := rsvgConvert(t)
	c := sampleBars()
	d := BarsDrawing(c, Options{})
	var b bytes.Buffer
	if err := WriteBars(&b, SVG, c, Options{}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	f := filepath.Join(dir, "bars.svg")
	writeFile(t, f, b.Bytes())
	if out, err := exec.Command(bin, "-o", f+".png", f).CombinedOutput(); err != nil || len(out) > 0 {
		t.Fatalf("rsvg-convert: %v %s", err, out)
	}
	img := readPNG(t, f+".png")
	var shares []shape
	for _, s := range d.shapes {
		if s.class == "share" {
			shares = append(shares, s)
		}
	}
	if len(shares) != 7 { // 1 + 3 + 3: a count of zero draws nothing
		t.Fatalf("%d bar segments, want 7", len(shares))
	}
	x0 := shares[0].x
	for i, s := range shares {
		r, g, bl, _ := img.At(int(s.x+2), int(s.y+3)).RGBA()
		got := color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), 255}
		if got != s.fill {
			t.Errorf("segment %d drawn %v at its corner, want %v", i, got, s.fill)
		}
	}
	if mid := shares[5]; mid.fill != BarColour(1) || math.Abs(mid.x-x0-barW*0.7) > 0.01 {
		t.Errorf("row 2's second segment at %.1f in %v, want %.1f in %v", mid.x-x0, mid.fill, barW*0.7, BarColour(1))
	}
}

// Nothing is cut: the picture is wide enough for its longest text even in
// a font 15% wider than Go's (DejaVu Sans, where Go fonts are missing).
func TestBarsRoomForText(t *testing.T) {
	c := sampleBars()
	c.Classes[1] = strings.Repeat("a long outcome class name ", 6)
	textFits(t, "bars", BarsDrawing(c, Options{}))
}

// The state diagram's legend wraps within the picture, in both languages
// (its list of abrupt transitions ran past the right edge).
func TestStateLegendFits(t *testing.T) {
	zh, err := msg.New("zh")
	if err != nil {
		t.Fatal(err)
	}
	r := bundledRun(t, "lost-final-ack")
	for _, p := range []*msg.Printer{msg.English(), zh} {
		d := StateDiagram(r, Options{Lang: p})
		textFits(t, "states "+p.Lang(), d)
		legend := ""
		for _, s := range d.shapes {
			if s.class == "legend" && s.k == kText {
				legend += s.text + "|"
			}
		}
		if want := p.T(msg.DiagramPath, msg.Args{"Side": "A"}); !strings.Contains(legend, want) || !strings.Contains(legend, p.Event(fsm.EvGiveUp)) {
			t.Errorf("%s legend lacks %q or the give-up event: %s", p.Lang(), want, legend)
		}
	}
}

// textFits: no text of d runs past its edges, even in a font 12% wider
// than Go's.
func textFits(t *testing.T, what string, d *drawing) {
	t.Helper()
	for _, s := range d.shapes {
		if s.k != kText {
			continue
		}
		w := 1.12 * measure(s.text, s.size, s.style)
		left := s.x
		switch s.anchor {
		case aMiddle:
			left -= w / 2
		case aEnd:
			left -= w
		}
		if left < 0 || left+w > d.w {
			t.Errorf("%s: %q spans %.0f..%.0f of %.0f", what, s.text, left, left+w, d.w)
		}
	}
}

func TestBarsErrorsAndInk(t *testing.T) {
	c := sampleBars()
	c.Counts[1] = c.Counts[1][:2]
	if err := WriteBars(&bytes.Buffer{}, SVG, c, Options{}); err == nil {
		t.Error("a row short of counts drew")
	}
	if err := WriteBars(&bytes.Buffer{}, Mermaid, sampleBars(), Options{}); err == nil {
		t.Error("a chart drew as Mermaid")
	}
	// the share written on each colour is the more legible of black and white
	for i, want := range []uint32{0xffffff, 0x000000, 0x000000, 0x000000, 0x000000, 0x000000, 0x000000, 0x000000} {
		if got := inkOn(BarColour(i)); got != rgb(want) {
			t.Errorf("colour %d: ink %v", i, got)
		}
	}
}
