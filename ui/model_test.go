package ui

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/trace"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/sim/pcap"
)

// Stepping back shows exactly the earlier moment: the frame after
// →→→←←← equals the frame before.
func TestStepBackIsTimeTravel(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := newTest(t, tc.name, tc.cfg(), 160, 48)
			for i := 0; i < 10; i++ {
				press(m, "right")
			}
			before, cur := m.render(), m.cur
			press(m, "right", "right", "right")
			if m.cur != cur+3 {
				t.Fatalf("three steps from %d landed on %d", cur, m.cur)
			}
			press(m, "left", "left", "left")
			if m.cur != cur {
				t.Fatalf("three steps back landed on %d, want %d", m.cur, cur)
			}
			if after := m.render(); after != before {
				t.Fatalf("the frame after stepping back differs:\n%s\n---\n%s", ansi.Strip(before), ansi.Strip(after))
			}
		})
	}
}

// The states shown follow the trace: normal close ends CLOSED/CLOSED,
// and each step reveals exactly one event.
func TestStepsRevealOneEventEach(t *testing.T) {
	m := newTest(t, "normal-close", normalClose(), 120, 40)
	if m.cur != -1 || m.stateName(trace.A) != fsm.Closed {
		t.Fatalf("start: cur %d, A %s", m.cur, m.stateName(trace.A))
	}
	n := len(m.tl.ev)
	for i := 0; i < n; i++ {
		press(m, "right")
		if m.cur != i || m.now != m.tl.ev[i].T {
			t.Fatalf("step %d: cur %d now %v, want event %d at %v", i+1, m.cur, m.now, i, m.tl.ev[i].T)
		}
	}
	press(m, "right")
	if m.cur != n-1 {
		t.Fatal("stepped past the end")
	}
	if m.stateName(trace.A) != fsm.Closed || m.stateName(trace.B) != fsm.Closed {
		t.Fatalf("end: A %s, B %s", m.stateName(trace.A), m.stateName(trace.B))
	}
	press(m, "home")
	if m.cur != -1 || m.now != 0 {
		t.Fatal("home did not rewind")
	}
	press(m, "end")
	if m.cur != n-1 {
		t.Fatal("end did not jump to the end")
	}
}

// Find the first step at which some segment is in flight.
func stepUntilInFlight(t *testing.T, m *Model) {
	t.Helper()
	for i := 0; i < len(m.tl.ev); i++ {
		if len(m.tl.inFlight(m.cur, m.row, nil)) > 0 {
			return
		}
		press(m, "right")
	}
	t.Fatal("nothing ever in flight")
}

// d drops the segment in flight: a new timeline where it is lost, the
// present unchanged, and u restores the original.
func TestDropForksAndUndoRestores(t *testing.T) {
	m := newTest(t, "normal-close", normalClose(), 120, 40)
	stepUntilInFlight(t, m)
	orig, now := m.tl, m.now
	target := int(m.tl.inFlight(m.cur, m.row, nil)[0])
	id := m.tl.ev[m.tl.arrows[target].send].ID
	press(m, "d")
	if m.tl == orig || m.branch == "" || len(m.undo) != 1 {
		t.Fatalf("no fork: branch %q, undo %d", m.branch, len(m.undo))
	}
	if m.now != now {
		t.Fatalf("the present moved from %v to %v", now, m.now)
	}
	a := m.arrowOfID(id)
	if a < 0 || !m.tl.arrows[a].lost {
		t.Fatalf("segment %d is not lost in the fork", id)
	}
	if m.sel != a {
		t.Fatalf("the dropped segment is not selected")
	}
	// Playing on, its retransmission comes.
	press(m, "end")
	retx := false
	for i := range m.tl.ev {
		if e := &m.tl.ev[i]; e.Kind == trace.KSend && e.Reason == fsm.ReasonRetransmit {
			retx = true
		}
	}
	if !retx {
		t.Fatal("no retransmission after the drop")
	}
	press(m, "u")
	if m.tl != orig || m.branch != "" || len(m.undo) != 0 {
		t.Fatal("u did not restore the original timeline")
	}
	if m.now != now {
		t.Fatal("u did not restore the present")
	}
}

// The prefix of a fork is the same as the original's: everything before
// the dropped segment's sending is identical.
func TestForkKeepsThePast(t *testing.T) {
	m := newTest(t, "normal-close", normalClose(), 120, 40)
	stepUntilInFlight(t, m)
	old := m.tl.ev
	send := int(m.tl.arrows[m.tl.inFlight(m.cur, m.row, nil)[0]].send)
	press(m, "d")
	for i := 0; i < send; i++ {
		a, b := old[i], m.tl.ev[i]
		if a.T != b.T || a.Kind != b.Kind || a.Side != b.Side || a.Seg.Seq != b.Seg.Seq || a.To != b.To {
			t.Fatalf("event %d differs after the fork: %+v vs %+v", i, a, b)
		}
	}
	if e := m.tl.ev[send+1]; e.Kind != trace.KDrop || e.Drop != trace.DropUser {
		t.Fatalf("event after the sending is %v, want a drop by the user", e.Kind)
	}
}

// x on a delivered segment forks "what if it had been lost" and rewinds
// to it.
func TestWhatIf(t *testing.T) {
	m := newTest(t, "normal-close", normalClose(), 120, 40)
	press(m, "end")
	// Select A's FIN with ↑.
	fin := -1
	for a := range m.tl.arrows {
		if e := &m.tl.ev[m.tl.arrows[a].send]; e.Side == trace.A && e.Seg.Flags.Has(fsm.FIN) {
			fin = a
			break
		}
	}
	for m.selected() != fin {
		press(m, "up")
	}
	send := m.tl.ev[m.tl.arrows[fin].send]
	press(m, "x")
	if m.branch == "" || !m.tl.arrows[fin].lost {
		t.Fatalf("no what-if: branch %q", m.branch)
	}
	if m.now != send.T || m.tl.ev[m.cur].Kind != trace.KDrop || m.sel != fin {
		t.Fatalf("did not rewind to the fork point: now %v cur %v", m.now, m.tl.ev[m.cur].Kind)
	}
	press(m, "end")
	// The FIN is retransmitted after the RTO and the close completes.
	retx := false
	for _, e := range m.tl.ev {
		if e.Kind == trace.KSend && e.Reason == fsm.ReasonRetransmit && e.Seg.Flags.Has(fsm.FIN) && e.Side == trace.A {
			retx = true
		}
	}
	if !retx {
		t.Fatal("the lost FIN was not retransmitted")
	}
	if got := m.tl.tr.Final; got != [2]fsm.State{fsm.Closed, fsm.Closed} {
		t.Fatalf("final states %v", got)
	}
	press(m, "u")
	if m.branch != "" || m.tl.arrows[fin].lost {
		t.Fatal("u did not restore the original")
	}
}

// c, C, a, A and s call CLOSE, ABORT and SEND on the right side, now.
func TestUserCalls(t *testing.T) {
	for _, tc := range []struct {
		keys []string
		side trace.Side
		op   trace.Op
	}{
		{[]string{"c"}, trace.A, trace.OpClose},
		{[]string{"C"}, trace.B, trace.OpClose},
		{[]string{"a"}, trace.A, trace.OpAbort},
		{[]string{"A"}, trace.B, trace.OpAbort},
		{[]string{"s", "enter"}, trace.A, trace.OpSend},
		{[]string{"s", "tab", "backspace", "backspace", "!", "enter"}, trace.B, trace.OpSend},
	} {
		t.Run(strings.Join(tc.keys, "+"), func(t *testing.T) {
			m := newTest(t, "normal-close", normalClose(), 120, 40)
			// Step to ESTABLISHED on both sides.
			for m.stateName(trace.B) != fsm.Established {
				press(m, "right")
			}
			now, cur := m.now, m.cur
			press(m, tc.keys...)
			if m.branch == "" {
				t.Fatal("no fork")
			}
			if m.now != now || m.cur != cur {
				t.Fatal("the present moved")
			}
			found := false
			for _, e := range m.tl.ev[cur+1:] {
				if e.Kind == trace.KUser && e.Side == tc.side && e.Op == tc.op && e.T == now {
					found = true
					if tc.op == trace.OpSend && tc.side == trace.B && e.N != 4 {
						t.Fatalf("sent %d bytes, want 4 (\"hel!\")", e.N)
					}
				}
			}
			if !found {
				t.Fatalf("no %s by %s at %v, after the present", tc.op, tc.side.Upper(), now)
			}
		})
	}
}

// L edits the link live; the change applies from now on.
func TestLinkEdit(t *testing.T) {
	m := newTest(t, "normal-close", normalClose(), 120, 40)
	press(m, "right", "right")
	press(m, "L")
	if m.modal != modalLink {
		t.Fatal("L did not open the link editor")
	}
	// loss: 100%
	press(m, "backspace", "1", "0", "0", "tab")
	// delay: 20ms
	press(m, "backspace", "backspace", "2", "0", "enter")
	if m.modal != modalNone || m.branch == "" {
		t.Fatalf("not applied: modal %d branch %q", m.modal, m.branch)
	}
	l := m.linksAt(m.now + time.Millisecond)
	if l[0].Loss != 1 || l[0].Delay != 20*ms || l[1].Loss != 1 {
		t.Fatalf("link is %+v", l)
	}
	// Everything sent from now on is lost.
	for _, e := range m.tl.ev[m.cur+1:] {
		if e.Kind == trace.KSend && e.T > m.now && !e.Lost {
			t.Fatalf("a segment sent at %v arrived over a 100%% loss link", e.T)
		}
	}
	// A bad value is refused with a message.
	press(m, "L", "backspace", "backspace", "backspace", "9", "9", "9", "enter")
	if m.modal != modalLink || m.link.err == "" {
		t.Fatal("loss 999% accepted")
	}
	press(m, "esc")
	if m.modal != modalNone {
		t.Fatal("esc did not close the editor")
	}
}

// Playing moves the present smoothly: each tick advances time by a bit,
// in-flight segments move, and playing stops at the end.
func TestPlaying(t *testing.T) {
	m := newTest(t, "normal-close", normalClose(), 120, 40)
	press(m, "space")
	if !m.playing {
		t.Fatal("space did not start playing")
	}
	at := time.Unix(0, 0)
	var prev time.Duration
	sawInFlight := false
	for i := 0; i < 10000 && m.playing; i++ {
		at = at.Add(frameInterval)
		m.Update(tickMsg{gen: m.tickGen, at: at})
		if m.now < prev {
			t.Fatalf("time went back from %v to %v", prev, m.now)
		}
		prev = m.now
		if fl := m.tl.inFlight(m.cur, m.row, nil); len(fl) > 0 {
			sawInFlight = true
			s := m.ladderView().shape(m.ladderView().geom(100, 30), int(fl[0]))
			if s.arrived || s.limit <= 0 && m.now > m.tl.ev[m.tl.arrows[fl[0]].send].T {
				t.Fatalf("in-flight segment drawn arrived or not started: %+v", s)
			}
		}
	}
	if m.playing || !m.atEnd() {
		t.Fatal("playing did not stop at the end")
	}
	if !sawInFlight {
		t.Fatal("never saw a segment in flight")
	}
	// A stale tick (an earlier play) does nothing.
	m.Update(tickMsg{gen: m.tickGen - 1, at: at})
	// Speed keys.
	press(m, "+", "+")
	if speeds[m.speed] != 4 {
		t.Fatalf("speed %v", speeds[m.speed])
	}
	press(m, "-", "-", "-", "-", "-", "-")
	if m.speed != 0 {
		t.Fatal("speed below the slowest")
	}
}

// Clicking on an arrow selects it; clicking on the log jumps there.
func TestMouse(t *testing.T) {
	m := newTest(t, "normal-close", normalClose(), 160, 48)
	press(m, "end")
	l := computeLayout(m.w, m.h)
	lv := m.ladderView()
	in := l.ladder.inner()
	// Find a cell on the screen where an arrow is drawn.
	c := newCanvas(in.w, in.h)
	lv.draw(c.full())
	target := -1
	for y := ladderHeader; y < in.h && target < 0; y++ {
		for x := 0; x < in.w; x++ {
			if c.cells[y*in.w+x].r == '▶' {
				if a := lv.hit(in.w, in.h, x, y); a >= 0 {
					m.Update(tea.MouseClickMsg{X: in.x + x, Y: in.y + y, Button: tea.MouseLeft})
					target = a
					break
				}
			}
		}
	}
	if target < 0 || m.sel != target {
		t.Fatalf("click selected %d, want %d", m.sel, target)
	}
	lg := l.log.inner()
	want := m.logView().first(lg.h)
	m.Update(tea.MouseClickMsg{X: lg.x + 5, Y: lg.y, Button: tea.MouseLeft})
	if m.cur != want {
		t.Fatalf("click on the log went to %d, want %d", m.cur, want)
	}
	// The wheel scrolls the ladder away from the present, f follows again.
	m.Update(tea.MouseWheelMsg{X: in.x + 3, Y: in.y + 3, Button: tea.MouseWheelUp})
	press(m, "end")
	m.Update(tea.MouseWheelMsg{X: in.x + 3, Y: in.y + 3, Button: tea.MouseWheelUp})
	if m.top < 0 {
		t.Fatal("wheel did not scroll")
	}
	press(m, "f")
	if m.top != -1 {
		t.Fatal("f did not follow the present")
	}
}

// e opens the export dialog, which pauses; enter calls the exporter in a
// command and reports the result.
func TestExport(t *testing.T) {
	m := newTest(t, "normal-close", normalClose(), 120, 40)
	m.playing = true
	m.Update(keyMsg("e"))
	if m.modal != modalExport || m.playing {
		t.Fatalf("e: modal %d, playing %v", m.modal, m.playing)
	}
	_, cmd := m.Update(keyMsg("enter"))
	if cmd != nil || !strings.Contains(m.msg, "not available") {
		t.Fatalf("without an exporter: %q", m.msg)
	}
	var got *trace.Trace
	var path string
	var tap pcap.Tap
	m.opts.Export = func(tr *trace.Trace, p string, tp pcap.Tap) error { got, path, tap = tr, p, tp; return nil }
	press(m, "e")
	_, cmd = m.Update(keyMsg("enter"))
	if cmd == nil || got != nil {
		t.Fatal("export must run in a command, not in Update")
	}
	m.Update(cmd())
	if got != m.tl.tr || path != "./tcpsim-normal-close.pcapng" || tap != pcap.TapA || !strings.Contains(m.msg, "wrote") {
		t.Fatalf("export: path %q, tap %v, msg %q", path, tap, m.msg)
	}
	m.opts.Export = func(*trace.Trace, string, pcap.Tap) error { return errors.New("disk full") }
	press(m, "e")
	_, cmd = m.Update(keyMsg("enter"))
	m.Update(cmd())
	if !strings.Contains(m.msg, "disk full") {
		t.Fatalf("error not shown: %q", m.msg)
	}
}

// o lists scenarios through a command; choosing one loads it.
func TestPicker(t *testing.T) {
	m := newTest(t, "lost-syn", lostSYN(), 120, 40)
	_, cmd := m.Update(keyMsg("o"))
	if m.modal != modalPicker || cmd == nil {
		t.Fatal("o did not open the picker")
	}
	if _, ok := cmd().(scenarioListMsg); !ok {
		t.Fatal("the picker's command does not list scenarios")
	}
	// The list itself comes from the scenarios package; use our own.
	m.Update(scenarioListMsg{items: []pickItem{
		{sc: scenarioOf("normal-close", normalClose())},
		{sc: scenarioOf("lost-syn", lostSYN())},
		{path: "broken.yaml", err: errors.New("broken.yaml:3:1: unknown field \"x\"")},
		{sc: scenarioOf("lossy-data", lossyData()), path: "mine.yaml"},
	}})
	if m.picker.idx != 1 {
		t.Fatalf("the picker does not start on the current scenario: %d", m.picker.idx)
	}
	checkFrame(t, m.render(), 120, 40)
	if !strings.Contains(plain(m), "Open a scenario") {
		t.Fatal("picker not drawn")
	}
	press(m, "down", "enter")
	if m.modal != modalPicker {
		t.Fatal("a broken file was opened")
	}
	press(m, "down")
	want := m.picker.items[m.picker.idx].sc
	press(m, "enter")
	if m.modal != modalNone || m.run.sc != want || !m.playing {
		t.Fatalf("enter did not open the chosen scenario: %v", m.run.name)
	}
	press(m, "o", "esc")
	if m.modal != modalNone {
		t.Fatal("esc did not close the picker")
	}
}

// Help opens and closes; q quits.
func TestHelpAndQuit(t *testing.T) {
	m := newTest(t, "normal-close", normalClose(), 120, 40)
	press(m, "?")
	if m.modal != modalHelp || !strings.Contains(plain(m), "what if the selected past segment") {
		t.Fatal("help not shown")
	}
	checkFrame(t, m.render(), 120, 40)
	press(m, "esc")
	if m.modal != modalNone {
		t.Fatal("help did not close")
	}
	if _, cmd := m.Update(keyMsg("q")); cmd == nil {
		t.Fatal("q returned no command")
	} else if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("q does not quit")
	}
}

// Colours adapt to the background, and NO_COLOR gives no colour at all
// while keeping A/B readable as text.
func TestThemes(t *testing.T) {
	m := newTest(t, "normal-close", normalClose(), 160, 48)
	press(m, "end")
	dark := m.render()
	m.Update(tea.BackgroundColorMsg{Color: lightColor{}})
	light := m.render()
	if dark == light || ansi.Strip(dark) != ansi.Strip(light) {
		t.Fatal("the light theme should change colours only")
	}
	mono := newModel(scenarioOf("normal-close", normalClose()), Options{}, modelOptions{mono: true, dark: true})
	mono.Update(resize(160, 48))
	press(mono, "end")
	out := mono.render()
	if strings.Contains(out, "38;2;") || strings.Contains(out, "48;2;") || strings.Contains(out, "[3") && strings.Contains(out, ";5;") {
		t.Fatal("NO_COLOR output has colours")
	}
	if ansi.Strip(out) != ansi.Strip(dark) {
		t.Fatal("NO_COLOR changes the text")
	}
	if !strings.Contains(ansi.Strip(out), "A  CLOSED  B") && !strings.Contains(ansi.Strip(out), "A CLOSED B") {
		t.Fatal("the state diagram does not mark A and B in text")
	}
}

type lightColor struct{}

func (lightColor) RGBA() (r, g, b, a uint32) { return 0xffff, 0xffff, 0xffff, 0xffff }

// Resizing mid-run keeps working, down to the "too small" message and back.
func TestResize(t *testing.T) {
	m := newTest(t, "lossy-data", lossyData(), 200, 60)
	press(m, "space")
	for i, sz := range [][2]int{{160, 48}, {80, 24}, {40, 10}, {120, 40}, {61, 17}, {200, 60}} {
		m.Update(resize(sz[0], sz[1]))
		m.Update(tickMsg{gen: m.tickGen, at: time.Unix(int64(i), 0)})
		checkFrame(t, m.render(), sz[0], sz[1])
	}
}

// A scenario where nothing happens still draws, plays and steps.
func TestEmptyTrace(t *testing.T) {
	m := newTest(t, "empty", baseConfig(), 120, 40)
	if len(m.tl.ev) != 0 {
		t.Fatalf("%d events", len(m.tl.ev))
	}
	press(m, "right", "left", "end", "home", "d", "x", "up", "down", "space")
	m.Update(tickMsg{gen: m.tickGen, at: time.Unix(1, 0)})
	for _, sz := range sizes {
		m.Update(resize(sz[0], sz[1]))
		checkFrame(t, m.render(), sz[0], sz[1])
	}
	if m.playing {
		t.Fatal("playing an empty trace")
	}
}

func TestCaptureIsShownAndCannotBeForked(t *testing.T) {
	tr := sim.Run(normalClose())
	m := newModelOf(recorded("cap", "a capture", tr), Options{}, modelOptions{mono: true, dark: true})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	if len(m.tl.ev) != len(tr.Events) {
		t.Fatalf("timeline has %d events, the capture %d", len(m.tl.ev), len(tr.Events))
	}
	m.seek(5, 0)
	checkFrame(t, m.render(), 120, 40)
	before := m.tl
	for _, k := range []string{"d", "x", "c", "C", "a", "A", "s", "L", "M"} {
		m.msg = ""
		press(m, k)
		if m.tl != before || m.branch != "" || m.modal != modalNone || m.msg != m.t(msg.LabFixed, nil) {
			t.Fatalf("key %q on a capture: branch %q, modal %v, message %q", k, m.branch, m.modal, m.msg)
		}
		checkFrame(t, m.render(), 120, 40)
	}
	bar := (&helpBar{th: m.th, keys: m.keys.barKeys(false, m.run.canChange())}).Render(200, 1)
	for _, offered := range []string{"drop", "what-if", "close", "send", "link", "undo"} {
		if strings.Contains(bar, offered) {
			t.Errorf("the help bar offers %q on a capture: %s", offered, bar)
		}
	}
}
