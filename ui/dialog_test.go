package ui

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/sim/pcap"
	"github.com/tcpsim/tcpsim/trace"
)

// bundled opens the lab on a bundled scenario, paused.
func bundled(t testing.TB, name string, w, h int) *Model {
	t.Helper()
	sc, err := scenarios.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	m := newModel(sc, Options{}, modelOptions{dark: true})
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// playTo plays until the present reaches t, a frame at a time.
func playTo(m *Model, t time.Duration) {
	press(m, "space")
	clock := time.Unix(0, 0)
	for i := 0; m.now < t && m.playing && i < 10000; i++ {
		clock = clock.Add(frameInterval)
		m.Update(tickMsg{gen: m.tickGen, at: clock})
	}
}

func typeText(m *Model, s string) {
	for _, r := range s {
		press(m, string(r))
	}
}

// Opening a dialog pauses; the call happens at the instant it was opened,
// however many frames go by while it is open.
func TestDialogsPause(t *testing.T) {
	for _, k := range []string{"s", "L", "o", "e", ":", "/", "i", "M", "?"} {
		m := newTest(t, "normal-close", normalClose(), 120, 40)
		playTo(m, 120*ms)
		now := m.now
		press(m, k)
		if m.playing || m.modal == modalNone {
			t.Fatalf("%s: playing %v, modal %d", k, m.playing, m.modal)
		}
		for range 10 {
			m.Update(tickMsg{gen: m.tickGen, at: time.Unix(1, 0)})
		}
		if m.now != now {
			t.Fatalf("%s: the present moved from %v to %v with the dialog open", k, now, m.now)
		}
	}
	m := newTest(t, "normal-close", normalClose(), 120, 40)
	playTo(m, 160*ms)
	opened := m.now
	press(m, "s")
	m.Update(tickMsg{gen: m.tickGen, at: time.Unix(5, 0)})
	typeText(m, "!!")
	press(m, "enter")
	for _, ev := range m.tl.ev {
		if ev.Kind == trace.KUser && ev.Op == trace.OpSend && ev.N == 7 {
			if ev.T != opened {
				t.Fatalf("the send is recorded at %v, the dialog opened at %v", ev.T, opened)
			}
			return
		}
	}
	t.Fatal("no send of 7 bytes")
}

func TestExportChoices(t *testing.T) {
	m := newTest(t, "normal-close", normalClose(), 120, 40)
	var path string
	var tap pcap.Tap
	m.opts.Export = func(_ *trace.Trace, p string, tp pcap.Tap) error { path, tap = p, tp; return nil }
	var svg string
	m.opts.SaveSVG = func(_ *trace.Trace, _ int, _, p string) error { svg = p; return nil }
	run := func(keys ...string) {
		press(m, "e")
		press(m, keys...)
		_, cmd := m.Update(keyMsg("enter"))
		if cmd == nil {
			t.Fatalf("%v: no command", keys)
		}
		m.Update(cmd())
	}
	run("right", "right")
	if path != "./tcpsim-normal-close-link.pcapng" || tap != pcap.TapLink {
		t.Errorf("link: %q %v", path, tap)
	}
	run("b", "down", "right") // the form remembers: tap b, format pcap
	if path != "./tcpsim-normal-close-b.pcap" || tap != pcap.TapB {
		t.Errorf("b, pcap: %q %v", path, tap)
	}
	run("left", "left") // the format row still has the focus: pcap → pcapng → svg
	if svg != "./tcpsim-normal-close.svg" {
		t.Errorf("svg: %q", svg)
	}
	press(m, "e", "esc")
	if m.modal != modalNone {
		t.Error("esc did not close the export dialog")
	}
}

func TestJump(t *testing.T) {
	m := newTest(t, "normal-close", normalClose(), 120, 40)
	press(m, ":")
	typeText(m, "12")
	press(m, "enter")
	if m.modal != modalNone || m.cur != 11 {
		t.Fatalf("jump to 12: cur %d", m.cur)
	}
	press(m, ":")
	typeText(m, "1.5s")
	press(m, "enter")
	if m.now != 1500*ms || m.cur != countUpTo(m.tl.ev, 1500*ms)-1 {
		t.Fatalf("jump to 1.5s: now %v cur %d", m.now, m.cur)
	}
	if !strings.Contains(m.msg, "1.500s") {
		t.Errorf("message %q", m.msg)
	}
	for _, bad := range []string{"x1", "99999", "-2s"} {
		press(m, ":")
		typeText(m, bad)
		press(m, "enter")
		if m.modal != modalJump || m.jump.err == "" {
			t.Fatalf("%q accepted", bad)
		}
		press(m, "esc")
	}
	press(m, ":")
	typeText(m, "1h")
	press(m, "enter")
	if !m.atEnd() {
		t.Fatal("a time after the run did not go to its end")
	}
}

func TestSearch(t *testing.T) {
	m := newTest(t, "normal-close", normalClose(), 120, 40)
	press(m, "enter")
	if !strings.Contains(m.msg, "/") {
		t.Fatalf("enter before any search: %q", m.msg)
	}
	press(m, "/")
	typeText(m, "fin ack")
	press(m, "enter")
	first := m.cur
	if first < 0 || !strings.Contains(m.tl.ev[first].Seg.Flags.String(), "FIN") {
		t.Fatalf("/fin ack went to event %d", first)
	}
	press(m, "enter")
	if m.cur <= first {
		t.Fatalf("enter did not find the next match: %d after %d", m.cur, first)
	}
	hits := m.matches("FIN,ACK")
	for range hits {
		press(m, "enter")
	}
	if m.cur <= first {
		t.Fatalf("the search does not go round: %d", m.cur)
	}
	press(m, "/")
	if m.search.in.text != "fin ack" {
		t.Fatalf("/ again does not offer the last query: %q", m.search.in.text)
	}
	press(m, "esc", "/")
	for range 7 {
		press(m, "backspace")
	}
	typeText(m, "time_wait")
	press(m, "enter")
	if ev := m.tl.ev[m.cur]; !(ev.Kind == trace.KState && ev.To == fsm.TimeWait) && ev.Timer != fsm.TimerTimeWait {
		t.Fatalf("time_wait found %+v", ev)
	}
	press(m, "/")
	typeText(m, "zzz")
	press(m, "enter")
	if !strings.Contains(m.msg, "no event") {
		t.Fatalf("no match: %q", m.msg)
	}
}

func TestInfo(t *testing.T) {
	m := bundled(t, "lost-final-ack", 80, 24)
	press(m, "i")
	out := plain(m)
	checkFrame(t, m.render(), 80, 24)
	for _, want := range []string{"The final ACK is lost", "lost-final-ack", "2×MSL = 4s", "This is why TIME-WAIT exists"} {
		if !strings.Contains(out, want) {
			t.Errorf("info lacks %q:\n%s", want, out)
		}
	}
	press(m, "end")
	if m.infoTop == 0 {
		t.Fatal("the info does not scroll at 80×24")
	}
	out = plain(m)
	if !strings.Contains(out, "Key moments") || !strings.Contains(out, "only now does A forget the connection") {
		t.Errorf("the key moments are not at the end:\n%s", out)
	}
	press(m, "esc")
	if m.modal != modalNone {
		t.Fatal("esc did not close the info")
	}
	press(m, "i", "3")
	if at := m.momentEvents(); m.modal != modalNone || m.cur != at[2] || !strings.Contains(plain(m), "restarts its 2MSL") {
		t.Fatalf("3 in the info: modal %d, cur %d (moment at %d), %q\n%s", m.modal, m.cur, at[2], m.msg, plain(m))
	}
	zh, err := msg.New("zh")
	if err != nil {
		t.Fatal(err)
	}
	m.tl.p = zh
	press(m, "i")
	if out := plain(m); !strings.Contains(out, "最后一个 ACK 丢失") || !strings.Contains(out, "这个场景说明 TIME-WAIT 为什么存在") {
		t.Errorf("zh info:\n%s", out)
	}
}

// M with 0: no TIME-WAIT, so B's repeated FIN meets no connection and gets
// a RST — the counterfactual the scenario's description tells of.
func TestMSLWhatIf(t *testing.T) {
	m := bundled(t, "lost-final-ack", 120, 40)
	press(m, ":")
	typeText(m, "1s")
	press(m, "enter", "M")
	if m.msl.in.text != "2s" {
		t.Fatalf("the field starts at %q, want the scenario's 2s", m.msl.in.text)
	}
	press(m, "backspace", "backspace")
	typeText(m, "0")
	press(m, "enter")
	if m.branch == "" || m.cfg.MSL != 0 || m.now != time.Second {
		t.Fatalf("branch %q, MSL %v, now %v", m.branch, m.cfg.MSL, m.now)
	}
	rst := false
	for _, ev := range m.tl.ev {
		rst = rst || ev.Kind == trace.KSend && ev.Side == trace.A && ev.Seg.Flags&fsm.RST != 0
	}
	if !rst {
		t.Fatal("without TIME-WAIT, A never answers the repeated FIN with RST")
	}
	press(m, "u")
	if m.cfg.MSL != 2*time.Second || m.branch != "" {
		t.Fatal("u did not restore the scenario's MSL")
	}
	press(m, "M", "backspace", "backspace", "x", "enter")
	if m.modal != modalMSL || m.msl.err == "" {
		t.Fatal("a bad MSL was accepted")
	}
	// Linux fixes TIME-WAIT at 60 s: the what-if replaces it with 2×MSL.
	c := normalClose()
	c.Profile = sim.Linux
	m = newTest(t, "linux", c, 120, 40)
	press(m, "M", "enter")
	if tw, fixed := timeWaitOf(m.cfg); fixed || tw != 2*time.Second {
		t.Fatalf("TIME-WAIT %v, fixed %v", tw, fixed)
	}
}

func TestMoments(t *testing.T) {
	m := bundled(t, "lost-final-ack", 120, 40)
	at := m.momentEvents()
	if len(at) != 4 || at[0] < 0 {
		t.Fatalf("moments at %v", at)
	}
	for m.cur < at[0] {
		press(m, "right")
	}
	if !strings.Contains(m.msg, "★") || !strings.Contains(m.msg, "the link loses it") {
		t.Fatalf("reaching the lost ACK says %q", m.msg)
	}
	if !strings.Contains(plain(m), "★"+strconv.Itoa(at[0]+1)+" ") {
		t.Fatalf("the event log does not mark event %d:\n%s", at[0]+1, plain(m))
	}
	press(m, "right")
	if strings.Contains(m.msg, "★") {
		t.Fatalf("the note stays after the next step: %q", m.msg)
	}
}

// The new keys through a real Bubble Tea program.
func TestE2EDialogKeys(t *testing.T) {
	tm := startProgram(t, "normal-close", normalClose(), 80, 24)
	send(tm, ":", "1", "2", "enter") // event 12
	send(tm, "/", "S", "Y", "N", "enter", "enter")
	send(tm, "i", "down", "esc", "e", "esc")
	send(tm, "M", "backspace", "backspace", "3", "s", "enter")
	send(tm, "q")
	m := finalModel(t, tm)
	if m.modal != modalNone || m.search.query != "SYN" {
		t.Fatalf("modal %d, query %q", m.modal, m.search.query)
	}
	if m.cfg.MSL != 3*time.Second || m.branch == "" || len(m.undo) != 1 {
		t.Fatalf("M: MSL %v, branch %q", m.cfg.MSL, m.branch)
	}
	hits := m.matches("SYN")
	if len(hits) < 2 || m.cur < hits[0] {
		t.Fatalf("the search went to %d; SYN is at %v", m.cur, hits)
	}
}

// Every dialog fits at each size in both languages: no line wider than the
// terminal, and the line that says which keys to use is whole.
func TestDialogsFit(t *testing.T) {
	foot := map[string]msg.ID{"e": msg.DlgExportKeys, ":": msg.DlgJumpKeys, "/": msg.DlgSearchKeys, "i": msg.DlgInfoKeys, "M": msg.DlgMSLKeys}
	for _, lang := range []string{"en", "zh"} {
		p, err := msg.New(lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, sz := range [][2]int{{80, 24}, {120, 40}, {200, 60}} {
			for k, id := range foot {
				m := bundled(t, "lost-final-ack", sz[0], sz[1])
				m.tl.p = p
				press(m, "end", k)
				out := m.render()
				checkFrame(t, out, sz[0], sz[1])
				if want := p.T(id, nil); !strings.Contains(ansi.Strip(out), want) {
					t.Errorf("%s %dx%d %s: %q is cut:\n%s", lang, sz[0], sz[1], k, want, ansi.Strip(out))
				}
			}
		}
	}
}

// At 80×24 the status line is too short for a note: it says which moment
// this is, and the strip under the ladder shows the note whole.
func TestMomentsCompact(t *testing.T) {
	m := bundled(t, "lost-final-ack", 80, 24)
	at := m.momentEvents()
	for m.cur < at[1] {
		press(m, "right")
	}
	out := plain(m)
	if !strings.Contains(m.msg, "key moment 2 of 4") || !strings.Contains(out, "it resends its FIN") {
		t.Fatalf("status %q:\n%s", m.msg, out)
	}
	press(m, "right")
	if strings.Contains(plain(m), "it resends its FIN") {
		t.Fatal("the note stays in the strip after the next step")
	}
}

// In the full view every bundled note fits the status line whole, in
// both languages, beside the help and quit keys.
func TestMomentNotesFit(t *testing.T) {
	room := fullW - textWidth("? help  q quit  ") - 2
	for _, sc := range scenarios.Bundled() {
		for _, h := range sc.Highlight {
			for _, l := range scenarios.Languages {
				p, _ := msg.New(l)
				if s := p.T(msg.MomentReached, msg.Args{"Note": h.NoteIn(l)}); textWidth(s) > room {
					t.Errorf("%s %s (%s): %d cells, the status line has %d: %s", sc.Name, h.Path, l, textWidth(s), room, s)
				}
			}
		}
	}
}

// i on a replayed capture says what it is; jump and search work on it.
func TestDialogsOnACapture(t *testing.T) {
	m := newModelOf(recorded("cap", "a capture", sim.Run(normalClose())), Options{}, modelOptions{dark: true})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	press(m, "i")
	if out := plain(m); !strings.Contains(out, "A replayed capture") || strings.Contains(out, "Key moments") {
		t.Fatalf("info on a capture:\n%s", out)
	}
	press(m, "esc", ":", "3", "enter", "/", "F", "I", "N", "enter")
	if m.cur < 2 || !strings.Contains(m.msg, "FIN") {
		t.Fatalf("cur %d, %q", m.cur, m.msg)
	}
}

// In Chinese the log is searched in both languages: an English word from
// a book finds the event, and so does the Chinese one shown on screen.
func TestSearchInChineseFindsEnglishWords(t *testing.T) {
	m := newTest(t, "normal-close", normalClose(), 120, 40)
	press(m, "T")
	if m.tl.p.Lang() != "zh" {
		t.Fatalf("T did not switch to Chinese: %s", m.tl.p.Lang())
	}
	en := m.matches("timer fired")
	if len(en) == 0 {
		t.Fatal("an English word finds nothing in the Chinese lab")
	}
	text, _ := describe(&m.tl.ev[en[0]], m.tl.p)
	zh := strings.Fields(text)[0]
	if got := m.matches(zh); !slices.Contains(got, en[0]) {
		t.Fatalf("the Chinese text %q does not find event %d: %v", zh, en[0], got)
	}
}
