package scenarios

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/trace"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/sim"
)

// Expectation is one thing a run must show for its scenario to pass.
type Expectation struct {
	Path string // where it is written: "expect.final.b"
	Line int
	What string // "B to end in CLOSED": reads after "expected"
	what says
	test func(tr *trace.Trace) says // nil: met
}

// Test returns "" when the trace meets the expectation, or what happened instead.
func (x *Expectation) Test(tr *trace.Trace) string { return x.TestIn(tr, msg.English()) }

// CheckError is the first expectation a run did not meet.
type CheckError struct {
	File string
	*Expectation
	Got string
	got says
}

func (e *CheckError) Error() string { return e.ErrorIn(msg.English()) }

// Check runs the scenario's expectations against a trace of it, in file
// order, and returns the first unmet one as a *CheckError.
func (s *Scenario) Check(tr *trace.Trace) error {
	for i := range s.Expect {
		if got := s.Expect[i].test(tr); got != nil {
			return &CheckError{File: s.File, Expectation: &s.Expect[i], Got: got(msg.English()), got: got}
		}
	}
	return nil
}

// expectPath is where an expectation is written: under expect: in a
// scenario, under a lesson's fact or goal otherwise.
func (d *doc) expectPath(sub string) string {
	if d.at == "" {
		return "expect" + sub
	}
	return d.at + sub
}

func (d *doc) expectation(path string, what says, test func(*trace.Trace) says) Expectation {
	x := Expectation{Path: path, What: what(msg.English()), what: what, test: test}
	if tok := tokenOf(nodeAt(d.root, path)); tok != nil {
		x.Line = tok.Position.Line
	}
	return x
}

func (d *doc) expect(r *expectYAML, cfg *sim.Config) ([]Expectation, *Error) {
	var out []Expectation
	for _, kind := range []func(*expectYAML, *sim.Config) ([]Expectation, *Error){
		d.expectFinal, d.expectVisits, d.expectNever, d.expectStates, d.expectSegments, d.expectRead, d.expectMore, d.expectErrors,
	} {
		x, e := kind(r, cfg)
		if e != nil {
			return nil, e
		}
		out = append(out, x...)
	}
	return out, nil
}

// sides are the endpoints in the order the YAML lists them (a, b).
var sides = [2]trace.Side{trace.A, trace.B}

// expectFinal checks the final states.
func (d *doc) expectFinal(r *expectYAML, _ *sim.Config) ([]Expectation, *Error) {
	var out []Expectation
	if r.Final != nil {
		for i, name := range []string{r.Final.A, r.Final.B} {
			if name == "" {
				continue
			}
			side := sides[i]
			path := d.expectPath(".final." + side.String())
			want, e := d.state(name, path)
			if e != nil {
				return nil, e
			}
			out = append(out, d.expectation(path, say(msg.ExpectEnd, msg.Args{"Side": side.Upper(), "State": want.String()}), func(tr *trace.Trace) says {
				if got := tr.Final[side]; got != want {
					return say(msg.GotEnded, msg.Args{"State": got.String()})
				}
				return nil
			}))
		}
	}
	return out, nil
}

// expectVisits checks the states each side passes through, in order.
func (d *doc) expectVisits(r *expectYAML, _ *sim.Config) ([]Expectation, *Error) {
	var out []Expectation
	if r.Visits != nil {
		for i, list := range [][]string{r.Visits.A, r.Visits.B} {
			if len(list) == 0 {
				continue
			}
			side := sides[i]
			path := d.expectPath(".visits." + side.String())
			var want []fsm.State
			for j, name := range list {
				st, e := d.state(name, fmt.Sprintf("%s[%d]", path, j))
				if e != nil {
					return nil, e
				}
				want = append(want, st)
			}
			what := say(msg.ExpectVisits, msg.Args{"Side": side.Upper(), "States": joinStates(want)})
			out = append(out, d.expectation(path, what, func(tr *trace.Trace) says { return visits(tr, side, want) }))
		}
	}
	return out, nil
}

// expectNever checks states a side must never enter.
func (d *doc) expectNever(r *expectYAML, _ *sim.Config) ([]Expectation, *Error) {
	var out []Expectation
	if r.Never != nil {
		for i, list := range [][]string{r.Never.A, r.Never.B} {
			side := sides[i]
			path := d.expectPath(".never." + side.String())
			for j, name := range list {
				st, e := d.state(name, fmt.Sprintf("%s[%d]", path, j))
				if e != nil {
					return nil, e
				}
				what := say(msg.ExpectNever, msg.Args{"Side": side.Upper(), "State": st.String()})
				out = append(out, d.expectation(fmt.Sprintf("%s[%d]", path, j), what, func(tr *trace.Trace) says {
					for k := range tr.Events {
						ev := &tr.Events[k]
						if ev.Kind == trace.KState && ev.Side == side && ev.To == st {
							return say(msg.GotDidAt, msg.Args{"T": trace.FormatDuration(ev.T)})
						}
					}
					return nil
				}))
			}
		}
	}
	return out, nil
}

// expectStates checks each side's state at given times.
func (d *doc) expectStates(r *expectYAML, cfg *sim.Config) ([]Expectation, *Error) {
	var out []Expectation
	for i := range r.States {
		st := &r.States[i]
		path := d.expectPath(fmt.Sprintf(".states[%d]", i))
		if st.At == "" {
			return nil, d.errAt(path, "expected at: the time to look at the states, e.g. at: 1s")
		}
		at, e := d.duration(st.At, path+".at", 0)
		if e != nil {
			return nil, e
		}
		if until := cfg.Until; until > 0 && at > until {
			return nil, d.errAt(path+".at", "%s is after the run ends (until: %s)", st.At, until)
		}
		if st.A == "" && st.B == "" {
			return nil, d.errAt(path, "expected a state for a, b or both, e.g. {at: 1s, a: ESTABLISHED}")
		}
		for j, name := range []string{st.A, st.B} {
			if name == "" {
				continue
			}
			side := sides[j]
			want, e := d.state(name, path+"."+side.String())
			if e != nil {
				return nil, e
			}
			what := say(msg.ExpectStateAt, msg.Args{"Side": side.Upper(), "State": want.String(), "T": trace.FormatDuration(at)})
			out = append(out, d.expectation(path+"."+side.String(), what, func(tr *trace.Trace) says {
				if got := stateAt(tr, side, at); got != want {
					return say(msg.GotWasIn, msg.Args{"State": got.String()})
				}
				return nil
			}))
		}
	}
	return out, nil
}

// expectSegments checks counts of segments.
func (d *doc) expectSegments(r *expectYAML, _ *sim.Config) ([]Expectation, *Error) {
	var out []Expectation
	for i := range r.Segments {
		x, e := d.segCount(&r.Segments[i], d.expectPath(fmt.Sprintf(".segments[%d]", i)))
		if e != nil {
			return nil, e
		}
		out = append(out, x)
	}
	return out, nil
}

// expectRead checks the bytes each side reads.
func (d *doc) expectRead(r *expectYAML, _ *sim.Config) ([]Expectation, *Error) {
	var out []Expectation
	if r.Read != nil {
		for i, n := range []*uint64{r.Read.A, r.Read.B} {
			if n == nil {
				continue
			}
			side, want := sides[i], *n
			what := say(msg.ExpectRead, msg.Args{"Side": side.Upper(), "N": want})
			out = append(out, d.expectation(d.expectPath(".read."+side.String()), what, func(tr *trace.Trace) says {
				var got uint64
				for k := range tr.Events {
					ev := &tr.Events[k]
					if ev.Kind == trace.KData && ev.Side == side && !ev.EOF {
						got += uint64(ev.N)
					}
				}
				if got != want {
					return say(msg.GotRead, msg.Args{"N": got})
				}
				return nil
			}))
		}
	}
	return out, nil
}

// expectErrors checks the errors each side is told.
func (d *doc) expectErrors(r *expectYAML, _ *sim.Config) ([]Expectation, *Error) {
	var out []Expectation
	if r.Errors != nil {
		for i, v := range []any{r.Errors.A, r.Errors.B} {
			if v == nil {
				continue
			}
			side := sides[i]
			path := d.expectPath(".errors." + side.String())
			want, e := d.signals(v, path)
			if e != nil {
				return nil, e
			}
			what := told(side, want, msg.ExpectTold, msg.ExpectToldNone)
			out = append(out, d.expectation(path, what, func(tr *trace.Trace) says {
				if got := tr.Errors[side]; !slices.Equal(got, want) {
					return told(side, got, msg.GotTold, msg.GotToldNone)
				}
				return nil
			}))
		}
	}
	return out, nil
}

// segMatch selects sent segments: a fault's matching rule plus filters
// only expectations use.
type segMatch struct {
	sim.Fault
	data, retx *bool
}

// segMatchOf reads which segments an expectation is about: the fields
// segments: and sent: share.
// SegmentYAML is the vocabulary that chooses sent segments, shared by
// expect.segments, expect.sent, highlight and a lesson's picks (inline;
// exported only because the YAML decoder sets embedded fields through it).
type SegmentYAML struct {
	From           string   `yaml:"from" want:"an endpoint, a or b"`
	Flags          []string `yaml:"flags" want:"a flag: SYN, FIN, RST, PSH or ACK"`
	Contains       bool     `yaml:"contains"`
	State          string   `yaml:"state" want:"a state such as ESTABLISHED"`
	Data           *bool    `yaml:"data"`
	Retransmission *bool    `yaml:"retransmission"`
}

func (d *doc) segMatchOf(r *SegmentYAML, path string) (segMatch, *Error) {
	from, flags, contains, state := r.From, r.Flags, r.Contains, r.State
	f := segMatch{data: r.Data, retx: r.Retransmission}
	var e *Error
	if f.From, e = d.side(from, path+".from"); e != nil {
		return f, e
	}
	if flags == nil {
		if contains {
			return f, d.errAt(path+".contains", "contains needs flags to look for")
		}
		f.AnyFlags = true
	} else if f.Flags, e = d.flags(flags, path+".flags"); e != nil {
		return f, e
	}
	f.Contains = contains
	if state != "" {
		if f.State, e = d.state(state, path+".state"); e != nil {
			return f, e
		}
		f.HasState = true
	}
	return f, nil
}

func (d *doc) segCount(r *segCountYAML, path string) (Expectation, *Error) {
	f, e := d.segMatchOf(&r.SegmentYAML, path)
	if e != nil {
		return Expectation{}, e
	}
	lo, hi := 0, -1
	switch {
	case r.Count != nil && (r.Min != nil || r.Max != nil):
		return Expectation{}, d.errAt(path+".count", "use either count or min/max, not both")
	case r.Count != nil:
		lo, hi = *r.Count, *r.Count
	case r.Min != nil || r.Max != nil:
		if r.Min != nil {
			lo = *r.Min
		}
		if r.Max != nil {
			hi = *r.Max
		}
	default:
		return Expectation{}, d.errAt(path, "expected count (exactly), or min and/or max")
	}
	for _, k := range []struct {
		v   *int
		key string
	}{{r.Count, "count"}, {r.Min, "min"}, {r.Max, "max"}} {
		if k.v != nil && *k.v < 0 {
			return Expectation{}, d.errAt(path+"."+k.key, "expected 0 or more, got %d", *k.v)
		}
	}
	if hi >= 0 && lo > hi {
		return Expectation{}, d.errAt(path+".max", "max %d is less than min %d", hi, lo)
	}
	what := sendCount(f.From, lo, hi, describeMatch(&f))
	return d.expectation(path, what, func(tr *trace.Trace) says {
		n := countSent(tr, &f)
		if n < lo || (hi >= 0 && n > hi) {
			return say(msg.GotSent, msg.Args{"N": n})
		}
		return nil
	}), nil
}

// countSent counts segments an endpoint sent (not injected ones), lost or
// not, matching the way a drop or hold fault matches.
func countSent(tr *trace.Trace, f *segMatch) int {
	n := 0
	for i := range tr.Events {
		if f.sent(&tr.Events[i]) {
			n++
		}
	}
	return n
}

// sent reports whether ev is the sending of a segment f is about.
func (f *segMatch) sent(ev *trace.Event) bool {
	return ev.Kind == trace.KSend && !ev.Injected && ev.Side == f.From && f.matches(ev, ev)
}

// matches tests a segment event against everything but its sender: ev
// carries the segment and the state (its endpoint's before the event),
// send is the sending of it, for why it was sent.
func (f *segMatch) matches(ev, send *trace.Event) bool {
	switch {
	case f.HasState && ev.From != f.State:
		return false
	case f.data != nil && *f.data != (ev.Seg.Len > 0):
		return false
	case f.retx != nil && *f.retx != (send.Reason == fsm.ReasonRetransmit):
		return false
	case f.AnyFlags:
		return true
	case f.Contains:
		return ev.Seg.Flags.Has(f.Flags)
	}
	// PSH is the sender's choice, so an exact match ignores it, as faults do.
	return ev.Seg.Flags&^fsm.PSH == f.Flags&^fsm.PSH
}

// visits checks that side entered want in order, other states between allowed.
func visits(tr *trace.Trace, side trace.Side, want []fsm.State) says {
	var seen []fsm.State
	next := 0
	for i := range tr.Events {
		ev := &tr.Events[i]
		if ev.Kind != trace.KState || ev.Side != side {
			continue
		}
		seen = append(seen, ev.To)
		if next < len(want) && ev.To == want[next] {
			next++
		}
	}
	if next == len(want) {
		return nil
	}
	path := say(msg.GotNoChange, nil)
	if len(seen) > 0 {
		path = say(msg.GotStatesWere, msg.Args{"States": joinStates(seen)})
	}
	return func(p *msg.Printer) string {
		if next == 0 {
			return p.T(msg.GotNeverEntered, msg.Args{"State": want[0].String(), "Path": path(p)})
		}
		return p.T(msg.GotNeverAfter, msg.Args{"State": want[next].String(), "After": want[next-1].String(), "Path": path(p)})
	}
}

func stateAt(tr *trace.Trace, side trace.Side, at time.Duration) fsm.State {
	st := fsm.Closed
	for i := range tr.Events {
		ev := &tr.Events[i]
		if ev.T > at {
			break
		}
		if ev.Kind == trace.KState && ev.Side == side {
			st = ev.To
		}
	}
	return st
}

func joinStates(states []fsm.State) string {
	names := make([]string, len(states))
	for i, s := range states {
		names[i] = s.String()
	}
	return strings.Join(names, ", ")
}

// errorNames are the connection errors an expectation can name.
var errorNames = []struct {
	name string
	sig  fsm.Signal
}{{"reset", fsm.SigReset}, {"refused", fsm.SigRefused}, {"timeout", fsm.SigTimedOut}}

func (d *doc) signals(v any, path string) ([]fsm.Signal, *Error) {
	var names []any
	switch v := v.(type) {
	case string:
		if v == "none" {
			return []fsm.Signal{}, nil
		}
		names = []any{v}
	case []any:
		names = v
	default:
		return nil, d.errAt(path, "expected none, reset, refused, timeout or a list of them, got %s", describe(nodeAt(d.root, path)))
	}
	valid := []string{"none", "reset", "refused", "timeout"}
	out := []fsm.Signal{}
	for i, n := range names {
		p := path
		if _, list := v.([]any); list {
			p = fmt.Sprintf("%s[%d]", path, i)
		}
		s, _ := n.(string)
		if s == "none" {
			return nil, d.errAt(p, "none stands alone; write errors: %s", "{"+path[len(path)-1:]+": none}")
		}
		found := false
		for _, en := range errorNames {
			if en.name == s {
				out = append(out, en.sig)
				found = true
			}
		}
		if !found {
			return nil, d.errAt(p, "unknown error %q%s; expected %s", fmt.Sprint(n), didYouMean(s, valid), oneOf(valid))
		}
	}
	return out, nil
}
