package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/lesson"
	"github.com/tcpsim/tcpsim/replay"
	"github.com/tcpsim/tcpsim/trace"
)

// steps presses → n times: each step either moves the present or, in
// predict mode, opens the prompt (which then ignores further l's).
func steps(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "l"
	}
	return out
}

// A whole predict session through a real program: the SYN answered
// right, B's SYN,ACK answered wrong, and the score says so.
func TestE2EPredictRightAndWrong(t *testing.T) {
	tm := startProgram(t, "normal-close", normalClose(), 120, 40)
	send(tm, "y")
	send(tm, steps(8)...)
	send(tm, "s", "tab", "0", "enter") // SYN seq=0 (relative): right
	send(tm, steps(8)...)
	send(tm, "a", "enter") // B's SYN,ACK: "ACK" is wrong
	send(tm, "q")
	m := finalModel(t, tm)
	p := &m.pr
	if p.right != 1 || p.asked != 2 || p.skipped != 0 {
		t.Fatalf("score %d/%d (%d skipped), want 1/2", p.right, p.asked, p.skipped)
	}
	if p.last == nil || p.last.ok || p.last.flagsOK || p.last.g.flags != fsm.ACK {
		t.Fatalf("last verdict %+v, want a wrong ACK", p.last)
	}
	ev := &m.tl.ev[p.last.ev]
	if ev.Kind != trace.KSend || ev.Side != trace.B || ev.Seg.Flags != fsm.SYN|fsm.ACK {
		t.Fatalf("the second question was about %v from %v, want B's SYN,ACK", ev.Seg.Flags, ev.Side)
	}
	if m.cur != p.last.ev {
		t.Fatalf("the present is event %d, want the revealed send %d", m.cur, p.last.ev)
	}
	out := plain(m)
	for _, want := range []string{"Not quite: B sends SYN,ACK seq=0 ack=1 (you said ACK)", "score 1/2"} {
		if !strings.Contains(out, want) {
			t.Errorf("screen lacks %q:\n%s", want, out)
		}
	}
}

// Playing stops before every send, each one exactly once; a skip counts
// apart; y ends the mode and playing runs to the end.
func TestPredictStopsBeforeEachSend(t *testing.T) {
	m := newTest(t, "normal-close", normalClose(), 80, 24)
	press(m, "y", "space")
	var asked []int
	for guard := 0; guard < 10000 && !m.atEnd(); guard++ {
		if m.pr.asking() {
			i := m.pr.ask
			if m.cur != i-1 || m.tl.ev[i].Kind != trace.KSend {
				t.Fatalf("stopped at %d for event %d (%v)", m.cur, i, m.tl.ev[i].Kind)
			}
			asked = append(asked, i)
			press(m, "esc", "space")
			continue
		}
		m.advance(50 * time.Millisecond)
	}
	var sends []int
	for i := range m.tl.ev {
		if m.tl.ev[i].Kind == trace.KSend {
			sends = append(sends, i)
		}
	}
	if fmt.Sprint(asked) != fmt.Sprint(sends) {
		t.Fatalf("asked about %v, the run sends at %v", asked, sends)
	}
	if m.pr.skipped != len(sends) || m.pr.asked != 0 {
		t.Fatalf("skips %d asked %d", m.pr.skipped, m.pr.asked)
	}
	press(m, "home", "y", "space")
	if m.pr.on || m.pr.asking() {
		t.Fatal("y did not end predict mode")
	}
}

// Grading reads the trace: flags (PSH aside), and seq/ack only when given,
// relative to each side's ISN or raw.
func TestPredictGrade(t *testing.T) {
	m := newTest(t, "normal-close", normalClose(), 80, 24)
	base := relBase(m.tl.ev)
	if base != [2]fsm.Seq{100, 300} {
		t.Fatalf("bases %v, want the ISNs 100 and 300", base)
	}
	fin := -1
	for i := range m.tl.ev {
		if ev := &m.tl.ev[i]; ev.Kind == trace.KSend && ev.Side == trace.A && ev.Seg.Flags.Has(fsm.FIN) {
			fin = i
			break
		}
	}
	ev := &m.tl.ev[fin] // A's FIN after 5 bytes: seq 106 (rel 6), ack 301 (rel 1)
	for _, c := range []struct {
		g   guess
		raw bool
		ok  bool
	}{
		{guess{flags: fsm.FIN | fsm.ACK}, false, true},
		{guess{flags: fsm.FIN | fsm.ACK | fsm.PSH}, false, true},
		{guess{flags: fsm.FIN}, false, false},
		{guess{flags: fsm.FIN | fsm.ACK, seq: "6", ack: "1"}, false, true},
		{guess{flags: fsm.FIN | fsm.ACK, seq: "5"}, false, false},
		{guess{flags: fsm.FIN | fsm.ACK, seq: "106", ack: "301"}, true, true},
		{guess{flags: fsm.FIN | fsm.ACK, seq: "6"}, true, false},
	} {
		if v := grade(ev, c.g, base, c.raw); v.ok != c.ok {
			t.Errorf("%+v raw=%v: ok=%v, want %v (the FIN is %v seq=%d ack=%d)", c.g, c.raw, v.ok, c.ok, ev.Seg.Flags, ev.Seg.Seq, ev.Seg.Ack)
		}
	}
}

// A replayed Linux capture: the questions are about what the real kernel
// sent, numbered from its own ISNs as Wireshark does.
func TestPredictReplayedCapture(t *testing.T) {
	res, err := replay.ReadFile("../replay/testdata/d_piggyback_fin.pcap", replay.Options{})
	if err != nil {
		t.Fatal(err)
	}
	m := newModelOf(recorded("d_piggyback_fin", "capture", res.Trace), Options{}, modelOptions{dark: true})
	m.Update(resize(120, 40))
	press(m, "y")
	press(m, steps(10)...)
	if !m.pr.asking() {
		t.Fatal("no question on a replayed capture")
	}
	ev := &m.tl.ev[m.pr.ask]
	if !ev.Seg.Flags.Has(fsm.SYN) || ev.Seg.Flags.Has(fsm.ACK) {
		t.Fatalf("first question is about %v, want the client's SYN", ev.Seg.Flags)
	}
	if !strings.Contains(plain(m), "the real kernel send?") {
		t.Errorf("the prompt does not ask about the real kernel:\n%s", plain(m))
	}
	press(m, "s", "tab", "0", "enter")
	if m.pr.right != 1 {
		t.Fatalf("SYN seq=0 judged wrong: %+v", m.pr.last)
	}
}

// Goldens of the prompt and of a verdict, in English and Chinese.
func TestPredictGolden(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		for _, sz := range [][2]int{{80, 24}, {120, 40}} {
			for _, at := range []string{"ask", "verdict"} {
				t.Run(fmt.Sprintf("%s/%dx%d/%s", lang, sz[0], sz[1], at), func(t *testing.T) {
					m := newTest(t, "normal-close", normalClose(), sz[0], sz[1])
					m.setLang(lang) // the whole lab, predict mode with it
					press(m, "y")
					press(m, steps(20)...) // to the SYN
					press(m, "s", "enter")
					press(m, steps(20)...) // to B's SYN,ACK
					press(m, "s", "a", "tab", "0")
					if at == "verdict" {
						press(m, "tab", "2", "enter")
					}
					out := m.render()
					checkFrame(t, out, sz[0], sz[1])
					golden.RequireEqual(t, ansi.Strip(out))
				})
			}
		}
	}
}

// In a lesson, a beat that comes before the next send stops the run
// first; the prompt opens only once the lesson plays on, and the verdict
// never hides a beat's question.
func TestPredictGivesWayToALesson(t *testing.T) {
	l, err := lesson.Lookup("lost-syn-backoff")
	if err != nil {
		t.Fatal(err)
	}
	m := newLessonModel(l, "en", Options{}, modelOptions{dark: true})
	m.Update(resize(80, 24))
	press(m, "y", "n") // predict on; play to the first beat (the RTO fires at 1 s)
	for guard := 0; guard < 10000 && m.lesson.phase == lpTo && !m.pr.asking(); guard++ {
		m.advance(50 * time.Millisecond)
	}
	if !m.pr.asking() || m.tl.ev[m.pr.ask].Seg.Flags != fsm.SYN || m.tl.ev[m.pr.ask].Retx != 0 {
		t.Fatal("the first SYN was not asked before the beat")
	}
	press(m, "s", "enter", "space")
	for guard := 0; guard < 10000 && m.lesson.phase == lpTo && !m.pr.asking(); guard++ {
		m.advance(50 * time.Millisecond)
	}
	if m.pr.asking() {
		t.Fatalf("predict asked about event %d before the lesson's beat (stop %d)", m.pr.ask, m.lesson.stop)
	}
	if m.cur != m.lesson.stop {
		t.Fatalf("stopped at %d, the beat is %d", m.cur, m.lesson.stop)
	}
	if out := plain(m); !strings.Contains(out, "What does A send next") {
		t.Errorf("the beat's question is hidden:\n%s", out)
	}
}

// The prompt and the verdict fit every size, from too small to large, in
// both languages: no line wider than the terminal, no frame taller.
func TestPredictFits(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		m := newTest(t, "normal-close", normalClose(), 80, 24)
		m.setLang(lang)
		press(m, "y")
		press(m, steps(20)...)
		press(m, "s", "tab", "1", "2", "3")
		for _, verdict := range []bool{false, true} {
			if verdict {
				press(m, "enter")
			}
			for w := 20; w <= 220; w += 25 {
				for h := 6; h <= 70; h += 8 {
					m.w, m.h = w, h
					checkFrame(t, m.render(), w, h)
				}
			}
		}
	}
}
