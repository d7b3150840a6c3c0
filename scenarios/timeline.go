package scenarios

import (
	"fmt"
	"maps"
	"slices"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// This file: faults and the timeline, the parts of a scenario that act.

// fault reads one fault: a drop, a hold or an injected segment.
func (d *doc) fault(r *faultYAML, path string) (sim.Fault, *Error) {
	var f sim.Fault
	n := 0
	for _, set := range []bool{r.Drop != nil, r.Hold != nil, r.Inject != nil} {
		if set {
			n++
		}
	}
	if n != 1 {
		return f, d.errAt(path, "expected exactly one of drop, hold or inject in each fault")
	}
	switch {
	case r.Drop != nil:
		m := r.Drop
		f.Kind = sim.FaultDrop
		return f, d.match(&f, path+".drop", m.From, m.Flags, m.Contains, m.State, m.Nth)
	case r.Hold != nil:
		m := r.Hold
		f.Kind = sim.FaultHold
		if e := d.match(&f, path+".hold", m.From, m.Flags, m.Contains, m.State, m.Nth); e != nil {
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
		seg.Wnd = *s.Wnd
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

var actionNames = []string{"listen", "connect", "send", "close", "shutdown", "abort", "crash"}

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
		switch v {
		case "listen":
			a.Op = trace.OpListen
		case "connect":
			a.Op = trace.OpConnect
		case "close", "shutdown":
			a.Op = trace.OpClose
		case "abort":
			a.Op = trace.OpAbort
		case "crash":
			a.Op = trace.OpCrash
		case "send":
			return d.errAt(p, `send needs what to send: {send: "hello"} (text) or {send: 2000} (bytes)`)
		default:
			return d.errAt(p, "unknown action %q%s; expected %s", v, didYouMean(v, actionNames), oneOf(actionNames))
		}
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(v)) { // sorted: the same message every run
			if k != "send" {
				return d.errTokf(keyAt(d.root, p+"."+k), p+"."+k, "unknown field%s; the only action with a value is send", didYouMean(k, []string{"send"}))
			}
		}
		a.Op = trace.OpSend
		sp := p + ".send"
		switch n := v["send"].(type) {
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
	default:
		return d.errAt(p, "expected an action (%s), got %s", oneOf(actionNames), describe(nodeAt(d.root, p)))
	}
	return nil
}

// pattern is n bytes of a fixed, readable sequence, so a byte count sends
// the same data on every run and a capture shows where each segment starts.
func pattern(n int) []byte {
	const alphabet = "abcdefghijklmnopqrstuvwxyz"
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[i%len(alphabet)]
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
		a, e := d.step(&r.Timeline[i], fmt.Sprintf("timeline[%d]", i))
		if d.collect(e) {
			continue
		}
		cfg.Timeline = append(cfg.Timeline, a)
	}
	return nil
}
