package ui

import (
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/trace"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
)

// Test scenarios are built as sim.Config values here, so the UI's tests
// do not depend on the YAML library.

const ms = time.Millisecond

func baseConfig() *sim.Config {
	return &sim.Config{Seed: 1, MSL: time.Second,
		A:    sim.EndpointConfig{Addr: netip.MustParseAddr("10.0.0.1"), Port: 49152, ISN: 100},
		B:    sim.EndpointConfig{Addr: netip.MustParseAddr("10.0.0.2"), Port: 80, ISN: 300},
		AtoB: sim.LinkConfig{Delay: 50 * ms}, BtoA: sim.LinkConfig{Delay: 50 * ms},
	}
}

// normalClose: handshake, 5 bytes, the four-segment close, TIME-WAIT.
func normalClose() *sim.Config {
	c := baseConfig()
	c.Timeline = []sim.Action{
		{Side: trace.B, Op: trace.OpListen},
		{Side: trace.A, Op: trace.OpConnect},
		{When: true, WhenSide: trace.A, WhenState: fsm.Established, Side: trace.A, Op: trace.OpSend, Data: []byte("hello")},
		{At: 3 * time.Second, Side: trace.A, Op: trace.OpClose},
		{When: true, WhenSide: trace.B, WhenState: fsm.CloseWait, After: 100 * ms, Side: trace.B, Op: trace.OpClose},
	}
	return c
}

// lostSYN: the first SYN is dropped and retransmitted after the RTO.
func lostSYN() *sim.Config {
	c := normalClose()
	c.Faults = []sim.Fault{{Kind: sim.FaultDrop, From: trace.A, Flags: fsm.SYN, Nth: 1}}
	return c
}

// simultaneousClose: both sides call CLOSE at once (CLOSING).
func simultaneousClose() *sim.Config {
	c := baseConfig()
	c.Timeline = []sim.Action{
		{Side: trace.B, Op: trace.OpListen},
		{Side: trace.A, Op: trace.OpConnect},
		{At: 500 * ms, Side: trace.A, Op: trace.OpClose},
		{At: 500 * ms, Side: trace.B, Op: trace.OpClose},
	}
	return c
}

// lossyData: a few kilobytes over a link that loses, duplicates and
// reorders, then a close.
func lossyData() *sim.Config {
	c := baseConfig()
	c.Seed = 7
	l := sim.LinkConfig{Delay: 40 * ms, Jitter: 10 * ms, Loss: 0.15, Duplicate: 0.1, Reorder: 0.1}
	c.AtoB, c.BtoA = l, l
	c.Timeline = []sim.Action{
		{Side: trace.B, Op: trace.OpListen},
		{Side: trace.A, Op: trace.OpConnect},
		{When: true, WhenSide: trace.A, WhenState: fsm.Established, Side: trace.A, Op: trace.OpSend, Data: make([]byte, 6000)},
		{At: 3 * time.Second, Side: trace.A, Op: trace.OpClose},
		{When: true, WhenSide: trace.B, WhenState: fsm.CloseWait, After: 100 * ms, Side: trace.B, Op: trace.OpClose},
	}
	return c
}

// bulk sends n bytes from A to B and closes: long traces for benchmarks.
func bulk(n int) *sim.Config {
	c := baseConfig()
	c.Timeline = []sim.Action{
		{Side: trace.B, Op: trace.OpListen},
		{Side: trace.A, Op: trace.OpConnect},
		{When: true, WhenSide: trace.A, WhenState: fsm.Established, Side: trace.A, Op: trace.OpSend, Data: make([]byte, n)},
		{When: true, WhenSide: trace.A, WhenState: fsm.Established, After: time.Hour, Side: trace.A, Op: trace.OpClose},
	}
	c.Until = 2 * time.Hour
	return c
}

type testCase struct {
	name string
	cfg  func() *sim.Config
}

var cases = []testCase{
	{"normal-close", normalClose},
	{"lost-syn", lostSYN},
	{"simultaneous-close", simultaneousClose},
	{"lossy-data", lossyData},
}

func scenarioOf(name string, cfg *sim.Config) *scenarios.Scenario {
	return &scenarios.Scenario{Name: name, Title: "Test: " + name, Profile: "rfc9293", Config: cfg}
}

// newTest builds a paused model of a size.
func newTest(t testing.TB, name string, cfg *sim.Config, w, h int) *Model {
	t.Helper()
	m := newModel(scenarioOf(name, cfg), Options{}, modelOptions{dark: true})
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// press sends keys by name ("right", "d", "C", "space", "ctrl+c").
func press(m *Model, keys ...string) {
	for _, k := range keys {
		m.Update(keyMsg(k))
	}
}

func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "home":
		return tea.KeyPressMsg{Code: tea.KeyHome}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// checkFrame asserts that no line is wider than the terminal and that
// there are no more lines than rows, on the styled output.
func checkFrame(t testing.TB, out string, w, h int) {
	t.Helper()
	ls := strings.Split(out, "\n")
	if len(ls) > h {
		t.Errorf("%d lines for a %d-row terminal", len(ls), h)
	}
	for i, l := range ls {
		if got := ansi.StringWidth(l); got > w {
			t.Errorf("line %d is %d cells wide on a %d-column terminal: %q", i, got, w, ansi.Strip(l))
		}
	}
}

// plain is the frame without escape codes.
func plain(m *Model) string { return ansi.Strip(m.render()) }

func resize(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }
