package ui

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/tcpsim/tcpsim/explore"
	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// lostFinalAck: normal-close with A's last ACK (sent in TIME-WAIT) lost,
// as the bundled lost-final-ack scenario.
func lostFinalAck() *sim.Config {
	c := normalClose()
	c.MSL = 2 * time.Second
	c.Timeline[3].At = time.Second // A closes at 1 s, as the bundled file does
	c.Faults = []sim.Fault{{Kind: sim.FaultDrop, From: trace.A, Flags: fsm.ACK, State: fsm.TimeWait, HasState: true, Nth: 1}}
	return c
}

func lostFinalAckModel(t testing.TB, w, h int) *Model {
	return newTest(t, "lost-final-ack", lostFinalAck(), w, h)
}

// pressRun sends a key and runs the command it returns, if any, feeding
// its message back: the exploration happens before pressRun returns.
func pressRun(m *Model, k string) {
	_, cmd := m.Update(keyMsg(k))
	if cmd != nil {
		if msg := cmd(); msg != nil {
			m.Update(msg)
		}
	}
}

// exploredModel is the lab on lost-final-ack with its explore view open
// on the result of K=1.
func exploredModel(t testing.TB, w, h int) *Model {
	m := lostFinalAckModel(t, w, h)
	pressRun(m, "E")
	if m.modal != modalExplore || m.xv.stage != exploreSetup {
		t.Fatalf("E: modal %d stage %d, want the explore setup", m.modal, m.xv.stage)
	}
	pressRun(m, "enter")
	if m.xv.stage != exploreResult {
		t.Fatalf("enter: stage %d, want the result", m.xv.stage)
	}
	return m
}

// The view lists the report's classes, numbered as tcpsim explore numbers
// them, with their counts and the smallest example of the chosen one.
func TestExploreListsClasses(t *testing.T) {
	m := exploredModel(t, 120, 40)
	rep := explore.Explore(context.Background(), m.cfg, explore.Options{Drops: 1, Workers: 1})
	classes, viols := rep.Numbered()
	if len(classes) < 2 || len(viols) != 0 {
		t.Fatalf("lost-final-ack --drops 1: %d classes, %d violations", len(classes), len(viols))
	}
	out := plain(m)
	if !strings.Contains(out, fmt.Sprintf("%d runs · outcome classes: %d · invariants broken: 0", rep.Runs, len(classes))) {
		t.Errorf("no summary of %d runs in:\n%s", rep.Runs, out)
	}
	for i, c := range classes {
		want := fmt.Sprintf("[%d] %d runs: A %s, B %s", i+1, c.Runs, c.Outcome.Final[0], c.Outcome.Final[1])
		if c.Runs == 1 {
			want = strings.Replace(want, "runs", "run", 1)
		}
		if !strings.Contains(out, want) {
			t.Errorf("class %q not listed in:\n%s", want, out)
		}
	}
	// A lost SYN makes A give up the connect: B is left listening.
	press(m, "down")
	out = plain(m)
	if !strings.Contains(out, "[2] 2 runs: A CLOSED, B LISTEN") || !strings.Contains(out, "lose #1 at 0.000s: A→B SYN") {
		t.Errorf("class 2 and its example (the lost SYN) not shown:\n%s", out)
	}
	press(m, "v")
	if out = plain(m); !strings.Contains(out, "fsm rows fired") || !strings.Contains(out, "A reached CLOSED SYN-SENT") {
		t.Errorf("v shows no coverage:\n%s", out)
	}
}

// enter opens the chosen example as a fork, the present on its lost
// segment, which the ladder shows lost; u goes back; E on the fork shows
// the same result again.
func TestExploreOpensExample(t *testing.T) {
	m := exploredModel(t, 120, 40)
	orig := m.cfg
	press(m, "down", "enter")
	if m.modal != modalNone || len(m.undo) != 1 || m.branch == "" {
		t.Fatalf("enter: modal %d, %d saved, branch %q", m.modal, len(m.undo), m.branch)
	}
	if m.cur < 0 || m.tl.ev[m.cur].Kind != trace.KDrop {
		t.Fatalf("the present is event %d, want the drop of the example's segment", m.cur)
	}
	if m.sel < 0 || !m.tl.arrows[m.sel].lost || m.tl.ev[m.tl.arrows[m.sel].send].Seg.Flags != fsm.SYN {
		t.Fatal("the selected arrow is not the lost SYN")
	}
	if !strings.Contains(plain(m), "Example [2]: lost segments marked") {
		t.Errorf("no message:\n%s", plain(m))
	}
	press(m, "E")
	if m.modal != modalExplore || m.xv.stage != exploreResult {
		t.Fatal("E on the example's fork does not show the result again")
	}
	press(m, "esc", "u")
	if m.cfg != orig || m.branch != "" {
		t.Fatal("u does not go back to the scenario's timeline")
	}
}

// A result that comes back after esc stopped it, or from an older
// exploration, is dropped.
func TestExploreStaleResult(t *testing.T) {
	m := lostFinalAckModel(t, 120, 40)
	press(m, "E")
	_, cmd := m.Update(keyMsg("enter"))
	press(m, "esc")
	m.Update(cmd())
	if m.xv.stage != exploreSetup || m.xv.rep != nil {
		t.Fatalf("a stopped exploration's result was taken: stage %d", m.xv.stage)
	}
}

// K stays within 1..3; c toggles the crash, which the report then has.
func TestExploreSetupKeys(t *testing.T) {
	m := lostFinalAckModel(t, 120, 40)
	press(m, "E", "left", "left")
	if m.xv.drops != 1 {
		t.Fatalf("K=%d after ← ←", m.xv.drops)
	}
	press(m, "right", "right", "right", "right", "c")
	if m.xv.drops != 3 || !m.xv.crash {
		t.Fatalf("K=%d crash %v", m.xv.drops, m.xv.crash)
	}
	press(m, "1")
	pressRun(m, "enter")
	if !m.xv.rep.Opt.Crash || m.xv.rep.Crashed == 0 {
		t.Fatal("the exploration did not crash either end")
	}
}

// A recording cannot be explored: E says so and opens nothing.
func TestExploreRefusedOnRecording(t *testing.T) {
	m := lostFinalAckModel(t, 120, 40)
	m.run = recorded("capture", "capture", m.tl.tr)
	press(m, "E")
	if m.modal != modalNone || m.msg == "" {
		t.Fatalf("E on a recording: modal %d, message %q", m.modal, m.msg)
	}
}

func TestExploreGolden(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {120, 40}} {
		for _, tc := range []string{"en", "zh", "en-coverage", "zh-coverage"} {
			t.Run(fmt.Sprintf("%dx%d/%s", sz[0], sz[1], tc), func(t *testing.T) {
				m := exploredModel(t, sz[0], sz[1])
				if strings.HasPrefix(tc, "zh") {
					press(m, "T")
				}
				press(m, "down")
				if strings.HasSuffix(tc, "coverage") {
					press(m, "v")
				}
				out := m.render()
				checkFrame(t, out, sz[0], sz[1])
				golden.RequireEqual(t, ansi.Strip(out))
			})
		}
	}
}

// Through a real program: E, enter, wait for the classes, open one.
func TestE2EExplore(t *testing.T) {
	tm := startProgram(t, "lost-final-ack", lostFinalAck(), 120, 40)
	send(tm, "E", "enter")
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("outcome classes")) },
		teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	send(tm, "down", "enter")
	tm.Send(tea.KeyPressMsg{Code: 'q', Text: "q"})
	m := finalModel(t, tm)
	if len(m.undo) != 1 || m.branch == "" || m.modal != modalNone {
		t.Fatalf("no example opened: %d saved, branch %q", len(m.undo), m.branch)
	}
}

// The coverage diagram lights the arcs some run took in the colour of the
// side that took it: on lost-final-ack only A goes TIME-WAIT → CLOSED,
// only B LAST-ACK → CLOSED, and no run goes through CLOSING.
func TestExploreCoverageDiagram(t *testing.T) {
	m := exploredModel(t, 120, 40)
	c := newCanvas(diagMinW, 30)
	if !drawCoverDiagram(c.full(), m.xv.rep, m.p) {
		t.Fatal("the diagram does not fit 48×30")
	}
	l := layoutFor(diagMinW, m.p)
	arcPen := func(from, to fsm.State) pen {
		fi := nodeIndex(l.nodes, from, false)
		ti := nodeIndex(l.nodes, to, to == fsm.Closed && toBottom(from))
		ei, ok := l.bypair[[2]int{fi, ti}]
		if !ok {
			t.Fatalf("no arc %s → %s in the layout", from, to)
		}
		pt := l.edges[ei].path[len(l.edges[ei].path)/2]
		return c.full().get(pt.x, pt.y).p
	}
	if p := arcPen(fsm.TimeWait, fsm.Closed); p != pEdgeHiA {
		t.Errorf("TIME-WAIT → CLOSED has pen %d, want A's", p)
	}
	if p := arcPen(fsm.LastAck, fsm.Closed); p != pEdgeHiB {
		t.Errorf("LAST-ACK → CLOSED has pen %d, want B's", p)
	}
	if p := arcPen(fsm.Closing, fsm.TimeWait); p != pFaint {
		t.Errorf("CLOSING → TIME-WAIT has pen %d, want unlit", p)
	}
}
