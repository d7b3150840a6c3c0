package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// The slow reader's window is zero from 250 ms to 2.15 s: S, B, read()
// at 1 s reads everything at 1 s and a window update leaves B at once.
func TestE2ESocketReadNow(t *testing.T) {
	sc, err := scenarios.Lookup("slow-reader-zero-window")
	if err != nil {
		t.Fatal(err)
	}
	m := newModel(sc, Options{}, modelOptions{dark: true})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 40))
	send(tm, ":", "1", "s", "enter") // jump to 1 s
	send(tm, "S", "tab", "enter")    // B: read() now
	send(tm, "q")
	m = finalModel(t, tm)
	if m.now != time.Second || len(m.undo) != 1 || m.branch == "" {
		t.Fatalf("now %v, %d forks, branch %q", m.now, len(m.undo), m.branch)
	}
	read := -1
	for k, ev := range m.tl.ev {
		if ev.Kind == trace.KUser && ev.Side == trace.B && ev.Op == trace.OpRead && ev.N == 0 {
			read = k
			break
		}
	}
	if read < 0 || m.tl.ev[read].T != time.Second {
		t.Fatalf("no read() at 1s in the fork (event %d)", read)
	}
	for _, ev := range m.tl.ev[read+1:] {
		if ev.Kind == trace.KSend && ev.Side == trace.B {
			if ev.Seg.Wnd == 0 || ev.T != time.Second {
				t.Fatalf("B's next segment after the read: wnd %d at %v", ev.Seg.Wnd, ev.T)
			}
			return
		}
	}
	t.Fatal("no window update after the read")
}

// S on A, vanish: from the dialog's instant every segment A sends is
// lost, and what was sent before is as it was.
func TestSocketVanish(t *testing.T) {
	m := bundled(t, "slow-reader-zero-window", 120, 40)
	press(m, ":")
	typeText(m, "1s")
	press(m, "enter", "S", "up", "enter")
	if m.branch == "" || m.now != time.Second || !strings.Contains(m.msg, "A vanishes at 1.000s") {
		t.Fatalf("branch %q, now %v, %q", m.branch, m.now, m.msg)
	}
	sent := 0
	for _, ev := range m.tl.ev {
		if ev.Kind != trace.KSend || ev.Side != trace.A {
			continue
		}
		if ev.T > time.Second {
			sent++
		}
	}
	if sent == 0 {
		t.Fatal("A sends nothing after 1s: the test shows nothing")
	}
	for _, ar := range m.tl.arrows {
		ev := &m.tl.ev[ar.send]
		if ev.Side == trace.A && ar.lost != (ev.T > time.Second) {
			t.Fatalf("A's %v at %v: lost %v", ev.Seg.Flags, ev.T, ar.lost)
		}
	}
	press(m, "u")
	if m.branch != "" || len(m.cfg.Faults) != 0 {
		t.Fatal("u did not undo the vanishing")
	}
}

// A bad N is refused in the dialog; stop reading, both shutdowns and close are
// recorded at the dialog's instant; a capture refuses S.
func TestSocketCalls(t *testing.T) {
	m := bundled(t, "slow-reader-zero-window", 120, 40)
	press(m, "S", "backspace", "backspace", "backspace", "backspace", "0", "enter")
	if m.modal != modalSocket || m.sock.err == "" {
		t.Fatal("read(0) was accepted")
	}
	press(m, "esc")
	for i, want := range []trace.Op{trace.OpStopReading, trace.OpShutdown, trace.OpShutRead, trace.OpClose} {
		press(m, "S")
		if i == 0 {
			press(m, "tab") // B; the dialog remembers the side
		}
		for j := 0; j < 2+i; j++ {
			press(m, "down")
		}
		press(m, "enter")
		a := m.cfg.Timeline[len(m.cfg.Timeline)-1]
		if a.Op != want || a.Side != trace.B || a.At != m.now || !a.Late {
			t.Fatalf("%v: got %+v", want, a)
		}
	}
	if len(m.undo) != 4 {
		t.Fatalf("%d forks", len(m.undo))
	}
	c := newModelOf(recorded("cap", "a capture", sim.Run(normalClose())), Options{}, modelOptions{dark: true})
	c.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	press(c, "S")
	if c.modal != modalNone || c.msg != c.t(msg.LabFixed, nil) {
		t.Fatalf("S on a capture: modal %d, %q", c.modal, c.msg)
	}
}

// The dialog fits at each size in both languages, every choice whole.
func TestSocketDialogFits(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		p, err := msg.New(lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, sz := range [][2]int{{80, 24}, {120, 40}} {
			m := bundled(t, "slow-reader-zero-window", sz[0], sz[1])
			m.tl.p = p
			press(m, "S")
			out := m.render()
			checkFrame(t, out, sz[0], sz[1])
			for _, id := range []msg.ID{msg.SockKeys, msg.SockReadAll, msg.SockReadN, msg.SockStop, msg.SockShutdown, msg.SockCloseHalf} {
				if want := p.T(id, nil); !strings.Contains(ansi.Strip(out), want) {
					t.Errorf("%s %dx%d: %q is cut:\n%s", lang, sz[0], sz[1], want, ansi.Strip(out))
				}
			}
		}
	}
}

// Digits go to N, the first replacing the suggested 1000: read(1500)
// at 0.5 s is one read of 1500 bytes then.
func TestSocketReadN(t *testing.T) {
	m := bundled(t, "slow-reader-zero-window", 120, 40)
	press(m, ":")
	typeText(m, "500ms")
	press(m, "enter", "S", "tab")
	typeText(m, "1500")
	press(m, "enter")
	a := m.cfg.Timeline[len(m.cfg.Timeline)-1]
	if a.Op != trace.OpRead || a.N != 1500 || a.Side != trace.B || a.At != 500*time.Millisecond {
		t.Fatalf("got %+v", a)
	}
	if !strings.Contains(m.msg, "read(1500)") {
		t.Fatalf("status %q", m.msg)
	}
	for _, ev := range m.tl.ev {
		if ev.Kind == trace.KUser && ev.Op == trace.OpRead && ev.Side == trace.B && ev.T == 500*time.Millisecond {
			if ev.N != 1500 {
				t.Fatalf("read %d bytes", ev.N)
			}
			return
		}
	}
	t.Fatal("no read at 0.5s in the fork's trace")
}

// S on B, shutdown(SHUT_RD): nothing goes on the wire at that instant, and
// the fork's timeline has B's call with its row.
func TestSocketShutRead(t *testing.T) {
	m := bundled(t, "slow-reader-zero-window", 120, 40)
	press(m, ":")
	typeText(m, "1s")
	press(m, "enter", "S", "tab", "down", "down", "down", "down", "enter")
	if m.branch == "" || m.now != time.Second {
		t.Fatalf("branch %q, now %v", m.branch, m.now)
	}
	for _, ev := range m.tl.ev {
		if ev.Kind == trace.KUser && ev.Side == trace.B && ev.Op == trace.OpShutRead {
			if ev.T != time.Second || ev.Rule() == nil {
				t.Fatalf("shutdown(SHUT_RD) at %v, rule %v", ev.T, ev.Rule())
			}
			return
		}
	}
	t.Fatal("no shutdown(SHUT_RD) in the fork")
}
