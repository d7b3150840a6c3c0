package ui

import (
	"encoding/binary"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/tcpsim/tcpsim/internal/capcmp"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/scenarios"
)

// The reference capture of linux-normal (sim/pcap's test holds the
// linux profile against it): taken at A, it agrees with the model.
const refNormal = "../sim/testdata/linux/a_normal.pcap"

func readRef(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// delayFrom moves every packet from the nth (1-based) d later: the
// kernel's delayed ACK of A's FIN (the 9th) then comes late.
func delayFrom(t testing.TB, data []byte, nth int, d time.Duration) []byte {
	t.Helper()
	out := slices.Clone(data)
	unit := time.Microsecond
	switch binary.LittleEndian.Uint32(out) {
	case 0xa1b2c3d4:
	case 0xa1b23c4d:
		unit = time.Nanosecond
	default:
		t.Fatal("not a little-endian pcap")
	}
	for off, i := 24, 1; off+16 <= len(out); i++ {
		incl := int(binary.LittleEndian.Uint32(out[off+8:]))
		if i >= nth {
			sec, frac := binary.LittleEndian.Uint32(out[off:]), binary.LittleEndian.Uint32(out[off+4:])
			t0 := time.Duration(sec)*time.Second + time.Duration(frac)*unit + d
			binary.LittleEndian.PutUint32(out[off:], uint32(t0/time.Second))
			binary.LittleEndian.PutUint32(out[off+4:], uint32(t0%time.Second/unit))
		}
		off += 16 + incl
	}
	return out
}

func slack(time.Duration) time.Duration { return 12 * time.Millisecond }

func newCompareTest(t testing.TB, scenario string, kernelPcap []byte, lang string, w, h int) *compareModel {
	t.Helper()
	sc, err := scenarios.Lookup(scenario)
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewComparison(sc.Name, sc.Title, kernelPcap, sc.Config, nil, slack)
	if err != nil {
		t.Fatal(err)
	}
	m := newCompareModel(c, Options{Lang: lang}, modelOptions{mono: true, dark: true})
	m.Update(resize(w, h))
	return m
}

func (m *compareModel) plain() string { return ansi.Strip(m.render()) }

func (m *compareModel) press(keys ...string) {
	for _, k := range keys {
		m.Update(keyMsg(k))
	}
}

// TestCompareGolden renders the comparison of a capture whose delayed ACK
// came late, at the difference, in English and Chinese at three sizes.
func TestCompareGolden(t *testing.T) {
	late := delayFrom(t, readRef(t, refNormal), 9, 100*time.Millisecond)
	for _, lang := range []string{"en", "zh"} {
		for _, sz := range sizes {
			t.Run(fmt.Sprintf("%s/%dx%d", lang, sz[0], sz[1]), func(t *testing.T) {
				m := newCompareTest(t, "linux-normal", late, lang, sz[0], sz[1])
				m.press("n")
				out := m.render()
				checkFrame(t, out, sz[0], sz[1])
				golden.RequireEqual(t, ansi.Strip(out))
			})
		}
	}
}

// TestCompareAgrees: the reference capture agrees with the model; no row
// is marked, every row explains itself as the same.
func TestCompareAgrees(t *testing.T) {
	m := newCompareTest(t, "linux-normal", readRef(t, refNormal), "en", 120, 40)
	if !m.c.Result.Agree() || len(m.rows) != 11 {
		t.Fatalf("the reference capture: agree %v, %d rows", m.c.Result.Agree(), len(m.rows))
	}
	for r := range m.rows {
		m.cur = r
		out := m.plain()
		why := m.explain(r)
		same := strings.Contains(why, "The same segment on both sides") || r == 0 && strings.Contains(why, "the same on both sides")
		if strings.Contains(out, "│!") || !same || !strings.Contains(out, why[:40]) {
			t.Fatalf("row %d marked or not explained as the same:\n%s", r+1, out)
		}
		if r == 3 && !strings.Contains(why, "200ms after the one before in the kernel's capture and 200ms in the model's: within the 32ms allowed") ||
			r == 2 && !strings.Contains(why, "11µs after the one before: gaps under a millisecond") {
			t.Errorf("row %d: %q", r+1, why)
		}
		for i := range 2 {
			if m.arrow(i, r) < 0 {
				t.Fatalf("row %d: pane %d has no arrow", r+1, i)
			}
		}
	}
}

// TestCompareMarksALateSegment: a delayed ACK 100 ms late is a gap
// difference, marked in both ladders and explained with both gaps.
func TestCompareMarksALateSegment(t *testing.T) {
	m := newCompareTest(t, "linux-normal", delayFrom(t, readRef(t, refNormal), 9, 100*time.Millisecond), "en", 120, 40)
	d, ok := m.diffs[8]
	if !ok || d.Kind() != capcmp.Gap || len(m.diffs) != 1 {
		t.Fatalf("differences %v, want one gap at segment 9", m.c.Result.Diffs)
	}
	m.press("n")
	out := m.plain()
	if m.cur != 8 || strings.Count(out, "│!>") != 2 {
		t.Fatalf("n did not go to segment 9 marked in both ladders (cursor %d):\n%s", m.cur+1, out)
	}
	for _, want := range []string{"disagree: 1 difference", "differences at segments 9", "it comes 142ms after", "40ms. At most 26ms apart"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
}

// TestCompareMarksADifferentSegment: a refused connection's capture
// against linux-normal: RST,ACK where the model sent SYN,ACK (flags),
// then segments only the model sent.
func TestCompareMarksADifferentSegment(t *testing.T) {
	m := newCompareTest(t, "linux-normal", readRef(t, "../sim/testdata/linux/g_refused.pcap"), "en", 80, 24)
	if d := m.diffs[1]; d.Kind() != capcmp.Segment || m.diffs[2].Kind() != capcmp.Extra {
		t.Fatalf("differences %v", m.c.Result.Diffs)
	}
	m.press("n")
	out := m.plain()
	for _, want := range []string{"differences at segments 2–11", "they differ in: flags.", "kernel (the capture at A) · tab: the other"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	m.press("tab", "n")
	out = m.plain()
	if !strings.Contains(out, "model (linux profile) · tab") || !strings.Contains(out, "The model sent this segment and the kernel did not") ||
		!strings.Contains(out, "(no segment here)") {
		t.Fatalf("the model's pane at segment 3:\n%s", out)
	}
}

// TestCompareNoLineTooWide sweeps sizes and rows.
func TestCompareNoLineTooWide(t *testing.T) {
	m := newCompareTest(t, "linux-normal", readRef(t, "../sim/testdata/linux/g_refused.pcap"), "zh", 80, 24)
	for w := 20; w <= 220; w += 25 {
		for h := 6; h <= 70; h += 16 {
			for _, r := range []int{0, 1, 5, len(m.rows) - 1} {
				m.w, m.h, m.cur = w, h, r
				checkFrame(t, m.render(), w, h)
			}
		}
	}
}

// TestCompareE2E drives a real Bubble Tea program: n finds the
// difference, tab shows the model's ladder, q quits.
func TestCompareE2E(t *testing.T) {
	m := newCompareTest(t, "linux-normal", delayFrom(t, readRef(t, refNormal), 9, 100*time.Millisecond), "en", 80, 24)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	send(tm, "n", "tab", "right", "N", "q")
	fm, ok := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*compareModel)
	if !ok || fm.cur != 8 || fm.show != 1 {
		t.Fatalf("final model: %+v", fm)
	}
}

// TestCompareClick: a click on an arrow selects its segment, in either
// ladder.
func TestCompareClick(t *testing.T) {
	m := newCompareTest(t, "linux-normal", readRef(t, refNormal), "en", 120, 40)
	for _, c := range []struct {
		label string
		right bool // in the model's ladder
		row   int
	}{{"SYN seq=0", false, 0}, {"SYN,ACK", true, 1}, {"FIN,ACK seq=6", false, 7}} {
		m.cur = c.row + 1 // the arrow on screen, the cursor elsewhere
		x, y := -1, -1
		for i, line := range strings.Split(m.plain(), "\n") {
			half := line
			if c.right {
				half = ansi.Cut(line, 60, 120)
			} else {
				half = ansi.Cut(line, 0, 60)
			}
			if k := strings.Index(half, c.label); k >= 0 {
				x, y = textWidth(half[:k]), i
				if c.right {
					x += 60
				}
				break
			}
		}
		if y < 0 {
			t.Fatalf("%q not on screen:\n%s", c.label, m.plain())
		}
		m.Update(tea.MouseClickMsg{X: x + 1, Y: y, Button: tea.MouseLeft})
		if m.cur != c.row {
			t.Errorf("a click on %q at %d,%d selected segment %d, want %d", c.label, x+1, y, m.cur+1, c.row+1)
		}
	}
}

// TestCompareTitleNeverCut: a long scenario name at 80 columns keeps its
// name and the verdict whole.
func TestCompareTitleNeverCut(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		m := newCompareTest(t, "linux-keepalive-dead-peer", readRef(t, "../sim/testdata/linux/p_keepalive_dead_peer.pcap"), lang, 80, 24)
		first := strings.Split(m.plain(), "\n")[0]
		if !m.c.Result.Agree() || !strings.Contains(first, "linux-keepalive-dead-peer") || strings.Contains(first, "…") {
			t.Fatalf("%s: agree %v, title line %q", lang, m.c.Result.Agree(), first)
		}
		m.w = 120
		if first := strings.Split(m.plain(), "\n")[0]; !strings.Contains(first, m.p.T(msg.CompareAgree, msg.Args{"Segments": 11, "Gaps": 6})) {
			t.Fatalf("%s: at 120 columns %q", lang, first)
		}
	}
}

// TestCompareReddensDifferences: a differing segment's line is drawn in
// the colour of a loss in both ladders, once the cursor has left it.
func TestCompareReddensDifferences(t *testing.T) {
	m := newCompareTest(t, "linux-normal", delayFrom(t, readRef(t, refNormal), 9, 100*time.Millisecond), "en", 120, 40)
	m.cur = 9
	c := m.frame()
	found := 0
	for y := range c.h {
		row := c.cells[y*c.w : (y+1)*c.w]
		for _, x0 := range []int{0, c.w / 2} {
			if row[x0+1].r != '!' {
				continue
			}
			for _, cl := range row[x0 : x0+c.w/2] {
				if cl.r == '◀' && cl.p == pLost {
					found++
				}
			}
		}
	}
	if found != 2 {
		t.Fatalf("%d ladders draw segment 9 as a difference, want 2:\n%s", found, m.plain())
	}
}
