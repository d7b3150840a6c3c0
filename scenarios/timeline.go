package scenarios

import (
	"fmt"
	"maps"
	"reflect"
	"slices"

	"github.com/goccy/go-yaml"
	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// This file: faults and the timeline, the parts of a scenario that act.

// fault reads one fault: a drop, a hold or an injected segment.
func (d *doc) fault(r *faultYAML, path string) (sim.Fault, *Error) {
	var f sim.Fault
	n := 0
	for _, set := range []bool{r.Drop != nil, r.Hold != nil, r.Inject != nil, r.Vanish != nil} {
		if set {
			n++
		}
	}
	if n != 1 {
		return f, d.errAt(path, "expected exactly one of drop, hold, inject or vanish in each fault")
	}
	switch {
	case r.Vanish != nil:
		return d.vanish(r.Vanish, path+".vanish")
	case r.Drop != nil:
		m := r.Drop
		f.Kind = sim.FaultDrop
		if e := d.match(&f, path+".drop", m.From, m.Flags, m.Contains, m.State, m.Nth); e != nil {
			return f, e
		}
		return f, d.segRange(&m.SegRangeYAML, path+".drop", &f)
	case r.Hold != nil:
		m := r.Hold
		f.Kind = sim.FaultHold
		if e := d.match(&f, path+".hold", m.From, m.Flags, m.Contains, m.State, m.Nth); e != nil {
			return f, e
		}
		if e := d.segRange(&m.SegRangeYAML, path+".hold", &f); e != nil {
			return f, e
		}
		if m.For == "" {
			return f, d.errAt(path+".hold", "a hold needs for: how long to delay the segment, e.g. for: 2s")
		}
		var e *Error
		if f.For, e = d.duration(m.For, path+".hold.for", 0); e != nil {
			return f, e
		}
		if f.For == 0 {
			return f, d.errAt(path+".hold.for", "expected a duration of more than 0s, got %s", m.For)
		}
		return f, nil
	}
	return d.inject(r.Inject, path+".inject")
}

// vanish reads "B vanishes": every segment it sends is lost from at on
// (from: both is a partition), until the link heals.
func (d *doc) vanish(v *vanishYAML, p string) (sim.Fault, *Error) {
	f := sim.Fault{Kind: sim.FaultVanish}
	var e *Error
	if v.From == "both" {
		f.Both = true
	} else if f.From, e = d.side(v.From, p+".from"); e != nil {
		return f, d.errAt(p+".from", "expected an endpoint, a or b, or both (a partition), got %q", v.From)
	}
	if f.At, e = d.duration(v.At, p+".at", 0); e != nil {
		return f, e
	}
	if f.Until, e = d.duration(v.Until, p+".until", 0); e != nil {
		return f, e
	}
	if v.Until != "" && f.Until <= f.At {
		return f, d.errAt(p+".until", "the link heals at %s, which is not after it breaks (%s)", v.Until, f.At)
	}
	return f, nil
}

// inject reads a fault that delivers a crafted segment.
func (d *doc) inject(in *injectYAML, p string) (sim.Fault, *Error) {
	f := sim.Fault{Kind: sim.FaultInject}
	var e *Error
	if f.At, e = d.duration(in.At, p+".at", 0); e != nil {
		return f, e
	}
	to, e := d.side(in.To, p+".to")
	if e != nil {
		return f, e
	}
	f.From = to.Peer() // it appears to come from the other end
	for i, port := range []*uint16{in.FromPort, in.ToPort} {
		if port != nil && *port == 0 {
			return f, d.errAt(p+"."+[2]string{"from_port", "to_port"}[i], "expected a port, 1..65535")
		}
		if port != nil {
			f.Ports[i] = *port // RFC 9293 §3.10.7: the arrival is demultiplexed on these
		}
	}
	if in.Seg == nil {
		return f, d.errAt(p, "an inject needs seg: the segment to deliver, e.g. seg: {seq: 90, flags: [SYN]}")
	}
	f.Seg, e = d.segment(in.Seg, p+".seg")
	return f, e
}

// segment reads an injected segment's fields.
func (d *doc) segment(s *segYAML, sp string) (fsm.Segment, *Error) {
	var seg fsm.Segment
	var e *Error
	if s.Seq == nil {
		return seg, d.errAt(sp, "a segment needs seq: its sequence number")
	}
	seg.Seq = fsm.Seq(*s.Seq)
	if len(s.Flags) == 0 {
		return seg, d.errAt(sp, "a segment needs flags, e.g. flags: [SYN]")
	}
	if seg.Flags, e = d.flags(s.Flags, sp+".flags"); e != nil {
		return seg, e
	}
	hasACK := seg.Flags&fsm.ACK != 0
	switch {
	case hasACK && s.Ack == nil:
		return seg, d.errAt(sp, "a segment with the ACK flag needs ack: the acknowledgment number")
	case !hasACK && s.Ack != nil:
		return seg, d.errAt(sp+".ack", "ack is read only when flags include ACK")
	case hasACK:
		seg.Ack = fsm.Seq(*s.Ack)
	}
	if s.Wnd != nil {
		seg.Wnd = *s.Wnd // wnd: 0 is a zero window
	} else if seg.Flags&fsm.RST == 0 {
		seg.Wnd = 65535
	}
	if s.MSS != nil {
		seg.MSS = *s.MSS
	}
	if s.Len != nil {
		seg.Len = *s.Len
	}
	return seg, nil
}

func (d *doc) match(f *sim.Fault, path, from string, flags []string, contains bool, state string, nth *int) *Error {
	var e *Error
	if f.From, e = d.side(from, path+".from"); e != nil {
		return e
	}
	if flags == nil {
		if contains {
			return d.errAt(path+".contains", "contains needs flags to look for")
		}
		f.AnyFlags = true
	} else if f.Flags, e = d.flags(flags, path+".flags"); e != nil {
		return e
	}
	f.Contains = contains
	if state != "" {
		if f.State, e = d.state(state, path+".state"); e != nil {
			return e
		}
		f.HasState = true
	}
	f.Nth = 1
	if nth != nil {
		if *nth < 1 {
			return d.errAt(path+".nth", "expected 1 or more (1 is the first matching segment), got %d", *nth)
		}
		f.Nth = *nth
	}
	return nil
}

var actionNames = []string{"listen", "connect", "send", "close", "shutdown", "abort", "crash", "read", "stop_reading"}

// actionOps are the actions that take no value.
var actionOps = map[string]trace.Op{
	"listen": trace.OpListen, "connect": trace.OpConnect, "close": trace.OpClose,
	"shutdown": trace.OpShutdown, "read": trace.OpRead, "stop_reading": trace.OpStopReading,
	"abort": trace.OpAbort, "crash": trace.OpCrash,
}

// step reads one timeline step: when it happens, and what it does.
func (d *doc) step(r *stepYAML, path string) (sim.Action, *Error) {
	var a sim.Action
	if e := d.stepWhen(r, path, &a); e != nil {
		return a, e
	}
	e := d.stepAction(r, path, &a)
	return a, e
}

// stepWhen reads a step's at, or its when and after.
func (d *doc) stepWhen(r *stepYAML, path string, a *sim.Action) *Error {
	var e *Error
	switch {
	case r.When != nil && r.At != "":
		return d.errAt(path+".when", "use either at (a time) or when (a state to wait for), not both")
	case r.When != nil:
		a.When = true
		switch {
		case r.When.A != "" && r.When.B != "":
			return d.errAt(path+".when", "expected one endpoint's state, e.g. when: {b: CLOSE-WAIT}, not both")
		case r.When.A != "":
			a.WhenSide = trace.A
			a.WhenState, e = d.state(r.When.A, path+".when.a")
		case r.When.B != "":
			a.WhenSide = trace.B
			a.WhenState, e = d.state(r.When.B, path+".when.b")
		default:
			e = d.errAt(path+".when", "expected a state to wait for, e.g. when: {b: CLOSE-WAIT}")
		}
		if e != nil {
			return e
		}
		a.After, e = d.duration(r.After, path+".after", 0)
		return e
	case r.At != "":
		if r.After != "" {
			return d.errAt(path+".after", "after goes with when; with at, add the delay to at")
		}
		a.At, e = d.duration(r.At, path+".at", 0)
		return e
	default:
		return d.errAt(path, "expected at (a time, e.g. at: 1s) or when (a state to wait for, e.g. when: {b: CLOSE-WAIT})")
	}
}

// stepAction reads what a step does, on which endpoint.
func (d *doc) stepAction(r *stepYAML, path string, a *sim.Action) *Error {
	var act any
	p := path
	switch {
	case r.A != nil && r.B != nil:
		return d.errAt(path+".b", "one step acts on one endpoint; put a and b in separate steps")
	case r.A != nil:
		a.Side, act, p = trace.A, r.A, path+".a"
	case r.B != nil:
		a.Side, act, p = trace.B, r.B, path+".b"
	default:
		return d.errAt(path, "expected an action for a or b, e.g. a: connect")
	}
	switch v := act.(type) {
	case string:
		if op, ok := actionOps[v]; ok {
			a.Op = op
			return nil
		}
		if v == "send" {
			return d.errAt(p, `send needs what to send: {send: "hello"} (text) or {send: 2000} (bytes)`)
		}
		return d.errAt(p, "unknown action %q%s; expected %s", v, didYouMean(v, actionNames), oneOf(actionNames))
	case map[string]any:
		return d.valuedAction(v, p, a)
	default:
		return d.errAt(p, "expected an action (%s), got %s", oneOf(actionNames), describe(nodeAt(d.root, p)))
	}
}

// valuedActions are the actions written as a mapping with a value.
var valuedActions = []string{"send", "read", "shutdown", "link", "connect"}

// valuedAction reads {send: ...}, {read: N} or {shutdown: write|read}.
func (d *doc) valuedAction(v map[string]any, p string, a *sim.Action) *Error {
	keys := slices.Sorted(maps.Keys(v)) // sorted: the same message every run
	// a: {} names no action (found by FuzzLoad)
	if len(keys) == 0 {
		return d.errAt(p, "expected an action (%s), got %s", oneOf(actionNames), describe(nodeAt(d.root, p)))
	}
	for _, k := range keys {
		if !slices.Contains(valuedActions, k) {
			return d.errTok(keyAt(d.root, p+"."+k), p+"."+k, fmt.Sprintf("unknown field%s; the actions with a value are %s", didYouMean(k, valuedActions), oneOf(valuedActions)))
		}
	}
	if len(keys) > 1 {
		return d.errAt(p+"."+keys[1], "one action per step; put %s and %s in separate steps", keys[0], keys[1])
	}
	switch keys[0] {
	case "link":
		a.Op = trace.OpLink // linkAction reads the value, against the scenario's link
		return nil
	case "read":
		a.Op = trace.OpRead
		n, ok := v["read"].(uint64)
		if !ok || n == 0 || n > maxSend {
			return d.errAt(p+".read", "expected a number of bytes to read, 1..%d (write read without a value to read everything from now on)", maxSend)
		}
		a.N = uint32(n)
		return nil
	case "shutdown":
		return d.shutdownAction(v["shutdown"], p+".shutdown", a) // sockopt.go
	case "connect":
		return d.connectAction(v["connect"], p+".connect", a)
	}
	return d.sendAction(v["send"], p+".send", a)
}

// connectAction reads {connect: {port: 49153, isn: 5000}}: an active OPEN
// naming its local port (RFC 9293 §3.9.1.1, MUST-43; bind() then
// connect()) and/or this connection's ISN (otherwise the §3.4.1 clock's).
func (d *doc) connectAction(v any, cp string, a *sim.Action) *Error {
	a.Op = trace.OpConnect
	m, ok := v.(map[string]any)
	for k := range m {
		if k != "port" && k != "isn" {
			return d.errTok(keyAt(d.root, cp+"."+k), cp+"."+k, "unknown field; connect takes {port: N}, the local port, and {isn: N}, the ISN")
		}
	}
	if !ok || len(m) == 0 {
		return d.errAt(cp, "expected {port: N}, the local port to connect from, e.g. {connect: {port: 49153}}")
	}
	if m["port"] != nil {
		n, ok := m["port"].(uint64)
		if !ok || n == 0 || n > 65535 {
			return d.errAt(cp+".port", "expected a port, 1..65535")
		}
		a.Port = uint16(n)
	}
	if v, in := m["isn"]; in {
		n, ok := v.(uint64)
		if !ok || n > 1<<32-1 {
			return d.errAt(cp+".isn", "expected an ISN, 0..4294967295")
		}
		a.ISN, a.HasISN = uint32(n), true
	}
	return nil
}

// sendAction reads {send: "text"} or {send: 2000}.
func (d *doc) sendAction(v any, sp string, a *sim.Action) *Error {
	a.Op = trace.OpSend
	switch n := v.(type) {
	case string:
		if n == "" {
			return d.errAt(sp, "nothing to send; give text or a byte count")
		}
		a.Data = []byte(n)
	case uint64:
		if n == 0 || n > maxSend {
			return d.errAt(sp, "expected 1..%d bytes, got %d", maxSend, n)
		}
		a.Data = pattern(int(n))
	case int64:
		return d.errAt(sp, "expected 1..%d bytes, got %d", maxSend, n)
	default:
		return d.errAt(sp, "expected text or a byte count, got %s", describe(nodeAt(d.root, sp)))
	}
	return nil
}

// pattern is n bytes of a fixed, readable sequence, so a byte count sends
// the same data on every run and a capture shows where each segment starts.
func pattern(n int) []byte {
	const alphabet = "abcdefghijklmnopqrstuvwxyz"
	b := make([]byte, n)
	k := copy(b, alphabet)
	for k < n { // doubling copies: megabytes at memmove's speed
		k += copy(b[k:], b[:k])
	}
	return b
}

// script reads the faults and the timeline, which a scenario needs.
func (d *doc) script(r *fileYAML, cfg *sim.Config) *Error {
	for i := range r.Faults {
		f, e := d.fault(&r.Faults[i], fmt.Sprintf("faults[%d]", i))
		if d.collect(e) {
			continue // each entry stands alone: report them all
		}
		cfg.Faults = append(cfg.Faults, f)
	}
	if len(r.Timeline) == 0 {
		return d.errAt("timeline", "a scenario needs a timeline: at least one step such as {at: 0s, b: listen}")
	}
	for i := range r.Timeline {
		path := fmt.Sprintf("timeline[%d]", i)
		a, e := d.step(&r.Timeline[i], path)
		if e == nil && a.Op == trace.OpLink {
			e = d.linkAction(path+"."+a.Side.String(), cfg, &a)
		}
		if d.collect(e) {
			continue
		}
		cfg.Timeline = append(cfg.Timeline, a)
	}
	return nil
}

// linkAction reads {link: {...}}: the link from then on, both directions,
// written like the top-level link; keys left out keep the scenario's.
func (d *doc) linkAction(p string, cfg *sim.Config, a *sim.Action) *Error {
	lp := p + ".link"
	n := nodeAt(d.root, lp)
	if e := d.checkShape(n, reflect.TypeFor[linkYAML](), lp, ""); e != nil {
		return e
	}
	var r linkYAML
	if err := yaml.NodeToValue(n, &r, yaml.Strict()); err != nil {
		return d.fromYAML(err)
	}
	links := [2]sim.LinkConfig{cfg.AtoB, cfg.BtoA}
	both := directionYAML{Delay: r.Delay, Jitter: r.Jitter, Loss: r.Loss, Duplicate: r.Duplicate, Reorder: r.Reorder}
	for i, dir := range []*directionYAML{r.AtoB, r.BtoA} {
		if e := d.direction(&both, lp, &links[i]); e != nil {
			return e
		}
		if dir != nil {
			if e := d.direction(dir, lp+"."+[2]string{"a_to_b", "b_to_a"}[i], &links[i]); e != nil {
				return e
			}
		}
	}
	a.Link = &links
	return nil
}
