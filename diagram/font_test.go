package diagram

import (
	"bytes"
	"image/png"
	"os"
	"strings"
	"testing"

	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
)

// cjkFont finds a font with Chinese glyphs: $TCPSIM_FONT, or a Debian one.
// .ci/run installs fonts-droid-fallback, so under CI=true a miss fails.
func cjkFont(t *testing.T, env string) string {
	t.Helper()
	for _, p := range []string{env,
		"/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
		"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no CJK font: .ci/run installs fonts-droid-fallback")
	}
	t.Skip("no CJK font found ($" + FontEnv + ", fonts-droid-fallback or fonts-noto-cjk): Chinese PNG text not checked")
	return ""
}

// Chinese text: the SVG keeps it as text with CJK fonts in the list; the
// PNG needs a fallback font, says so clearly without one, and draws the
// glyphs with one.
func TestChineseText(t *testing.T) {
	env := os.Getenv(FontEnv)
	r := bundledRun(t, "lost-final-ack")
	r.Title = "最后的确认报文丢失"
	r.Caption = ""
	svg := string(render(t, SVG, r, Options{}, false))
	if !strings.Contains(svg, "最后的确认报文丢失") || !strings.Contains(svg, "Noto Sans CJK SC") {
		t.Error("the SVG lost the Chinese title or the CJK font list")
	}
	t.Setenv(FontEnv, "")
	var b bytes.Buffer
	if err := Write(&b, PNG, r, Options{}, false); err == nil || !strings.Contains(err.Error(), FontEnv) {
		t.Fatalf("PNG with Chinese and no fallback font: %v", err)
	}
	font := cjkFont(t, env)
	b.Reset()
	if err := Write(&b, PNG, r, Options{Font: font, Scale: 1}, false); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&b)
	if err != nil {
		t.Fatal(err)
	}
	// The title is 9 em of 16 px centred on the first baseline (y 32).
	d := Ladder(r, Options{})
	w := measure(r.Title, 16, fBold)
	if w < 9*16 {
		t.Fatalf("a Chinese title measures %.0f px, want one em a character", w)
	}
	ink := 0
	for y := 16; y < 36; y++ {
		for x := int(d.w/2 - w/2); x < int(d.w/2+w/2); x++ {
			if r, _, _, _ := img.At(x, y).RGBA(); r>>8 < 128 {
				ink++
			}
		}
	}
	if ink < 300 {
		t.Errorf("only %d dark pixels where the Chinese title should be", ink)
	}
}

// Every bundled scenario renders in Chinese too: its zh title and caption,
// notes from the zh catalogue, to SVG (XML with Chinese text), PNG (with a
// CJK font) and Mermaid (the same grammar).
func TestEveryScenarioRendersInChinese(t *testing.T) {
	font := cjkFont(t, os.Getenv(FontEnv))
	p, err := msg.New("zh")
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range scenarios.Bundled() {
		r := FromTraceIn(sim.Run(sc.Config), sc.TitleIn("zh"), sc.DescriptionIn("zh"), p)
		svg := render(t, SVG, r, Options{}, false)
		checkXML(t, sc.Name, svg)
		if !strings.Contains(string(svg), sc.TitleIn("zh")) {
			t.Errorf("%s: the SVG has no Chinese title", sc.Name)
		}
		checkXML(t, sc.Name+" states", render(t, SVG, r, Options{}, true))
		img, err := png.Decode(bytes.NewReader(render(t, PNG, r, Options{Font: font, Scale: 0.5}, false)))
		if err != nil {
			t.Fatalf("%s: png: %v", sc.Name, err)
		}
		if img.Bounds().Dx() < 200 || img.Bounds().Dy() < 150 {
			t.Errorf("%s: png only %v", sc.Name, img.Bounds())
		}
		checkMermaid(t, sc.Name, string(render(t, Mermaid, r, Options{}, false)))
	}
}
