package ui

import (
	"bytes"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// The send dialog holds at most maxSendText characters, spaces included,
// whether typed or pasted; a huge paste is one bounded event.
func TestSendTextBounded(t *testing.T) {
	m := newTest(t, "n", normalClose(), 120, 40)
	press(m, "s")
	for range 20_000 {
		press(m, "space")
	}
	if n := len([]rune(m.send.text)); n != maxSendText {
		t.Errorf("%d characters after 20,000 spaces", n)
	}
	press(m, "esc", "s")
	m.send.text = ""
	m.Update(tea.PasteMsg{Content: strings.Repeat("ab\n", 1<<20)})
	if n := len([]rune(m.send.text)); n != maxSendText || strings.ContainsAny(m.send.text, "\n") {
		t.Errorf("%d characters after a 3 MB paste, %q", n, m.send.text[:10])
	}
	m.Update(tea.PasteMsg{Content: "more"})
	if n := len([]rune(m.send.text)); n != maxSendText {
		t.Errorf("%d characters", n)
	}
	// Outside a dialog a paste does nothing: it is no stream of commands.
	press(m, "esc")
	before := len(m.tl.ev)
	m.Update(tea.PasteMsg{Content: strings.Repeat("d", 1000)})
	if len(m.tl.ev) != before || m.modal != modalNone {
		t.Error("a paste acted as keys")
	}
}

// An ACK storm: the lab shows the run up to its budget, and says why.
func TestLabShowsALimit(t *testing.T) {
	c := normalClose()
	c.Timeline = c.Timeline[:2]
	c.Faults = []sim.Fault{{Kind: sim.FaultInject, From: trace.A, At: time.Second,
		Seg: fsm.Segment{Seq: 101, Ack: 301, Flags: fsm.ACK, Len: 100}}}
	c.A.NoACKThrottle, c.B.NoACKThrottle = true, true // RFC 5961 §7 would end the storm
	c.Limits.Events = 5000
	m := newTest(t, "storm", c, 200, 50)
	if len(m.tl.ev) == 0 || !strings.Contains(m.msg, "stopped after 5,000 events") || !strings.Contains(m.msg, "ACK storm") {
		t.Errorf("%d events, status %q", len(m.tl.ev), m.msg)
	}
	if m.cfg != c {
		t.Error("the timeline lost its configuration")
	}
}

// In Chinese the limit is said in Chinese, from the error's fields; the
// engine's English diagnosis is left out.
func TestLimitInChinese(t *testing.T) {
	m := newTest(t, "n", normalClose(), 80, 24)
	m.setLang("zh")
	e := &sim.LimitError{Limit: "events", Value: 5000, At: 1500 * time.Millisecond, Done: 5000, What: "an ACK storm"}
	got := m.limitText(e, true)
	for _, want := range []string{"事件数到了上限 5,000", "t=1.500s", "limits: {events: …}"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q lacks %q", got, want)
		}
	}
	if strings.Contains(got, "storm") || strings.Contains(got, "stopped") {
		t.Errorf("English in %q", got)
	}
}

// A stopped run says why again at its end, and whole: at 80 columns the
// sentence takes the strip above the keys; at 120 the bar keeps the short
// form, without the engine's diagnosis.
func TestStoppedRunSaysWhyAtTheEnd(t *testing.T) {
	c := normalClose()
	c.Limits.Events = 12
	for _, tc := range []struct {
		w, h int
		want string
	}{
		{80, 24, "in the scenario)"},
		{120, 40, "stopped after 12 events at t=0.100s, the limit (raise it with limits: {events: …} in the scenario)"},
	} {
		m := newTest(t, "n", c, tc.w, tc.h)
		press(m, "end")
		got := plain(m)
		if !strings.Contains(m.msg, "stopped after 12 events") || !strings.Contains(got, tc.want) {
			t.Errorf("%dx%d: status %q, screen lacks %q:\n%s", tc.w, tc.h, m.msg, tc.want, got)
		}
		if strings.Contains(got, "the limit…") || strings.Contains(got, "the limit: A sent 3 segm…") {
			t.Errorf("%dx%d: the stop is cut:\n%s", tc.w, tc.h, got)
		}
	}
}

func TestTooSmallSaysHowToQuit(t *testing.T) {
	for _, sz := range [][2]int{{20, 5}, {10, 2}, {59, 15}, {40, 10}} {
		m := newTest(t, "n", normalClose(), sz[0], sz[1])
		out := plain(m)
		checkFrame(t, m.render(), sz[0], sz[1])
		if !strings.Contains(strings.ReplaceAll(out, "\n", " "), "q quits") {
			t.Errorf("%dx%d:\n%s", sz[0], sz[1], out)
		}
	}
}

func TestPasteFilter(t *testing.T) {
	t0 := time.Unix(0, 0)
	for _, c := range []struct {
		name   string
		chunks []string
		gaps   []time.Duration
		want   string
	}{
		{"no paste", []string{"abc"}, []time.Duration{0}, "abc"},
		{"a paste", []string{"x\x1b[200~hi\x1b[201~y"}, []time.Duration{0}, "x\x1b[200~hi\x1b[201~y"},
		{"a paste in two reads", []string{"\x1b[200~hi", " there\x1b[201~"}, []time.Duration{0, time.Millisecond}, "\x1b[200~hi there\x1b[201~"},
		{"a stray start, then q", []string{"\x1b[200~", "q"}, []time.Duration{0, time.Second}, "\x1b[200~\x1b[201~q"},
		{"a stray start, then ctrl+c", []string{"a\x1b[200~b", "\x03"}, []time.Duration{0, time.Second}, "a\x1b[200~b\x1b[201~\x03"},
		{"an unbracketed paste", []string{"qqqqqqqqqqqqqqqqqqqq\n", "q"}, []time.Duration{0, time.Millisecond}, "\x1b[200~qqqqqqqqqqqqqqqqqqqq\n\x1b[201~q"},
		{"keys with ctrl+c", []string{"qqqqqqqqqqqqqqqqqqqq\x03"}, []time.Duration{0}, "qqqqqqqqqqqqqqqqqqqq\x03"},
	} {
		var f pasteFilter
		now := t0
		var got []byte
		for i, ch := range c.chunks {
			now = now.Add(c.gaps[i])
			got = append(got, f.filter([]byte(ch), now)...)
		}
		if string(got) != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
	// A paste longer than maxPaste ends at maxPaste; the rest, and its
	// real end, are dropped; what follows passes.
	var f pasteFilter
	big := append(append([]byte("\x1b[200~"), bytes.Repeat([]byte("z"), 3*maxPaste)...), "\x1b[201~q"...)
	var got []byte
	for i := 0; i < len(big); i += 4096 {
		got = append(got, f.filter(big[i:min(i+4096, len(big))], time.Unix(0, int64(i)))...)
	}
	want := "\x1b[200~" + strings.Repeat("z", maxPaste) + "\x1b[201~q"
	if string(got) != want {
		t.Errorf("bounded paste: %d bytes, want %d", len(got), len(want))
	}
}

// A connection's name makes the inspector's transition line longer: the
// time then goes on the next line rather than being cut.
func TestTransitionTimeNotCut(t *testing.T) {
	m := bundled(t, "listener-two-clients", 120, 40)
	press(m, "end")
	got := plain(m)
	for _, want := range []string{"B:80↔49153 SYN-RECEIVED → ESTABLISHED", "at 1.150s"} {
		if !strings.Contains(got, want) {
			t.Errorf("the inspector lacks %q:\n%s", want, got)
		}
	}
}
