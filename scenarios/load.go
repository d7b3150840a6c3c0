package scenarios

import (
	"bytes"
	"fmt"
	"net/netip"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"time"

	"github.com/tcpsim/tcpsim/trace"

	"github.com/goccy/go-yaml"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/sim"
)

// The file format, as the YAML decoder sees it. Every key is documented in
// docs/scenarios.md and docs/scenario.schema.json; a test keeps the three
// in step. Values that need more than a type check (durations, states,
// flags, actions) stay text here and are read by build.
type fileYAML struct {
	Name        string         `yaml:"name"`
	Title       any            `yaml:"title"`       // text or {en: ..., zh: ...}; read by texts (text.go)
	Description any            `yaml:"description"` // the same
	Profile     string         `yaml:"profile"`
	Seed        *uint64        `yaml:"seed"`
	MSL         string         `yaml:"msl" want:"a duration such as 150ms, 2s or 1m"`
	Until       string         `yaml:"until" want:"a duration such as 150ms, 2s or 1m"`
	Endpoints   *endpointsYAML `yaml:"endpoints"`
	Link        *linkYAML      `yaml:"link"`
	Faults      []faultYAML    `yaml:"faults"`
	Timeline    []stepYAML     `yaml:"timeline"`
	Expect      *expectYAML    `yaml:"expect"`
	Highlight   []momentYAML   `yaml:"highlight"` // highlight.go
	Limits      *limitsYAML    `yaml:"limits"`
	Tolerance   *toleranceYAML `yaml:"tolerance"` // tolerance.go
}

type endpointsYAML struct {
	A *endpointYAML `yaml:"a"`
	B *endpointYAML `yaml:"b"`
}

type endpointYAML struct {
	Addr        string           `yaml:"addr" want:"an IP address such as 10.0.0.1"`
	Port        *uint16          `yaml:"port"`
	ISN         *uint32          `yaml:"isn"`
	Window      *uint16          `yaml:"window"`
	MSS         *uint16          `yaml:"mss"`
	DelayedACK  string           `yaml:"delayed_ack" want:"a duration such as 150ms, 2s or 1m"`
	SynRetries  *int             `yaml:"syn_retries"`
	Retries     *int             `yaml:"retries"`
	Throttle    *bool            `yaml:"ack_throttle"`
	SoftErrors  *bool            `yaml:"soft_errors"`
	KeyedISN    *bool            `yaml:"keyed_isn"`
	RcvBuf      *uint32          `yaml:"rcvbuf"`
	SndBuf      *uint32          `yaml:"sndbuf"`
	Read        any              `yaml:"read"` // immediately, manually, or {bytes: N, every: D} (readMode)
	FinTimeout  string           `yaml:"fin_timeout" want:"a duration such as 150ms, 2s or 1m"`
	Keepalive   *keepaliveYAML   `yaml:"keepalive"`
	Reopen      *bool            `yaml:"reopen"`
	Listening   *bool            `yaml:"listening"`
	SockoptYAML `yaml:",inline"` // sockopt.go
}

type directionYAML struct {
	Delay     string   `yaml:"delay" want:"a duration such as 150ms, 2s or 1m"`
	Jitter    string   `yaml:"jitter" want:"a duration such as 150ms, 2s or 1m"`
	Loss      *float64 `yaml:"loss"`
	Duplicate *float64 `yaml:"duplicate"`
	Reorder   *float64 `yaml:"reorder"`
}

type linkYAML struct {
	Delay     string         `yaml:"delay" want:"a duration such as 150ms, 2s or 1m"`
	Jitter    string         `yaml:"jitter" want:"a duration such as 150ms, 2s or 1m"`
	Loss      *float64       `yaml:"loss"`
	Duplicate *float64       `yaml:"duplicate"`
	Reorder   *float64       `yaml:"reorder"`
	AtoB      *directionYAML `yaml:"a_to_b"`
	BtoA      *directionYAML `yaml:"b_to_a"`
}

type faultYAML struct {
	Drop   *dropYAML   `yaml:"drop"`
	Hold   *holdYAML   `yaml:"hold"`
	Inject *injectYAML `yaml:"inject"`
	Vanish *vanishYAML `yaml:"vanish"`
}

// vanishYAML: every segment from an endpoint (or both ways) is lost from
// at on, until the partition heals.
type vanishYAML struct {
	From  string `yaml:"from" want:"an endpoint, a or b, or both"`
	At    string `yaml:"at" want:"a duration such as 150ms, 2s or 1m"`
	Until string `yaml:"until" want:"a duration such as 150ms, 2s or 1m"`
}

// keepaliveYAML: SO_KEEPALIVE with TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT.
type keepaliveYAML struct {
	Idle     string `yaml:"idle" want:"a duration such as 150ms, 2s or 1m"`
	Interval string `yaml:"interval" want:"a duration such as 150ms, 2s or 1m"`
	Count    *int   `yaml:"count"`
}

type dropYAML struct {
	SegRangeYAML `yaml:",inline"` // match.go
	From         string           `yaml:"from" want:"an endpoint, a or b"`
	Flags        []string         `yaml:"flags" want:"a flag: SYN, FIN, RST, PSH or ACK"`
	Contains     bool             `yaml:"contains"`
	State        string           `yaml:"state" want:"a state such as ESTABLISHED"`
	Nth          *int             `yaml:"nth"`
}

type holdYAML struct {
	SegRangeYAML `yaml:",inline"` // match.go
	From         string           `yaml:"from" want:"an endpoint, a or b"`
	Flags        []string         `yaml:"flags" want:"a flag: SYN, FIN, RST, PSH or ACK"`
	Contains     bool             `yaml:"contains"`
	State        string           `yaml:"state" want:"a state such as ESTABLISHED"`
	Nth          *int             `yaml:"nth"`
	For          string           `yaml:"for" want:"a duration such as 150ms, 2s or 1m"`
}

type injectYAML struct {
	At       string   `yaml:"at" want:"a duration such as 150ms, 2s or 1m"`
	To       string   `yaml:"to" want:"an endpoint, a or b"`
	FromPort *uint16  `yaml:"from_port"` // the port it appears to come from (default: the connection's)
	ToPort   *uint16  `yaml:"to_port"`   // the port at to it is for (default: the connection's)
	Seg      *segYAML `yaml:"seg"`
}

type segYAML struct {
	Seq   *uint32  `yaml:"seq"`
	Ack   *uint32  `yaml:"ack"`
	Flags []string `yaml:"flags" want:"a flag: SYN, FIN, RST, PSH or ACK"`
	Wnd   *uint16  `yaml:"wnd"`
	MSS   *uint16  `yaml:"mss"`
	Len   *uint32  `yaml:"len"`
}

type stepYAML struct {
	At    string    `yaml:"at" want:"a duration such as 150ms, 2s or 1m"`
	When  *whenYAML `yaml:"when"`
	After string    `yaml:"after" want:"a duration such as 150ms, 2s or 1m"`
	A     any       `yaml:"a"`
	B     any       `yaml:"b"`
}

type whenYAML struct {
	A string `yaml:"a" want:"a state such as ESTABLISHED"`
	B string `yaml:"b" want:"a state such as ESTABLISHED"`
}

type expectYAML struct {
	Final    *sideStatesYAML `yaml:"final"`
	Visits   *visitsYAML     `yaml:"visits"`
	Never    *visitsYAML     `yaml:"never"`
	States   []statesAtYAML  `yaml:"states"`
	Segments []segCountYAML  `yaml:"segments"`
	Read     *readYAML       `yaml:"read"`
	Errors   *errorsYAML     `yaml:"errors"`
	Sent     []sentYAML      `yaml:"sent"`
	Timers   []timerYAML     `yaml:"timers"`
}

type sideStatesYAML struct {
	A string `yaml:"a" want:"a state such as ESTABLISHED"`
	B string `yaml:"b" want:"a state such as ESTABLISHED"`
}

type visitsYAML struct {
	A []string `yaml:"a" want:"a state such as ESTABLISHED"`
	B []string `yaml:"b" want:"a state such as ESTABLISHED"`
}

type statesAtYAML struct {
	At string `yaml:"at" want:"a duration such as 150ms, 2s or 1m"`
	A  string `yaml:"a" want:"a state such as ESTABLISHED"`
	B  string `yaml:"b" want:"a state such as ESTABLISHED"`
}

type segCountYAML struct {
	SegmentYAML `yaml:",inline"`
	Count       *int `yaml:"count"`
	Min         *int `yaml:"min"`
	Max         *int `yaml:"max"`
}

type readYAML struct {
	A *uint64 `yaml:"a"`
	B *uint64 `yaml:"b"`
}

type errorsYAML struct {
	A any `yaml:"a"`
	B any `yaml:"b"`
}

// Defaults for what a file leaves out (docs/scenarios.md).
const (
	defaultProfile = "rfc9293"
	defaultSeed    = 1
	defaultMSL     = 2 * time.Minute // RFC 9293 §3.4.2
	defaultDelay   = 50 * time.Millisecond
	maxSend        = 16 << 20
)

var (
	defaultA = sim.EndpointConfig{Addr: netip.MustParseAddr("10.0.0.1"), Port: 49152, ISN: 100}
	defaultB = sim.EndpointConfig{Addr: netip.MustParseAddr("10.0.0.2"), Port: 80, ISN: 300}
	nameRE   = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)
)

// Load reads a scenario. file names it in error messages ("bundled/x.yaml"
// or a path); a file without a name: key is named after the file.
func Load(file string, src []byte) (*Scenario, error) {
	src = bytes.TrimPrefix(src, utf8BOM) // kept as Source without the mark
	d, err := parseDoc(file, src, "a scenario needs at least a timeline", true)
	if err != nil {
		return nil, err
	}
	sc, err := d.scenario()
	if err != nil {
		return nil, err
	}
	sc.File, sc.Source = file, src
	return sc, nil
}

// scenario reads the scenario at d.root, already parsed and walked by
// checkNodes: the whole file, or the inline scenario of a lesson (part.go).
func (d *doc) scenario() (*Scenario, error) {
	var raw fileYAML
	if d.collect(d.checkShape(d.root, reflect.TypeFor[fileYAML](), "", "")) || len(d.errs) > 0 {
		return nil, d.failed() // every unknown key and misshapen value at once
	}
	if err := yaml.NodeToValue(d.root, &raw, yaml.Strict()); err != nil {
		return nil, d.fromYAML(err)
	}
	if e := d.checkSends(&raw); e != nil {
		return nil, e
	}
	sc := d.build(&raw)
	if err := d.failed(); err != nil {
		return nil, err
	}
	return sc, nil
}

// build turns the decoded file into a Scenario, collecting the problems
// of its parts (d.collect): each part is checked even when another failed,
// so that one run reports them all.
func (d *doc) build(r *fileYAML) *Scenario {
	sc := &Scenario{Name: r.Name, Profile: r.Profile}
	d.collect(d.texts(sc))
	if sc.Name == "" {
		base := filepath.Base(d.file)
		sc.Name = strings.TrimSuffix(strings.TrimSuffix(base, ".yaml"), ".yml")
	} else if !nameRE.MatchString(sc.Name) {
		d.collect(d.errAt("name", "expected a name of lower-case letters, digits, '-', '.' and '_' (it is typed on the command line), got %q", sc.Name))
	}
	if sc.Title == "" {
		sc.Title = sc.Name
	}
	if sc.Profile == "" {
		sc.Profile = defaultProfile
	}
	prof, ok := sim.Profiles[sc.Profile]
	if !ok {
		names := sim.ProfileNames()
		d.collect(d.errAt("profile", "unknown profile %q%s; expected %s", sc.Profile, didYouMean(sc.Profile, names), oneOf(names)))
		prof = sim.Profiles[defaultProfile] // to check the rest
	}
	cfg := &sim.Config{Seed: defaultSeed, MSL: defaultMSL, Profile: prof, A: defaultA, B: defaultB}
	sc.Config = cfg
	if r.Seed != nil {
		cfg.Seed = *r.Seed
	}
	var e *Error
	if cfg.MSL, e = d.duration(r.MSL, "msl", defaultMSL); d.collect(e) {
		cfg.MSL = defaultMSL
	}
	cfg.Until, e = d.duration(r.Until, "until", 0)
	if !d.collect(e) && r.Until != "" && cfg.Until == 0 {
		d.collect(d.errAt("until", "expected a duration of more than 0s, got %s", r.Until))
	}
	endpointsOK := !d.collect(d.endpoints(r, cfg))
	d.collect(d.link(r.Link, cfg))
	d.collect(d.limits(r.Limits, cfg))
	d.collect(d.script(r, cfg))
	if endpointsOK {
		d.collect(d.checkPorts(cfg)) // about the endpoints as read
	}
	if r.Expect != nil {
		sc.Expect, e = d.expect(r.Expect, cfg)
		d.collect(e)
	}
	sc.Highlight, e = d.highlights(r.Highlight)
	d.collect(e)
	sc.Tolerance, e = d.tolerance(r.Tolerance)
	d.collect(e)
	return sc
}

// duration reads "150ms", "2s", "1m" (Go syntax); "" gives def.
func (d *doc) duration(s, path string, def time.Duration) (time.Duration, *Error) {
	if s == "" {
		return def, nil
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		hint := ""
		if _, err := time.ParseDuration(s + "s"); err == nil {
			hint = " (add a unit)"
		}
		return 0, d.errAt(path, "expected a duration such as 150ms, 2s or 1m, got %q%s", s, hint)
	}
	if v < 0 {
		return 0, d.errAt(path, "expected a duration of 0s or more, got %s", s)
	}
	return v, d.checkDuration(v, s, path)
}

func (d *doc) prob(p *float64, path string, dst *float64) *Error {
	if p == nil {
		return nil
	}
	if *p < 0 || *p > 1 || *p != *p {
		return d.errAt(path, "expected a probability from 0 to 1 (0.1 is 10%%), got %v", *p)
	}
	*dst = *p
	return nil
}

func (d *doc) side(s, path string) (trace.Side, *Error) {
	switch s {
	case "a":
		return trace.A, nil
	case "b":
		return trace.B, nil
	case "":
		return 0, d.errAt(path, "expected an endpoint, a or b")
	}
	return 0, d.errAt(path, "expected an endpoint, a or b, got %q", s)
}

func stateNames() []string {
	var out []string
	for s := fsm.Closed; s < fsm.NumStates; s++ {
		out = append(out, s.String())
	}
	return out
}

func (d *doc) state(s, path string) (fsm.State, *Error) {
	st, ok := fsm.ParseState(s)
	if !ok {
		names := stateNames()
		return 0, d.errAt(path, "unknown state %q%s; expected one of %s", s, didYouMean(s, names), oneOf(names))
	}
	return st, nil
}

var flagNames = []string{"SYN", "FIN", "RST", "PSH", "ACK"}

func (d *doc) flags(list []string, path string) (fsm.Flags, *Error) {
	var fl fsm.Flags
	for i, name := range list {
		p := fmt.Sprintf("%s[%d]", path, i)
		f, ok := fsm.ParseFlag(name)
		if !ok {
			return 0, d.errAt(p, "unknown flag %q%s; expected %s", name, didYouMean(name, flagNames), oneOf(flagNames))
		}
		if fl&f != 0 {
			return 0, d.errAt(p, "flag %s is listed twice", f)
		}
		fl |= f
	}
	return fl, nil
}

func (d *doc) link(r *linkYAML, cfg *sim.Config) *Error {
	base := sim.LinkConfig{Delay: defaultDelay}
	if r == nil {
		cfg.AtoB, cfg.BtoA = base, base
		return nil
	}
	both := directionYAML{Delay: r.Delay, Jitter: r.Jitter, Loss: r.Loss, Duplicate: r.Duplicate, Reorder: r.Reorder}
	if e := d.direction(&both, "link", &base); e != nil {
		return e
	}
	cfg.AtoB, cfg.BtoA = base, base
	if r.AtoB != nil {
		if e := d.direction(r.AtoB, "link.a_to_b", &cfg.AtoB); e != nil {
			return e
		}
	}
	if r.BtoA != nil {
		if e := d.direction(r.BtoA, "link.b_to_a", &cfg.BtoA); e != nil {
			return e
		}
	}
	return nil
}

// direction overrides the fields of l that r sets.
func (d *doc) direction(r *directionYAML, path string, l *sim.LinkConfig) *Error {
	var e *Error
	if l.Delay, e = d.duration(r.Delay, path+".delay", l.Delay); e != nil {
		return e
	}
	if l.Jitter, e = d.duration(r.Jitter, path+".jitter", l.Jitter); e != nil {
		return e
	}
	if e = d.prob(r.Loss, path+".loss", &l.Loss); e != nil {
		return e
	}
	if e = d.prob(r.Duplicate, path+".duplicate", &l.Duplicate); e != nil {
		return e
	}
	return d.prob(r.Reorder, path+".reorder", &l.Reorder)
}
