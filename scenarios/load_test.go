package scenarios

import (
	"errors"
	"github.com/tcpsim/tcpsim/trace"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/sim"
)

// tl is the smallest valid timeline, appended to cases about other keys.
const tl = "timeline:\n  - {at: 0s, a: connect}\n"

// Each kind of mistake a scenario file can hold, with the exact message.
func TestLoadErrors(t *testing.T) {
	states := "CLOSED, LISTEN, SYN-SENT, SYN-RECEIVED, ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2, CLOSE-WAIT, CLOSING, LAST-ACK or TIME-WAIT"
	cases := []struct{ name, src, want string }{
		// YAML itself
		{"syntax", "name: x\nlink: {delay: 1\n" + tl,
			`t.yaml:3:1: invalid YAML: ',' or '}' must be specified`},
		{"duplicate key", "seed: 1\nseed: 2\n" + tl,
			`t.yaml:2:1: duplicate key "seed" (already set on line 1)`},
		{"empty file", "",
			`t.yaml: the file is empty; a scenario needs at least a timeline`},
		{"only a comment", "# nothing\n",
			`t.yaml: the file is empty; a scenario needs at least a timeline`},
		{"two documents", tl + "---\n" + tl,
			`t.yaml:4:9: a file holds one scenario, but a second YAML document (---) starts here`},
		{"alias", "title: &t hello\ndescription: *t\n" + tl,
			`t.yaml:2:14: description: aliases (*name) are not supported; write the value out`},
		{"not a mapping", "- 1\n- 2\n",
			`t.yaml:1:1: expected a mapping (key: value), got a list`},

		// unknown fields
		{"unknown top-level field", "nmae: x\n" + tl,
			`t.yaml:1:1: nmae: unknown field (did you mean "name"?); expected name, title, description, profile, seed, msl, until, endpoints, link, faults, timeline, expect, highlight, limits or tolerance`},
		{"unknown nested field", "link:\n  delya: 5ms\n" + tl,
			`t.yaml:2:3: link.delya: unknown field (did you mean "delay"?); expected delay, jitter, loss, duplicate, reorder, a_to_b or b_to_a`},
		{"endpoint other than a/b as a key", "timeline:\n  - {when: {c: LISTEN}, a: close}\n",
			`t.yaml:2:13: timeline[0].when.c: unknown field; expected a or b`},
		{"unknown field in send", "timeline:\n  - {at: 0s, a: {sned: hi}}\n",
			`t.yaml:2:18: timeline[0].a.sned: unknown field (did you mean "send"?); the actions with a value are send, read, shutdown, link or connect`},

		{"connect without a port", "timeline:\n  - {at: 0s, a: {connect: 1}}\n",
			`t.yaml:2:27: timeline[0].a.connect: expected {port: N}, the local port to connect from, e.g. {connect: {port: 49153}}`},
		{"connect with another field", "timeline:\n  - {at: 0s, a: {connect: {addr: x}}}\n",
			`t.yaml:2:28: timeline[0].a.connect.addr: unknown field; connect takes {port: N}, the local port, and {isn: N}, the ISN`},
		{"connect port out of range", "timeline:\n  - {at: 0s, a: {connect: {port: 70000}}}\n",
			`t.yaml:2:34: timeline[0].a.connect.port: expected a port, 1..65535`},
		{"connect isn out of range", "timeline:\n  - {at: 0s, a: {connect: {isn: 4294967296}}}\n",
			`t.yaml:2:33: timeline[0].a.connect.isn: expected an ISN, 0..4294967295`},
		{"connect isn as text", "timeline:\n  - {at: 0s, a: {connect: {isn: x}}}\n",
			`t.yaml:2:33: timeline[0].a.connect.isn: expected an ISN, 0..4294967295`},

		// wrong types
		{"text for an integer", "endpoints:\n  a: {port: http}\n" + tl,
			`t.yaml:2:13: endpoints.a.port: expected an integer 0..65535, got "http"`},
		{"integer too large", "endpoints:\n  a: {port: 70000}\n" + tl,
			`t.yaml:2:13: endpoints.a.port: expected an integer 0..65535, got 70000`},
		{"negative unsigned", "endpoints:\n  a: {isn: -1}\n" + tl,
			`t.yaml:2:12: endpoints.a.isn: expected an integer 0..4294967295, got -1`},
		{"fraction for an integer", "faults:\n  - drop: {from: a, nth: 1.5}\n" + tl,
			`t.yaml:2:26: faults[0].drop.nth: expected an integer, got 1.5`},
		{"scalar for a list", "faults:\n  - drop: {from: a, flags: SYN}\n" + tl,
			`t.yaml:2:28: faults[0].drop.flags: expected a list, got "SYN"`},
		{"mapping for a duration", "msl: {a: 1}\n" + tl,
			`t.yaml:1:6: msl: expected a duration such as 150ms, 2s or 1m, got a mapping`},
		{"list for an endpoint", "faults:\n  - drop: {from: [a]}\n" + tl,
			`t.yaml:2:18: faults[0].drop.from: expected an endpoint, a or b, got a list`},
		{"text for a bool", "faults:\n  - drop: {from: a, flags: [SYN], contains: yes}\n" + tl,
			`t.yaml:2:45: faults[0].drop.contains: expected true or false, got "yes"`},
		{"number for an action", "timeline:\n  - {at: 0s, a: 5}\n",
			`t.yaml:2:17: timeline[0].a: expected an action (listen, connect, send, close, shutdown, abort, crash, read or stop_reading), got 5`},
		{"empty mapping for an action", "timeline:\n  - {at: 0s, a: {}}\n",
			`t.yaml:2:17: timeline[0].a: expected an action (listen, connect, send, close, shutdown, abort, crash, read or stop_reading), got a mapping`},

		// impossible values
		{"duration without unit", "msl: 5\n" + tl,
			`t.yaml:1:6: msl: expected a duration such as 150ms, 2s or 1m, got "5" (add a unit)`},
		{"duration in words", "msl: 2 seconds\n" + tl,
			`t.yaml:1:6: msl: expected a duration such as 150ms, 2s or 1m, got "2 seconds"`},
		{"negative duration", "timeline:\n  - {at: -1s, a: connect}\n",
			`t.yaml:2:10: timeline[0].at: expected a duration of 0s or more, got -1s`},
		{"probability above 1", "link: {loss: 1.5}\n" + tl,
			`t.yaml:1:14: link.loss: expected a probability from 0 to 1 (0.1 is 10%), got 1.5`},
		{"negative probability", "link:\n  a_to_b: {duplicate: -0.1}\n" + tl,
			`t.yaml:2:23: link.a_to_b.duplicate: expected a probability from 0 to 1 (0.1 is 10%), got -0.1`},
		{"zero window", "endpoints:\n  a: {window: 0}\n" + tl,
			`t.yaml:2:15: endpoints.a.window: expected a window of 1..65535 bytes, got 0`},
		{"zero retries", "endpoints:\n  a: {retries: 0}\n" + tl,
			`t.yaml:2:16: endpoints.a.retries: expected 1 or more retransmissions, got 0`},
		{"send nothing", "timeline:\n  - {at: 0s, a: {send: 0}}\n",
			`t.yaml:2:24: timeline[0].a.send: expected 1..16777216 bytes, got 0`},
		{"send negative", "timeline:\n  - {at: 0s, a: {send: -5}}\n",
			`t.yaml:2:24: timeline[0].a.send: expected 1..16777216 bytes, got -5`},
		{"hold for nothing", "faults:\n  - hold: {from: b, for: 0s}\n" + tl,
			`t.yaml:2:26: faults[0].hold.for: expected a duration of more than 0s, got 0s`},
		{"bad name", "name: Bad Name\n" + tl,
			`t.yaml:1:7: name: expected a name of lower-case letters, digits, '-', '.' and '_' (it is typed on the command line), got "Bad Name"`},
		{"zero until", "until: 0s\n" + tl,
			`t.yaml:1:8: until: expected a duration of more than 0s, got 0s`},
		{"bad address", "endpoints:\n  a: {addr: 10.0.0}\n" + tl,
			`t.yaml:2:13: endpoints.a.addr: expected an IP address such as 10.0.0.1 or fd00::1, got "10.0.0"`},
		{"mixed IP versions", "endpoints:\n  b: {addr: 'fd00::2'}\n" + tl,
			`t.yaml:2:13: endpoints.b.addr: fd00::2 and A's 10.0.0.1 are different IP versions; use IPv4 or IPv6 for both`},
		{"same socket twice", "endpoints:\n  b: {addr: 10.0.0.1, port: 49152}\n" + tl,
			`t.yaml:2:6: endpoints.b: B has the same address and port as A (10.0.0.1:49152)`},

		// unknown names
		{"unknown state", "timeline:\n  - {when: {b: ESTABLISH}, a: close}\n",
			`t.yaml:2:16: timeline[0].when.b: unknown state "ESTABLISH" (did you mean "ESTABLISHED"?); expected one of ` + states},
		{"unknown flag", "faults:\n  - drop: {from: a, flags: [SYN, AKC]}\n" + tl,
			`t.yaml:2:34: faults[0].drop.flags[1]: unknown flag "AKC" (did you mean "ACK"?); expected SYN, FIN, RST, PSH or ACK`},
		{"flag twice", "faults:\n  - drop: {from: a, flags: [ACK, ACK]}\n" + tl,
			`t.yaml:2:34: faults[0].drop.flags[1]: flag ACK is listed twice`},
		{"unknown action", "timeline:\n  - {at: 0s, a: conect}\n",
			`t.yaml:2:17: timeline[0].a: unknown action "conect" (did you mean "connect"?); expected listen, connect, send, close, shutdown, abort, crash, read or stop_reading`},
		{"send without data", "timeline:\n  - {at: 0s, a: send}\n",
			`t.yaml:2:17: timeline[0].a: send needs what to send: {send: "hello"} (text) or {send: 2000} (bytes)`},
		{"endpoint other than a/b as a value", "faults:\n  - drop: {from: c}\n" + tl,
			`t.yaml:2:18: faults[0].drop.from: expected an endpoint, a or b, got "c"`},

		// structure
		{"no timeline", "name: x\n",
			`t.yaml:1:1: timeline: a scenario needs a timeline: at least one step such as {at: 0s, b: listen}`},
		{"empty timeline", "timeline: []\n",
			`t.yaml:1:11: timeline: a scenario needs a timeline: at least one step such as {at: 0s, b: listen}`},
		{"step on both endpoints", "timeline:\n  - {at: 0s, a: listen, b: connect}\n",
			`t.yaml:2:28: timeline[0].b: one step acts on one endpoint; put a and b in separate steps`},
		{"step without time", "timeline:\n  - {a: listen}\n",
			`t.yaml:2:5: timeline[0]: expected at (a time, e.g. at: 1s) or when (a state to wait for, e.g. when: {b: CLOSE-WAIT})`},
		{"step without action", "timeline:\n  - {at: 0s}\n",
			`t.yaml:2:5: timeline[0]: expected an action for a or b, e.g. a: connect`},
		{"at and when", "timeline:\n  - {at: 0s, when: {a: LISTEN}, b: connect}\n",
			`t.yaml:2:20: timeline[0].when: use either at (a time) or when (a state to wait for), not both`},
		{"after without when", "timeline:\n  - {at: 0s, after: 1s, b: connect}\n",
			`t.yaml:2:21: timeline[0].after: after goes with when; with at, add the delay to at`},
		{"when on both endpoints", "timeline:\n  - {when: {a: LISTEN, b: LISTEN}, b: connect}\n",
			`t.yaml:2:12: timeline[0].when: expected one endpoint's state, e.g. when: {b: CLOSE-WAIT}, not both`},
		{"two fault kinds", "faults:\n  - drop: {from: a}\n    hold: {from: a, for: 1s}\n" + tl,
			`t.yaml:2:5: faults[0]: expected exactly one of drop, hold, inject or vanish in each fault`},
		{"no fault kind", "faults:\n  - {}\n" + tl,
			`t.yaml:2:5: faults[0]: expected exactly one of drop, hold, inject or vanish in each fault`},
		{"hold without for", "faults:\n  - hold: {from: b, flags: [SYN, ACK]}\n" + tl,
			`t.yaml:2:11: faults[0].hold: a hold needs for: how long to delay the segment, e.g. for: 2s`},
		{"inject without seg", "faults:\n  - inject: {at: 0s, to: b}\n" + tl,
			`t.yaml:2:13: faults[0].inject: an inject needs seg: the segment to deliver, e.g. seg: {seq: 90, flags: [SYN]}`},
		{"inject without seq", "faults:\n  - inject: {to: b, seg: {flags: [ACK]}}\n" + tl,
			`t.yaml:2:26: faults[0].inject.seg: a segment needs seq: its sequence number`},
		{"ack without ACK flag", "faults:\n  - inject: {to: b, seg: {seq: 1, ack: 5, flags: [SYN]}}\n" + tl,
			`t.yaml:2:40: faults[0].inject.seg.ack: ack is read only when flags include ACK`},
		{"ACK flag without ack", "faults:\n  - inject: {to: b, seg: {seq: 1, flags: [ACK]}}\n" + tl,
			`t.yaml:2:26: faults[0].inject.seg: a segment with the ACK flag needs ack: the acknowledgment number`},
		{"inject to port 0", "faults:\n  - inject: {to: b, to_port: 0, seg: {seq: 1, flags: [SYN]}}\n" + tl,
			`t.yaml:2:30: faults[0].inject.to_port: expected a port, 1..65535`},
		{"inject from a port too big", "faults:\n  - inject: {to: b, from_port: 70000, seg: {seq: 1, flags: [SYN]}}\n" + tl,
			`t.yaml:2:32: faults[0].inject.from_port: expected an integer 0..65535, got 70000`},
		{"inject from a named port", "faults:\n  - inject: {to: b, from_port: http, seg: {seq: 1, flags: [SYN]}}\n" + tl,
			`t.yaml:2:32: faults[0].inject.from_port: expected an integer 0..65535, got "http"`},

		// expectations that cannot be met or mean nothing
		{"unknown state in final", tl + "expect:\n  final: {a: OPEN}\n",
			`t.yaml:4:14: expect.final.a: unknown state "OPEN"; expected one of ` + states},
		{"unknown state in visits", tl + "expect:\n  visits: {b: [LISTEN, SYNRECEIVED]}\n",
			`t.yaml:4:24: expect.visits.b[1]: unknown state "SYNRECEIVED" (did you mean "SYN-RECEIVED"?); expected one of ` + states},
		{"unknown error", tl + "expect:\n  errors: {a: rest}\n",
			`t.yaml:4:15: expect.errors.a: unknown error "rest" (did you mean "reset"?); expected none, reset, refused or timeout`},
		{"none in a list", tl + "expect:\n  errors: {a: [reset, none]}\n",
			`t.yaml:4:23: expect.errors.a[1]: none stands alone; write errors: {a: none}`},
		{"count and min", tl + "expect:\n  segments:\n    - {from: a, count: 1, min: 1}\n",
			`t.yaml:5:24: expect.segments[0].count: use either count or min/max, not both`},
		{"no count", tl + "expect:\n  segments:\n    - {from: a}\n",
			`t.yaml:5:7: expect.segments[0]: expected count (exactly), or min and/or max`},
		{"max below min", tl + "expect:\n  segments:\n    - {from: a, min: 3, max: 1}\n",
			`t.yaml:5:30: expect.segments[0].max: max 1 is less than min 3`},
		{"state after the run", "until: 10s\n" + tl + "expect:\n  states:\n    - {at: 20s, a: CLOSED}\n",
			`t.yaml:6:12: expect.states[0].at: 20s is after the run ends (until: 10s)`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Load("t.yaml", []byte(c.src))
			if err == nil {
				t.Fatalf("loaded without error:\n%s", c.src)
			}
			if err.Error() != c.want {
				t.Errorf("got  %s\nwant %s", err, c.want)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error is %T, not *Error", err)
			}
		})
	}
}

// The profile list comes from the engine, which may add profiles.
func TestLoadUnknownProfile(t *testing.T) {
	_, err := Load("t.yaml", []byte("profile: nope\n"+tl))
	if err == nil {
		t.Fatal("loaded an unknown profile")
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, `t.yaml:1:10: profile: unknown profile "nope"; expected `) {
		t.Errorf("got %s", msg)
	}
	for name := range sim.Profiles {
		if !strings.Contains(msg, name) {
			t.Errorf("%q does not list profile %s", msg, name)
		}
	}
}

func TestErrorExcerpt(t *testing.T) {
	src := "name: x\nlink:\n  delya: 5ms\n" + tl
	_, err := Load("t.yaml", []byte(src))
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("got %v", err)
	}
	want := "   1 | name: x\n" +
		"   2 | link:\n" +
		">  3 |   delya: 5ms\n" +
		"         ^\n" +
		"   4 | timeline:\n" +
		"   5 |   - {at: 0s, a: connect}"
	if got := e.Excerpt(false); got != want {
		t.Errorf("excerpt:\n%s\nwant:\n%s", got, want)
	}
	if e.Line != 3 || e.Column != 3 || e.Path != "link.delya" {
		t.Errorf("position %d:%d %q", e.Line, e.Column, e.Path)
	}
	if !strings.Contains(e.Excerpt(true), "\x1b[") {
		t.Error("colored excerpt has no color")
	}
	if (&Error{File: "f"}).Excerpt(false) != "" {
		t.Error("an error without position has an excerpt")
	}
}

// A full file maps onto the engine's Config field by field.
func TestLoadConfig(t *testing.T) {
	src := `name: full
title: Everything set
description: |
  Two lines
  of text.
profile: rfc9293
seed: 42
msl: 3s
until: 1m
endpoints:
  a: {addr: 'fd00::1', port: 1000, isn: 7, window: 1000, mss: 500, delayed_ack: 0s, syn_retries: 2, retries: 3, ack_throttle: false}
  b: {addr: 'fd00::2', port: 2000, isn: 8, delayed_ack: 40ms}
link:
  delay: 10ms
  jitter: 1ms
  loss: 0.1
  duplicate: 0.2
  reorder: 0.3
  b_to_a: {delay: 20ms, loss: 0}
faults:
  - drop: {from: a, flags: [ACK], state: TIME-WAIT, nth: 2}
  - hold: {from: b, flags: [FIN], contains: true, for: 3s}
  - drop: {from: b}
  - inject: {at: 5ms, to: b, seg: {seq: 90, ack: 3, flags: [rst, ACK], wnd: 10, mss: 100, len: 4}}
  - inject: {at: 6ms, to: a, from_port: 4444, seg: {seq: 1, flags: [SYN]}}
timeline:
  - {at: 0s, b: listen}
  - {at: 1s, a: connect}
  - {when: {a: established}, after: 5ms, a: {send: "hi"}}
  - {when: {b: CLOSE_WAIT}, b: {send: 30}}
  - {at: 2s, a: shutdown}
  - {at: 3s, b: close}
  - {at: 4s, a: abort}
  - {at: 5s, b: crash}
`
	sc, err := Load("dir/full.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if sc.Name != "full" || sc.Title != "Everything set" || sc.Description != "Two lines\nof text." || sc.Profile != "rfc9293" || sc.File != "dir/full.yaml" || string(sc.Source) != src {
		t.Errorf("header: %+v", sc)
	}
	c := sc.Config
	if c.Seed != 42 || c.MSL != 3*time.Second || c.Until != time.Minute || c.Profile != sim.Profiles["rfc9293"] {
		t.Errorf("run settings: seed %d msl %v until %v", c.Seed, c.MSL, c.Until)
	}
	if c.A.Addr.String() != "fd00::1" || c.A.Port != 1000 || c.A.ISN != 7 || c.A.Window != 1000 || c.A.MSS != 500 ||
		c.A.DelayedACK != -1 || c.A.SynRetries != 2 || c.A.Retries != 3 || !c.A.NoACKThrottle || c.B.NoACKThrottle {
		t.Errorf("A: %+v", c.A)
	}
	if c.B.Addr.String() != "fd00::2" || c.B.Port != 2000 || c.B.ISN != 8 || c.B.Window != 0 || c.B.DelayedACK != 40*time.Millisecond {
		t.Errorf("B: %+v", c.B)
	}
	ms := time.Millisecond
	if want := (sim.LinkConfig{Delay: 10 * ms, Jitter: ms, Loss: 0.1, Duplicate: 0.2, Reorder: 0.3}); c.AtoB != want {
		t.Errorf("AtoB %+v", c.AtoB)
	}
	if want := (sim.LinkConfig{Delay: 20 * ms, Jitter: ms, Loss: 0, Duplicate: 0.2, Reorder: 0.3}); c.BtoA != want {
		t.Errorf("BtoA %+v", c.BtoA)
	}
	wantFaults := []sim.Fault{
		{Kind: sim.FaultDrop, From: trace.A, Flags: fsm.ACK, State: fsm.TimeWait, HasState: true, Nth: 2},
		{Kind: sim.FaultHold, From: trace.B, Flags: fsm.FIN, Contains: true, Nth: 1, For: 3 * time.Second},
		{Kind: sim.FaultDrop, From: trace.B, AnyFlags: true, Nth: 1},
		{Kind: sim.FaultInject, From: trace.A, At: 5 * ms, Seg: fsm.Segment{Seq: 90, Ack: 3, Flags: fsm.RST | fsm.ACK, Wnd: 10, MSS: 100, Len: 4}},
		{Kind: sim.FaultInject, From: trace.B, At: 6 * ms, Ports: [2]uint16{4444, 0}, Seg: fsm.Segment{Seq: 1, Flags: fsm.SYN, Wnd: 65535}},
	}
	if !slices.EqualFunc(c.Faults, wantFaults, func(a, b sim.Fault) bool {
		return a.Kind == b.Kind && a.From == b.From && a.Flags == b.Flags && a.Contains == b.Contains && a.AnyFlags == b.AnyFlags &&
			a.State == b.State && a.HasState == b.HasState && a.Nth == b.Nth && a.For == b.For && a.At == b.At &&
			a.Seg.Seq == b.Seg.Seq && a.Seg.Ack == b.Seg.Ack && a.Seg.Flags == b.Seg.Flags && a.Seg.Wnd == b.Seg.Wnd &&
			a.Seg.MSS == b.Seg.MSS && a.Seg.Len == b.Seg.Len
	}) {
		t.Errorf("faults:\n%+v\nwant\n%+v", c.Faults, wantFaults)
	}
	wantTL := []sim.Action{
		{Side: trace.B, Op: trace.OpListen},
		{At: time.Second, Side: trace.A, Op: trace.OpConnect},
		{When: true, WhenSide: trace.A, WhenState: fsm.Established, After: 5 * ms, Side: trace.A, Op: trace.OpSend, Data: []byte("hi")},
		{When: true, WhenSide: trace.B, WhenState: fsm.CloseWait, Side: trace.B, Op: trace.OpSend, Data: []byte("abcdefghijklmnopqrstuvwxyzabcd")},
		{At: 2 * time.Second, Side: trace.A, Op: trace.OpShutdown},
		{At: 3 * time.Second, Side: trace.B, Op: trace.OpClose},
		{At: 4 * time.Second, Side: trace.A, Op: trace.OpAbort},
		{At: 5 * time.Second, Side: trace.B, Op: trace.OpCrash},
	}
	if !slices.EqualFunc(c.Timeline, wantTL, func(a, b sim.Action) bool {
		return a.At == b.At && a.When == b.When && a.WhenSide == b.WhenSide && a.WhenState == b.WhenState &&
			a.After == b.After && a.Side == b.Side && a.Op == b.Op && string(a.Data) == string(b.Data)
	}) {
		t.Errorf("timeline:\n%+v\nwant\n%+v", c.Timeline, wantTL)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("the engine rejects the config: %v", err)
	}
}

// What a file leaves out takes the documented defaults.
func TestLoadDefaults(t *testing.T) {
	sc, err := Load("some/dir/my-test.yml", []byte(tl))
	if err != nil {
		t.Fatal(err)
	}
	c := sc.Config
	if sc.Name != "my-test" || sc.Title != "my-test" || sc.Profile != "rfc9293" || len(sc.Expect) != 0 {
		t.Errorf("header %+v", sc)
	}
	if c.Seed != 1 || c.MSL != 2*time.Minute || c.Until != 0 || c.Profile != sim.RFC9293 {
		t.Errorf("seed %d msl %v until %v", c.Seed, c.MSL, c.Until)
	}
	if c.A.Addr.String() != "10.0.0.1" || c.A.Port != 49152 || c.A.ISN != 100 || c.B.Addr.String() != "10.0.0.2" || c.B.Port != 80 || c.B.ISN != 300 {
		t.Errorf("endpoints %+v %+v", c.A, c.B)
	}
	if c.A.DelayedACK != 0 || c.A.Window != 0 {
		t.Errorf("A should leave delayed ACK and window to the engine: %+v", c.A)
	}
	if want := (sim.LinkConfig{Delay: 50 * time.Millisecond}); c.AtoB != want || c.BtoA != want {
		t.Errorf("link %+v %+v", c.AtoB, c.BtoA)
	}
}

func TestPattern(t *testing.T) {
	if got := string(pattern(30)); got != "abcdefghijklmnopqrstuvwxyzabcd" {
		t.Errorf("pattern(30) = %q", got)
	}
	// built by doubling copies: every size, byte i is the alphabet's i%26
	for _, n := range []int{0, 1, 25, 26, 27, 52, 53, 1000, 1<<20 + 3} {
		b := pattern(n)
		if len(b) != n {
			t.Fatalf("pattern(%d) has %d bytes", n, len(b))
		}
		for i := range b {
			if b[i] != byte('a'+i%26) {
				t.Fatalf("pattern(%d)[%d] = %q", n, i, b[i])
			}
		}
	}
}

func TestSuggest(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"nmae", "name"}, {"delya", "delay"}, {"ESTABLISH", "ESTABLISHED"}, {"established", "ESTABLISHED"},
		{"zzz", ""}, {"a", ""}, {"B", "b"},
	} {
		if got := suggest(c.in, []string{"name", "delay", "ESTABLISHED", "b"}); got != c.want {
			t.Errorf("suggest(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// RFC 9293 MUST-40: an ACK may be delayed by less than 0.5 s only.
func TestDelayedACKBound(t *testing.T) {
	for _, c := range []struct {
		v  string
		ok bool
	}{{"499ms", true}, {"200ms", true}, {"0s", true}, {"500ms", false}, {"2s", false}} {
		_, err := Load("t.yaml", []byte("endpoints:\n  b: {delayed_ack: "+c.v+"}\n"+tl))
		if c.ok != (err == nil) {
			t.Errorf("delayed_ack %s: %v", c.v, err)
			continue
		}
		if !c.ok && !strings.Contains(err.Error(), "t.yaml:2:20: endpoints.b.delayed_ack: "+c.v+" is too long") {
			t.Errorf("delayed_ack %s: %v", c.v, err)
		}
	}
}

// RFC 9293 SHLD-1: keyed_isn asks for RFC 6528 ISNs, and cannot be
// combined with a fixed isn.
func TestKeyedISNKey(t *testing.T) {
	sc, err := Load("t.yaml", []byte("endpoints:\n  a: {keyed_isn: true}\n"+tl))
	if err != nil || !sc.Config.A.KeyedISN || sc.Config.B.KeyedISN {
		t.Fatalf("%v", err)
	}
	_, err = Load("t.yaml", []byte("endpoints:\n  a: {isn: 5, keyed_isn: true}\n"+tl))
	if err == nil || !strings.Contains(err.Error(), "t.yaml:2:26: endpoints.a.keyed_isn: keyed_isn picks the ISN itself") {
		t.Fatalf("%v", err)
	}
}

// connect takes a port, an ISN, or both.
func TestConnectPortAndISN(t *testing.T) {
	sc, err := Load("t.yaml", []byte("timeline:\n  - {at: 0s, b: listen}\n  - {at: 0s, a: {connect: {port: 49153, isn: 0}}}\n  - {at: 1s, a: {connect: {isn: 5000}}}\n"))
	if err != nil {
		t.Fatal(err)
	}
	a, b := sc.Config.Timeline[1], sc.Config.Timeline[2]
	if a.Port != 49153 || !a.HasISN || a.ISN != 0 || b.Port != 0 || !b.HasISN || b.ISN != 5000 {
		t.Errorf("got %+v and %+v", a, b)
	}
}
