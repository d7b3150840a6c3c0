package scenarios

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"

	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// Bounds on what a scenario file may ask for. A scenario is written by
// hand; these are far above any real one and stop a hostile or broken file
// before the YAML parser or the loader multiplies it in memory
// (docs/scenarios.md, "Limits").
const (
	MaxFileSize  = 1 << 20          // bytes of YAML
	maxDepth     = 32               // nesting levels (mappings, lists, flow brackets)
	maxListLen   = 10_000           // items in any one list (timeline steps, faults, …)
	maxTotalSend = 64 << 20         // bytes sent by the whole timeline
	maxDuration  = 1000 * time.Hour // any duration in the file
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// readFile reads a scenario file, refusing one larger than MaxFileSize
// without reading it all (the lab's picker reads every *.yaml it sees).
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, &Error{File: path, Msg: "is a directory, not a scenario file"}
	}
	src, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(src) > MaxFileSize {
		return nil, tooBig(path)
	}
	return src, nil
}

func tooBig(file string) *Error {
	return fileErr(file, "the file is larger than %d KiB, the limit for a scenario; a long transfer is a byte count (send: 2000000), not text", MaxFileSize>>10)
}

// checkInput looks at the raw bytes before they reach the YAML parser,
// whose memory grows with nesting: size, then nesting depth.
func checkInput(file string, src []byte) *Error {
	if len(src) > MaxFileSize {
		return tooBig(file)
	}
	if line, col, depth := nesting(src); depth > maxDepth {
		e := fileErr(file, "nested more than %d levels deep; a scenario needs a handful", maxDepth)
		e.Line, e.Column = line, col
		return e
	}
	return nil
}

// nesting estimates the deepest nesting of a YAML text without parsing it:
// indentation levels, "- " entries starting a line, and open flow brackets
// ([ and {) outside quotes. It may count a little more than the parser
// would, never less for the shapes that make the parser grow. It returns
// where the depth first exceeds maxDepth, or the maximum depth found.
func nesting(src []byte) (line, col, most int) {
	var indents []int
	flow, quote := 0, byte(0)
	blockAt := -1 // inside a block scalar (| or >) started at this indent
	for n, l := range bytes.Split(src, []byte("\n")) {
		ind := 0
		for ind < len(l) && l[ind] == ' ' {
			ind++
		}
		rest := bytes.TrimRight(l[ind:], " \r\t")
		if blockAt >= 0 {
			if len(rest) == 0 || ind > blockAt {
				continue
			}
			blockAt = -1
		}
		if flow == 0 && quote == 0 {
			if len(rest) == 0 || rest[0] == '#' {
				continue
			}
			for len(indents) > 0 && indents[len(indents)-1] > ind {
				indents = indents[:len(indents)-1]
			}
			if len(indents) == 0 || indents[len(indents)-1] < ind {
				indents = append(indents, ind)
			}
		}
		depth := len(indents)
		i := 0
		for flow == 0 && i < len(rest) && rest[i] == '-' && (i+1 == len(rest) || rest[i+1] == ' ') {
			depth++
			for i += 2; i < len(rest) && rest[i] == ' '; i++ {
			}
		}
		deepest := depth + flow
		for ; i < len(rest); i++ {
			c := rest[i]
			switch {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '#' && (i == 0 || rest[i-1] == ' '):
				i = len(rest)
			case (c == '"' || c == '\'') && (i == 0 || bytes.IndexByte([]byte(" [{,:"), rest[i-1]) >= 0):
				quote = c
			case c == '[' || c == '{':
				flow++
				deepest = max(deepest, depth+flow)
				if deepest > maxDepth {
					return n + 1, ind + i + 1, deepest
				}
			case (c == ']' || c == '}') && flow > 0:
				flow--
			}
		}
		if deepest > maxDepth {
			return n + 1, ind + 1, deepest
		}
		most = max(most, deepest)
		if flow == 0 && quote == 0 && blockScalar(rest) {
			blockAt = ind
		}
	}
	return 0, 0, most
}

// blockScalar tells a line that ends by opening a block scalar: "key: |",
// "- >-", "description: |2".
func blockScalar(rest []byte) bool {
	if i := bytes.Index(rest, []byte(" #")); i >= 0 {
		rest = bytes.TrimRight(rest[:i], " ")
	}
	j := len(rest)
	for j > 0 && bytes.IndexByte([]byte("+-0123456789"), rest[j-1]) >= 0 {
		j--
	}
	return j > 0 && (rest[j-1] == '|' || rest[j-1] == '>') && (j == 1 || rest[j-2] == ' ')
}

// checkNodes walks the parsed document once: no YAML tags (a scenario has
// no use for them, and a tagged value otherwise gets a baffling message),
// and no list longer than maxListLen.
func (d *doc) checkNodes(root ast.Node) *Error {
	var bad *Error
	ast.Walk(visitFunc(func(n ast.Node) bool {
		if bad != nil {
			return false
		}
		switch v := n.(type) {
		case *ast.TagNode:
			path := pathOf(d.root, v.GetToken())
			bad = d.errTokf(v.GetToken(), path, "YAML tags such as %s are not used in a scenario; remove it and write the plain value", v.Start.Value)
		case *ast.SequenceNode:
			if len(v.Values) > maxListLen {
				bad = d.errTokf(v.GetToken(), pathOf(d.root, v.GetToken()),
					"a list of %d items; the limit is %d", len(v.Values), maxListLen)
			}
		}
		return bad == nil
	}), root)
	return bad
}

type visitFunc func(ast.Node) bool

func (f visitFunc) Visit(n ast.Node) ast.Visitor {
	if n == nil || !f(n) {
		return nil
	}
	return f
}

// checkSends bounds what the timeline sends in all: a byte count is cheap
// to write and expands to that many bytes in memory.
func (d *doc) checkSends(r *fileYAML) *Error {
	total := uint64(0)
	for i := range r.Timeline {
		s := &r.Timeline[i]
		for _, side := range []struct {
			v   any
			key string
		}{{s.A, "a"}, {s.B, "b"}} {
			m, ok := side.v.(map[string]any)
			if !ok {
				continue
			}
			switch n := m["send"].(type) {
			case uint64:
				total += min(n, maxTotalSend+1)
			case string:
				total += uint64(len(n))
			}
			if total > maxTotalSend {
				return d.errAt(fmt.Sprintf("timeline[%d].%s.send", i, side.key),
					"the timeline sends more than %d MiB in all, the limit for a scenario", maxTotalSend>>20)
			}
		}
	}
	return nil
}

// checkDuration refuses a duration so long that virtual time could
// overflow when the simulator adds it to another.
func (d *doc) checkDuration(v time.Duration, s, path string) *Error {
	if v > maxDuration {
		return d.errAt(path, "%s is longer than %dh, the longest duration a scenario may use", s, int(maxDuration.Hours()))
	}
	return nil
}

// checkPorts refuses port 0 on a connection: no segment may carry it
// (RFC 9293 §3.1; a socket bound to 0 gets an ephemeral port, which a
// scenario names explicitly).
func (d *doc) checkPorts(cfg *sim.Config) *Error {
	for _, a := range cfg.Timeline {
		if a.Op != trace.OpConnect {
			continue
		}
		for _, side := range []trace.Side{trace.A, trace.B} {
			ep := cfg.A
			if side == trace.B {
				ep = cfg.B
			}
			if ep.Port == 0 {
				who := "connects"
				if side != a.Side {
					who = "is connected to"
				}
				return d.errAt("endpoints."+side.String()+".port",
					"port 0 cannot be used: %s %s; give a port from 1 to 65535", side.Upper(), who)
			}
		}
	}
	return nil
}

// limitsYAML is the optional limits: block, the run's budget
// (sim.Limits); what it leaves out keeps sim.DefaultLimits.
type limitsYAML struct {
	Events   *int   `yaml:"events"`
	Segments *int   `yaml:"segments"`
	InFlight *int   `yaml:"in_flight"`
	Memory   string `yaml:"memory" want:"a size such as 256MiB or 2GiB"`
	Time     string `yaml:"time" want:"a duration such as 150ms, 2s or 1m"`
}

func (d *doc) limits(r *limitsYAML, cfg *sim.Config) *Error {
	if r == nil {
		return nil
	}
	l := &cfg.Limits
	for _, n := range []struct {
		v   *int
		key string
		dst *int
	}{{r.Events, "events", &l.Events}, {r.Segments, "segments", &l.Segments}, {r.InFlight, "in_flight", &l.InFlight}} {
		if n.v == nil {
			continue
		}
		if *n.v < 1 {
			return d.errAt("limits."+n.key, "expected 1 or more, got %d", *n.v)
		}
		*n.dst = *n.v
	}
	if r.Memory != "" {
		v, err := sim.ParseSize(r.Memory)
		if err != nil {
			return d.errAt("limits.memory", "%v", err)
		}
		l.Memory = v
	}
	var e *Error
	if l.Time, e = d.duration(r.Time, "limits.time", 0); e != nil {
		return e
	}
	if r.Time != "" && l.Time == 0 {
		return d.errAt("limits.time", "expected a duration of more than 0s, got %s", r.Time)
	}
	return nil
}

// docToken is a document's first token, or its "---" when it is empty.
// (DocumentNode.GetToken dereferences an empty document's body; found by
// FuzzLoad.)
func docToken(doc *ast.DocumentNode) *token.Token {
	if doc.Body != nil {
		return doc.Body.GetToken()
	}
	return doc.Start
}
