package diagram

import (
	"bytes"
	"encoding/xml"
	"image/png"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
)

// Every bundled scenario renders to SVG (well-formed XML), PNG (decodable,
// the SVG's size times the scale) and Mermaid (every line a statement the
// sequenceDiagram grammar knows), in both themes, ladder and states.
func TestEveryScenarioRenders(t *testing.T) {
	for _, sc := range scenarios.Bundled() {
		r := bundledRun(t, sc.Name)
		for _, th := range []Theme{Light, Dark} {
			for _, states := range []bool{false, true} {
				o := Options{Theme: th, Scale: 0.5} // small: the race detector slows pixel loops
				svg := render(t, SVG, r, o, states)
				checkXML(t, sc.Name, svg)
				if (th.Name == "dark" || states) && sc.Name != "lost-final-ack" {
					continue // the same rasterizer draws them all; keep the test quick
				}
				img, err := png.Decode(bytes.NewReader(render(t, PNG, r, o, states)))
				if err != nil {
					t.Fatalf("%s: png: %v", sc.Name, err)
				}
				if img.Bounds().Dx() < 200 || img.Bounds().Dy() < 150 {
					t.Errorf("%s: png only %v", sc.Name, img.Bounds())
				}
			}
		}
		checkMermaid(t, sc.Name, string(render(t, Mermaid, r, Options{}, false)))
	}
}

func checkXML(t *testing.T, name string, b []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	texts := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: svg is not XML: %v", name, err)
		}
		if s, ok := tok.(xml.StartElement); ok && s.Name.Local == "text" {
			texts++
		}
	}
	if texts < 10 {
		t.Errorf("%s: only %d text elements", name, texts)
	}
}

// The statements tcpsim writes, per the Mermaid sequenceDiagram syntax.
// Text may hold entity codes (#58;) but no bare '#', ';' or ':'.
var mmdGrammar = regexp.MustCompile(strings.ReplaceAll(`^(%%.*|sequenceDiagram|    title T|    participant [AB] as T|    Note (left of A|right of B|over A,B): T|    [AB](->>|-x|-->>)[AB]: T)$`, "T", `([^;#:\n]|#[0-9]+;)+`))

func checkMermaid(t *testing.T, name, s string) {
	t.Helper()
	msgs := 0
	for i, line := range strings.Split(strings.TrimSuffix(s, "\n"), "\n") {
		if !mmdGrammar.MatchString(line) {
			t.Errorf("%s: mermaid line %d not in the grammar: %q", name, i+1, line)
		}
		if strings.Contains(line, ">>") || strings.Contains(line, "-x") {
			msgs++
		}
		if strings.ContainsAny(strings.SplitN(line, ": ", 2)[len(strings.SplitN(line, ": ", 2))-1], "<>") {
			t.Errorf("%s: raw angle bracket would be read as HTML: %q", name, line)
		}
	}
	if msgs == 0 {
		t.Errorf("%s: no messages", name)
	}
}

// Same run, same bytes.
func TestDeterministic(t *testing.T) {
	for _, f := range []Format{SVG, PNG, Mermaid} {
		a := render(t, f, bundledRun(t, "data-with-loss"), Options{Scale: 0.5}, false)
		b := render(t, f, bundledRun(t, "data-with-loss"), Options{Scale: 0.5}, false)
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two renderings of one run", f)
		}
	}
}

// No two texts of a ladder or state diagram overlap, in any bundled scenario.
func TestNothingOverlaps(t *testing.T) {
	zh, err := msg.New("zh")
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range scenarios.Bundled() {
		r := bundledRun(t, sc.Name)
		rz := FromTraceIn(sim.Run(sc.Config), sc.TitleIn("zh"), sc.DescriptionIn("zh"), zh)
		for _, d := range []*drawing{Ladder(r, Options{}), StateDiagram(r, Options{}), Ladder(rz, Options{}), StateDiagram(rz, Options{})} {
			var boxes []box
			var texts []string
			for _, s := range d.shapes {
				if s.k != kText {
					continue
				}
				b := textBox(s.x, s.y, s.text, s.size, s.style, s.anchor)
				b = box{b.x0 + 0.5, b.y0 + 0.5, b.x1 - 0.5, b.y1 - 0.5}
				for j, o := range boxes {
					if b.hits(o) {
						t.Errorf("%s %q: %q overlaps %q", sc.Name, d.title, s.text, texts[j])
					}
				}
				if b.x0 < 0 || b.x1 > d.w || b.y1 > d.h {
					t.Errorf("%s: %q leaves the %gx%g picture", sc.Name, s.text, d.w, d.h)
				}
				boxes, texts = append(boxes, b), append(texts, s.text)
			}
		}
	}
}

// A window by event number (as the lab counts) or by time keeps what
// happens in it, and the states at its start.
func TestWindow(t *testing.T) {
	r := bundledRun(t, "lost-final-ack")
	from, _ := ParseBound("1s")
	to, _ := ParseBound("2.2s")
	w, err := r.Window(from, to)
	if err != nil {
		t.Fatal(err)
	}
	if w.Arrows[0].Seg.Flags != "FIN,ACK" || w.Initial[0] != "ESTABLISHED" || w.Initial[1] != "ESTABLISHED" {
		t.Errorf("window 1s..2.2s starts with %s, states %v", w.Arrows[0].Seg.Flags, w.Initial)
	}
	for _, a := range w.Arrows {
		if a.Send < time.Second || a.Send > 2200*time.Millisecond {
			t.Errorf("arrow sent at %s in the window 1s..2.2s", a.Send)
		}
	}
	first, _ := ParseBound("1")
	five, _ := ParseBound("5")
	w, err = r.Window(first, five)
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Arrows) != 1 || w.Arrows[0].Index != 4 || w.Arrows[0].Seg.Flags != "SYN" {
		t.Errorf("events 1..5 should hold only the SYN (event 5): %+v", w.Arrows)
	}
	for _, bad := range []string{"0", "-3", "soon", "-1s"} {
		if _, err := ParseBound(bad); err == nil {
			t.Errorf("ParseBound(%q) accepted", bad)
		}
	}
	late, _ := ParseBound("1h")
	if _, err := r.Window(late, Bound{}); err == nil || !strings.Contains(err.Error(), "the end") {
		t.Errorf("an empty window: %v", err)
	}
}
