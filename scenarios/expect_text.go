package scenarios

import (
	"fmt"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/trace"
)

// says is a sentence not yet put into words: an expectation's report in
// whatever language tcpsim check speaks.
type says func(p *msg.Printer) string

func say(id msg.ID, args msg.Args) says {
	return func(p *msg.Printer) string { return p.T(id, args) }
}

// WhatIn is What in p's language.
func (x *Expectation) WhatIn(p *msg.Printer) string { return x.what(p) }

// TestIn is Test, what happened instead in p's language.
func (x *Expectation) TestIn(tr *trace.Trace, p *msg.Printer) string {
	if s := x.test(tr); s != nil {
		return s(p)
	}
	return ""
}

// ErrorIn is Error in p's language.
func (e *CheckError) ErrorIn(p *msg.Printer) string {
	return p.T(msg.CheckExpected, msg.Args{"Where": fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Path),
		"What": e.what(p), "Got": e.got(p)})
}

// segments is "3 segments".
func segments(n int) says {
	return func(p *msg.Printer) string { return p.N(msg.ExpectSegments, n, nil) }
}

// signalsSaid is what a side was told, or is to be told; none: nil.
func signalsSaid(sigs []fsm.Signal, p *msg.Printer) string {
	s := ""
	for i, sig := range sigs {
		if i > 0 {
			s += p.T(msg.ExpectThen, nil)
		}
		s += p.T(msg.ExpectSignal, msg.Args{"Name": trace.SignalText(sig, p)})
	}
	return s
}

func told(side trace.Side, sigs []fsm.Signal, some, none msg.ID) says {
	return func(p *msg.Printer) string {
		if len(sigs) == 0 {
			return p.T(none, msg.Args{"Side": side.Upper()})
		}
		return p.T(some, msg.Args{"Side": side.Upper(), "Signals": signalsSaid(sigs, p)})
	}
}

// describeMatch says which segments a count is about.
func describeMatch(f *segMatch) says {
	var parts []says
	switch {
	case f.AnyFlags:
		parts = append(parts, say(msg.MatchAny, nil))
	case f.Contains:
		parts = append(parts, say(msg.MatchIncluding, msg.Args{"Flags": f.Flags.String()}))
	default:
		parts = append(parts, say(msg.MatchFlags, msg.Args{"Flags": f.Flags.String()}))
	}
	if f.data != nil {
		parts = append(parts, say(map[bool]msg.ID{true: msg.MatchData, false: msg.MatchNoData}[*f.data], nil))
	}
	if f.retx != nil {
		parts = append(parts, say(map[bool]msg.ID{true: msg.MatchRetx, false: msg.MatchFirst}[*f.retx], nil))
	}
	if f.HasState {
		parts = append(parts, say(msg.MatchState, msg.Args{"State": f.State.String()}))
	}
	return func(p *msg.Printer) string {
		s := ""
		for i, part := range parts {
			if i > 0 {
				s += p.T(msg.MatchSep, nil)
			}
			s += part(p)
		}
		return s
	}
}

// sendCount is "A to send 2 segments with flags FIN,ACK".
func sendCount(side trace.Side, lo, hi int, desc says) says {
	return func(p *msg.Printer) string {
		a := msg.Args{"Side": side.Upper(), "Desc": desc(p), "Lo": lo}
		switch {
		case lo == hi:
			a["Segs"] = segments(lo)(p)
			return p.T(msg.ExpectSend, a)
		case hi < 0:
			a["Segs"] = segments(lo)(p)
			return p.T(msg.ExpectSendMin, a)
		}
		a["Segs"] = segments(hi)(p)
		return p.T(msg.ExpectSendRange, a)
	}
}
