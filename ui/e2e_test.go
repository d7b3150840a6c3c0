package ui

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/sim"
)

// End-to-end runs through a real Bubble Tea program. The renderer writes
// only changed cells, so the assertions are on the final model.

func startProgram(t *testing.T, name string, cfg *sim.Config, w, h int) *teatest.TestModel {
	t.Helper()
	m := newModel(scenarioOf(name, cfg), Options{}, modelOptions{dark: true})
	return teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
}

func send(tm *teatest.TestModel, keys ...string) {
	for _, k := range keys {
		tm.Send(keyMsg(k))
	}
}

func finalModel(t *testing.T, tm *teatest.TestModel) *Model {
	t.Helper()
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second))
	m, ok := fm.(*Model)
	if !ok {
		t.Fatalf("final model is %T", fm)
	}
	return m
}

// Step, step back, drop (fork), what-if (fork), undo, quit.
func TestE2EStepDropForkQuit(t *testing.T) {
	tm := startProgram(t, "normal-close", normalClose(), 120, 40)
	// Step to the first segment in flight: listen, LISTEN, connect,
	// SYN-SENT, SYN sent, RTO armed.
	send(tm, "right", "right", "right", "right", "right", "right", "right", "left")
	send(tm, "d")         // drop the SYN in flight
	send(tm, "end", "up") // the last segment before the end
	send(tm, "q")
	m := finalModel(t, tm)
	if m.branch == "" || len(m.undo) != 1 {
		t.Fatalf("no fork: branch %q", m.branch)
	}
	if !m.tl.arrows[0].lost || m.tl.ev[m.tl.arrows[0].send].Seg.Flags != fsm.SYN {
		t.Fatal("the SYN is not lost in the fork")
	}
	if !m.atEnd() {
		t.Fatal("end did not go to the end")
	}
	if m.sel < 0 {
		t.Fatal("↑ selected nothing")
	}
}

func TestE2EWhatIfAndUndo(t *testing.T) {
	tm := startProgram(t, "normal-close", normalClose(), 160, 48)
	send(tm, "end", "up", "up", "x", "right", "right", "u", "q")
	m := finalModel(t, tm)
	if m.branch != "" || len(m.undo) != 0 {
		t.Fatalf("u did not return to the original: %q", m.branch)
	}
	if !m.atEnd() {
		t.Fatal("undo did not restore the present (the end)")
	}
	if m.tl.tr.Final != [2]fsm.State{fsm.Closed, fsm.Closed} {
		t.Fatal("original timeline changed")
	}
}

// Play for a while at full speed, pause, and check the present moved.
func TestE2EPlayPause(t *testing.T) {
	tm := startProgram(t, "lost-syn", lostSYN(), 80, 24)
	send(tm, "+", "+", "+", "+", "space")
	time.Sleep(400 * time.Millisecond)
	send(tm, "space")
	m := finalModelAfterQuit(t, tm)
	if m.playing {
		t.Fatal("space did not pause")
	}
	if m.cur < 0 {
		t.Fatal("playing did not advance the present")
	}
}

func finalModelAfterQuit(t *testing.T, tm *teatest.TestModel) *Model {
	send(tm, "ctrl+c")
	return finalModel(t, tm)
}

// Resize mid-run, through the "too small" screen and back.
func TestE2EResize(t *testing.T) {
	tm := startProgram(t, "lossy-data", lossyData(), 160, 48)
	send(tm, "space")
	for _, sz := range [][2]int{{80, 24}, {30, 8}, {200, 60}, {100, 30}} {
		tm.Send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		time.Sleep(20 * time.Millisecond)
	}
	m := finalModelAfterQuit(t, tm)
	if m.w != 100 || m.h != 30 {
		t.Fatalf("size %dx%d", m.w, m.h)
	}
	checkFrame(t, m.render(), 100, 30)
}

// panicky panics in Update on "!" and in View when told to.
type panicky struct {
	*Model
	inView bool
}

func (p panicky) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "!" {
		panic("boom")
	}
	m, cmd := p.Model.Update(msg)
	return panicky{Model: m.(*Model), inView: p.inView}, cmd
}

func (p panicky) View() tea.View {
	if p.inView && p.cur >= 2 {
		panic("boom in view")
	}
	return p.Model.View()
}

// A panic ends the program with an error and leaves the terminal usable:
// the alternate screen is left, the cursor shown, the mouse released.
func TestPanicRestoresTerminal(t *testing.T) {
	for _, tc := range []struct {
		name   string
		inView bool
		keys   string
	}{{"update", false, "!"}, {"view", true, "llll"}} {
		t.Run(tc.name, func(t *testing.T) {
			quietStderr(t) // Bubble Tea prints the panic and its stack there
			m := newModel(scenarioOf("normal-close", normalClose()), Options{}, modelOptions{dark: true})
			var out bytes.Buffer
			in := strings.NewReader(tc.keys)
			err := drive(panicky{Model: m, inView: tc.inView}, &out,
				tea.WithInput(in), tea.WithOutput(&out), tea.WithoutSignals(), tea.WithWindowSize(100, 30))
			if err == nil || !strings.Contains(err.Error(), "internal error") || !errors.Is(err, tea.ErrProgramPanic) {
				t.Fatalf("error %v", err)
			}
			s := out.String()
			for _, seq := range []string{"\x1b[?1049l", "\x1b[?25h", "\x1b[?1006l"} {
				if !strings.Contains(s, seq) {
					t.Errorf("terminal not restored: %q missing", seq)
				}
			}
			if i, j := strings.LastIndex(s, "\x1b[?1049h"), strings.LastIndex(s, "\x1b[?1049l"); i > j {
				t.Error("still in the alternate screen at the end")
			}
		})
	}
}

func quietStderr(t *testing.T) {
	saved := os.Stderr
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	os.Stderr = null
	t.Cleanup(func() { os.Stderr = saved; null.Close() })
}

// restoreTerminal writes the reset sequence even on its own (the path
// taken by a panic outside Bubble Tea's own recovery).
func TestRestoreTerminal(t *testing.T) {
	var out bytes.Buffer
	restoreTerminal(&out)
	if out.String() != resetSeq {
		t.Fatalf("%q", out.String())
	}
	restoreTerminal(nil)
	// And run's own recover turns a panic that Bubble Tea does not catch
	// into an error, after resetting the terminal.
	out.Reset()
	err := drive(exploding{}, &out, tea.WithInput(strings.NewReader("")), tea.WithOutput(io.Discard),
		tea.WithoutSignals(), tea.WithoutCatchPanics(), tea.WithWindowSize(80, 24))
	if err == nil || !strings.Contains(err.Error(), "internal error") {
		t.Fatalf("error %v", err)
	}
	if !strings.Contains(out.String(), resetSeq) {
		t.Fatal("terminal not reset")
	}
}

// exploding panics in Init; with tea's own catcher off, only run's
// recover stands between it and a wrecked terminal.
type exploding struct{}

func (exploding) Init() tea.Cmd                       { panic("init") }
func (exploding) Update(tea.Msg) (tea.Model, tea.Cmd) { return exploding{}, nil }
func (exploding) View() tea.View                      { return tea.NewView("") }
