package ui

import (
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/trace"
)

// sweepSizes samples terminal sizes from the smallest the lab draws
// (60×16) to 240×70: the edges of the compact and full layouts and the
// sizes people use.
var sweepSizes = [][2]int{
	{60, 16}, {66, 20}, {80, 24}, {100, 30}, {109, 31}, {110, 32},
	{120, 40}, {160, 44}, {200, 60}, {240, 70},
}

// keyMoments are the events a scenario exists to show: every state
// change and every timer event written on a lifeline.
func keyMoments(tl *timeline) []int {
	var out []int
	for k := range tl.ev {
		ev := &tl.ev[k]
		if ev.Kind == trace.KState || ev.Kind == trace.KTimer && (noteTimer(ev) || tl.restarts[int32(k)]) {
			out = append(out, k)
		}
	}
	return out
}

// TestKeyMomentsNeverCut sweeps sizes over every bundled scenario's key
// moments, in English and Chinese: the label of every state change and
// timer event must be whole beside its lifeline, the states in the
// ladder's head whole, and no line wider than the terminal.
func TestKeyMomentsNeverCut(t *testing.T) {
	zh, err := msg.New("zh")
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range scenarios.Bundled() {
		for _, p := range []*msg.Printer{msg.English(), zh} {
			m := newModel(sc, Options{}, modelOptions{dark: true})
			m.setLang(p.Lang()) // the whole lab, header included
			moments := keyMoments(m.tl)
			if len(moments) == 0 {
				t.Errorf("%s: no key moments", sc.Name)
			}
			for i, k := range moments {
				m.seek(k, 0)
				for j, sz := range sweepSizes {
					m.w, m.h = sz[0], sz[1]
					where := sc.Name + " " + p.Lang() + " " + sizeName(sz)
					c, g := ladderCanvas(m)
					checkNote(t, m, k, c, g, where)
					checkLadderHead(t, m, c, where)
					// The whole frame at every other size, turn about:
					// each moment and each size is still seen, at half
					// the cost.
					if (i+j)%2 == 0 {
						fr := m.frame()
						checkFrame(t, fr.String(m.th), sz[0], sz[1])
						checkHeaderFields(t, m, fr.Plain(), where)
					}
				}
			}
			checkForkHeader(t, m, sc.Name+" "+p.Lang())
		}
	}
}

// checkForkHeader forks the run (d, at its first segment in flight) and
// checks the header at every swept size: the fork mark joins the other
// required fields.
func checkForkHeader(t *testing.T, m *Model, where string) {
	t.Helper()
	m.seek(0, 0)
	for guard := 0; guard < 40 && m.branch == ""; guard++ {
		press(m, "right", "d")
	}
	if m.branch == "" {
		t.Errorf("%s: d never forked the run, so the fork mark went unchecked", where)
		return
	}
	for _, sz := range sweepSizes {
		m.w, m.h = sz[0], sz[1]
		// The header alone, as the frame draws it: the rest of each
		// frame is checked at the key moments above.
		checkHeaderFields(t, m, ansi.Strip(m.headerView().Render(sz[0], 1)), where+" fork "+sizeName(sz))
	}
}

func sizeName(sz [2]int) string {
	return strings.Join([]string{strconv.Itoa(sz[0]), strconv.Itoa(sz[1])}, "×")
}

// ladderCanvas renders the ladder alone, as the frame lays it out.
func ladderCanvas(m *Model) (*canvas, ladderGeom) {
	r := computeLayout(m.w, m.h).ladder.inner()
	lv := m.ladderView()
	c := newCanvas(r.w, r.h)
	lv.draw(c.full())
	return c, lv.geom(r.w, r.h)
}

// checkNote finds event k's note beside its lifeline and compares it,
// spaces aside, with the whole text: cut or missing, it differs.
func checkNote(t *testing.T, m *Model, k int, c *canvas, g ladderGeom, where string) {
	t.Helper()
	text, _, ok := m.tl.note(k)
	if !ok {
		t.Fatalf("%s: event %d has no note", where, k)
	}
	side := m.tl.ev[k].Side
	x0, x1 := g.xa-1-g.noteW, g.xa-1
	if side == trace.B {
		x0, x1 = g.xb+2, c.w-1
	}
	y := int(m.tl.evRow[k]) - g.top + g.bodyY
	var got strings.Builder
	for i := 0; i < int(m.tl.noteRows(k)); i++ {
		if y+i < g.bodyY || y+i >= c.h {
			t.Errorf("%s: %q (event %d) is off the ladder (row %d of %d)", where, text, k, y+i, c.h)
			return
		}
		for x := x0; x < x1; x++ {
			if r := c.cells[(y+i)*c.w+x].r; r != 0 {
				got.WriteRune(r)
			}
		}
	}
	squash := func(s string) string { return strings.ReplaceAll(s, " ", "") }
	if squash(got.String()) != squash(text) {
		t.Errorf("%s: note of event %d reads %q beside the lifeline, want %q", where, k, strings.TrimSpace(got.String()), text)
	}
	if c.cells[y*c.w+c.w-1].r != ' ' {
		t.Errorf("%s: note of event %d touches the panel's border", where, k)
	}
}

// checkLadderHead: both states above the lifelines, whole.
func checkLadderHead(t *testing.T, m *Model, c *canvas, where string) {
	t.Helper()
	row := strings.Split(c.Plain(), "\n")[1]
	for s := trace.A; s <= trace.B; s++ {
		st := m.tl.stateOf(m.cur, s).String()
		if !strings.Contains(row, " "+st+" ") && !strings.HasSuffix(row, " "+st) {
			t.Errorf("%s: the ladder's head %q lacks %s's state %s", where, row, s.Upper(), st)
		}
	}
}

// checkHeaderFields is the hook for the header's required fields (the
// scenario, profile, time, event and whether this is a what-if
// timeline): the header's owner asserts them here, on the frame every
// key moment of the sweep renders.
func checkHeaderFields(t *testing.T, m *Model, frame, where string) {
	t.Helper()
	line, _, _ := strings.Cut(frame, "\n")
	wants := []string{m.profileName(), clock(m.now), m.t(msg.LabEvent, msg.Args{"N": m.cur + 1, "Total": len(m.tl.ev)})}
	if m.branch != "" {
		wants = append(wants, "⑂")
	}
	for _, want := range wants {
		if !strings.Contains(line, want) {
			t.Errorf("%s: header lacks %q: %q", where, want, line)
		}
	}
	name := strings.TrimSuffix(truncate(m.run.name, 4), "…")
	if !strings.Contains(line, name) && !strings.Contains(line, strings.TrimSuffix(truncate(m.title(), 4), "…")) {
		t.Errorf("%s: header names no scenario: %q", where, line)
	}
}
