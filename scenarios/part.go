package scenarios

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/parser"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// This file lets another file format built on scenarios (a lesson, package
// lesson) read the scenario parts it holds with the very same checks,
// vocabulary and file:line:column errors: an inline scenario, an
// expect-shaped fact or goal, a segment matcher, faults and steps.

// Part is a parsed YAML file whose pieces are scenario pieces.
type Part struct{ d *doc }

// ParsePart parses one YAML document with a scenario's input limits.
// what names the kind of file in the message about an empty one.
func ParsePart(file string, src []byte, what string) (*Part, error) {
	d, err := parseDoc(file, src, what, false)
	if err != nil {
		return nil, err
	}
	return &Part{d: d}, nil
}

// parseDoc parses and walks the one YAML document of a scenario or a
// lesson file under the input limits; empty says what the file needs.
func parseDoc(file string, src []byte, empty string, scenario bool) (*doc, error) {
	d := &doc{file: file}
	src = bytes.TrimPrefix(src, utf8BOM) // an editor's byte-order mark is no key
	if e := checkInput(file, src); e != nil {
		return nil, e
	}
	f, err := parser.ParseBytes(src, 0)
	if err != nil {
		return nil, d.fromYAML(err)
	}
	if len(f.Docs) == 0 || f.Docs[0].Body == nil {
		return nil, &Error{File: file, Msg: "the file is empty; " + empty}
	}
	if len(f.Docs) > 1 && scenario {
		return nil, d.errTok(docToken(f.Docs[1]), "", "a file holds one scenario, but a second YAML document (---) starts here")
	}
	if len(f.Docs) > 1 {
		return nil, d.errTok(docToken(f.Docs[1]), "", "a file holds one document, but a second YAML document (---) starts here")
	}
	d.root = f.Docs[0].Body
	if e := d.checkNodes(d.root); e != nil {
		return nil, e
	}
	return d, nil
}

// Has reports whether the document sets the key a path names.
func (p *Part) Has(path string) bool { return keyAt(p.d.root, path) != nil }

// Decode checks the node at path against v's type (unknown keys, wrong
// kinds, as a scenario is checked; fields of type any are left to the
// caller) and decodes it into v, a pointer. "" is the whole document.
func (p *Part) Decode(path string, v any) error {
	n := p.d.root
	if path != "" {
		n = nodeAt(p.d.root, path)
	}
	if e := p.d.checkShape(n, reflect.TypeOf(v).Elem(), path, ""); e != nil {
		return e
	}
	if err := yaml.NodeToValue(n, v, yaml.Strict()); err != nil {
		return p.d.fromYAML(err)
	}
	return nil
}

// Err is an error at the node a path names.
func (p *Part) Err(path, format string, args ...any) error {
	return p.d.errAt(path, format, args...)
}

// Line is the line of the node a path names (0: not known).
func (p *Part) Line(path string) int {
	if tok := tokenOf(nodeAt(p.d.root, path)); tok != nil {
		return tok.Position.Line
	}
	return 0
}

// Text reads a text at path: plain English, or {en: ..., zh: ...} by
// language, as a scenario's title. Absent gives an empty map.
func (p *Part) Text(path string) (map[string]string, error) {
	t, e := p.d.text(path)
	if e != nil {
		return nil, e
	}
	return t, nil
}

// Scenario reads the inline scenario at path, in the shape of a scenario
// file; errors name their place under path.
func (p *Part) Scenario(path string) (*Scenario, error) {
	sub := &doc{file: p.d.file, root: nodeAt(p.d.root, path)}
	if _, ok := pairs(sub.root); !ok {
		return nil, p.d.wrongKind(sub.root, path, "a bundled scenario's name, or a scenario (a mapping with a timeline)")
	}
	sc, err := sub.scenario()
	if e, ok := err.(*Error); ok {
		e.Path = joinKey(path, e.Path)
		return nil, e
	}
	if err != nil {
		return nil, err
	}
	sc.File = p.d.file
	return sc, nil
}

// Expect reads an expect-shaped block at path (final, visits, never,
// states, segments, read, errors, sent, timers) about a run of cfg.
func (p *Part) Expect(path string, cfg *sim.Config) ([]Expectation, error) {
	var r expectYAML
	if err := p.Decode(path, &r); err != nil {
		return nil, err
	}
	sub := &doc{file: p.d.file, root: p.d.root, at: path}
	x, e := sub.expect(&r, cfg)
	if e != nil {
		return nil, e
	}
	if len(x) == 0 {
		return nil, p.d.errAt(path, "expected at least one fact, e.g. {final: {b: CLOSED}} or {segments: [{from: b, flags: [RST], min: 1}]}")
	}
	return x, nil
}

// Holds reports whether a trace meets every expectation.
func Holds(x []Expectation, tr *trace.Trace) bool {
	for i := range x {
		if x[i].test(tr) != nil {
			return false
		}
	}
	return true
}

// pickYAML chooses segments as expect.segments does, plus which of them.
type pickYAML struct {
	SegmentYAML `yaml:",inline"`
	Nth         *int `yaml:"nth"`
}

// SegMatch picks segments by the fields expect.segments uses (from,
// flags, contains, state, data, retransmission) and nth.
type SegMatch struct {
	f   segMatch
	Nth int
}

// SegMatch reads a segment matcher at path.
func (p *Part) SegMatch(path string) (*SegMatch, error) {
	var r pickYAML
	if err := p.Decode(path, &r); err != nil {
		return nil, err
	}
	f, e := p.d.segMatchOf(&r.SegmentYAML, path)
	if e != nil {
		return nil, e
	}
	n, e := p.d.nth(r.Nth, path+".nth")
	if e != nil {
		return nil, e
	}
	return &SegMatch{f: f, Nth: n}, nil
}

// From is the sender the matcher is about.
func (m *SegMatch) From() trace.Side { return m.f.From }

// Sent reports whether event i is a segment the sender sent (not an
// injected one) that matches; state is the sender's.
func (m *SegMatch) Sent(tr *trace.Trace, i int) bool {
	ev := &tr.Events[i]
	return ev.Kind == trace.KSend && !ev.Injected && ev.Side == m.f.From && m.f.matches(ev, ev)
}

// Arrived reports whether event i is the arrival at the other end of a
// matching segment from the sender, injected ones included (they appear
// to come from it); state is the receiver's.
func (m *SegMatch) Arrived(tr *trace.Trace, i int) bool {
	ev := &tr.Events[i]
	if ev.Kind != trace.KDeliver || ev.Side != m.f.From.Peer() {
		return false
	}
	send := ev
	if s := tr.Index().Send(ev.ID); s >= 0 {
		send = &tr.Events[s]
	}
	return m.f.matches(ev, send)
}

// Describe says which segments the matcher picks ("segments with flags
// FIN,ACK while in LAST-ACK").
func (m *SegMatch) Describe(p *msg.Printer) string { return describeMatch(&m.f)(p) }

// solutionYAML is a set of interferences: faults and timeline steps.
type solutionYAML struct {
	Faults   []faultYAML `yaml:"faults"`
	Timeline []stepYAML  `yaml:"timeline"`
}

// Interfere reads faults: and timeline: at path, in a scenario's shape,
// and returns a copy of cfg with them added, and how many there are.
func (p *Part) Interfere(path string, cfg *sim.Config) (*sim.Config, int, error) {
	var r solutionYAML
	if err := p.Decode(path, &r); err != nil {
		return nil, 0, err
	}
	c := *cfg
	c.Faults, c.Timeline = slices.Clone(cfg.Faults), slices.Clone(cfg.Timeline)
	for i := range r.Faults {
		f, e := p.d.fault(&r.Faults[i], fmt.Sprintf("%s.faults[%d]", path, i))
		if e != nil {
			return nil, 0, e
		}
		c.Faults = append(c.Faults, f)
	}
	for i := range r.Timeline {
		a, e := p.d.step(&r.Timeline[i], fmt.Sprintf("%s.timeline[%d]", path, i))
		if e != nil {
			return nil, 0, e
		}
		c.Timeline = append(c.Timeline, a)
	}
	n := len(r.Faults) + len(r.Timeline)
	if n == 0 {
		return nil, 0, p.d.errAt(path, "expected faults or timeline steps")
	}
	return &c, n, nil
}

// Side reads "a" or "b" at path.
func (p *Part) Side(s, path string) (trace.Side, error) {
	side, e := p.d.side(s, path)
	if e != nil {
		return 0, e
	}
	return side, nil
}

// State reads a state name at path.
func (p *Part) State(s, path string) (fsm.State, error) {
	st, e := p.d.state(s, path)
	if e != nil {
		return 0, e
	}
	return st, nil
}

// Duration reads a duration at path ("" is 0).
func (p *Part) Duration(s, path string) (time.Duration, error) {
	v, e := p.d.duration(s, path, 0)
	if e != nil {
		return 0, e
	}
	return v, nil
}

// Timer reads a timer's name at path (RTO, TIME-WAIT, FIN-WAIT-2 or
// delayed ACK; any case).
func (p *Part) Timer(s, path string) (fsm.Timer, error) {
	t, e := p.d.timerName(s, path)
	if e != nil {
		return 0, e
	}
	return t, nil
}

func (d *doc) timerName(s, path string) (fsm.Timer, *Error) {
	var names []string
	for t := fsm.Timer(0); t < fsm.NumTimers; t++ {
		names = append(names, t.String())
		if strings.EqualFold(t.String(), s) {
			return t, nil
		}
	}
	return 0, d.errAt(path, "unknown timer %q%s; expected %s", s, didYouMean(s, names), oneOf(names))
}

// Missing is an error at path saying what belongs there: want, in the
// words of a want:"..." tag (translated as those are).
func (p *Part) Missing(path, want string) error {
	return p.d.errAt(path, "expected %s", wantText(want))
}

// OneOf is an error at path when a value is none of names.
func (p *Part) OneOf(path, what, got string, names []string) error {
	return p.d.errAt(path, "unknown %s %q%s; expected %s", wantText(what), got, didYouMean(got, names), oneOf(names))
}

// Kind is an error at path saying what the node should have been.
func (p *Part) Kind(path, want string) error {
	return p.d.wrongKind(nodeAt(p.d.root, path), path, want)
}
