package scenarios

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/printer"
	"github.com/goccy/go-yaml/token"
)

// Error is a problem in a scenario file. Error() is one line,
// "file:line:column: path: what was expected"; Excerpt shows the source
// around it with a caret under the offending token.
type Error struct {
	File   string
	Line   int // 1-based; 0 when the problem has no position
	Column int
	Path   string // where in the document: "timeline[2].a", "" for the whole file
	Msg    string
	tok    *token.Token
	format string // Msg's format and arguments, for In (errtext.go)
	args   []any
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Column)
	}
	b.WriteString(": ")
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Excerpt returns the lines around the problem, the line itself marked with
// '>' and a caret under the column; "" when there is no position.
func (e *Error) Excerpt(color bool) string {
	if e.tok == nil {
		return ""
	}
	var p printer.Printer
	return strings.TrimRight(p.PrintErrorToken(e.tok, color), "\n")
}

// doc is a parsed file plus what errors need to point into it.
type doc struct {
	file string
	root ast.Node
	at   string   // where the expectations are: "" for a scenario's expect:, a lesson's fact or goal (part.go)
	errs []*Error // the problems found so far (errlist.go)
	more int      // and how many more, past maxErrors
}

// errAt reports a problem at the node a path names. A path that runs past
// the document (a missing key) points at the deepest node that exists.
func (d *doc) errAt(path, format string, args ...any) *Error {
	return d.errTokf(tokenOf(nodeAt(d.root, path)), path, format, args...)
}

func (d *doc) errTok(tok *token.Token, path, msg string) *Error {
	e := &Error{File: d.file, Path: path, Msg: msg, tok: tok}
	if tok != nil {
		e.Line, e.Column = tok.Position.Line, tok.Position.Column
	}
	return e
}

var dupKey = regexp.MustCompile(`^mapping key "(.*)" already defined at \[(\d+):(\d+)\]$`)

// fromYAML turns an error of the YAML library into an *Error, rewording the
// messages a reader of a scenario file meets.
func (d *doc) fromYAML(err error) *Error {
	ye, ok := err.(yaml.Error)
	if !ok || ye.GetToken() == nil {
		return &Error{File: d.file, Msg: err.Error()}
	}
	tok := ye.GetToken()
	msg := ye.GetMessage()
	if m := dupKey.FindStringSubmatch(msg); m != nil {
		return d.errTokf(tok, d.pathOf(tok), "duplicate key %q (already set on line %s)", m[1], m[2])
	} else if _, syntax := err.(*yaml.SyntaxError); syntax {
		return d.errTokf(tok, d.pathOf(tok), "invalid YAML: %s", msg)
	}
	return d.errTok(tok, d.pathOf(tok), msg)
}

func (d *doc) pathOf(tok *token.Token) string {
	if d.root == nil {
		return ""
	}
	return pathOf(d.root, tok)
}

// tokenOf is the token an error about n points at: a block mapping's
// first key, otherwise the node's own first token.
func tokenOf(n ast.Node) *token.Token {
	switch m := n.(type) {
	case nil:
		return nil
	case *ast.MappingNode:
		if !m.IsFlowStyle && len(m.Values) > 0 {
			return m.Values[0].Key.GetToken()
		}
	case *ast.MappingValueNode:
		return m.Key.GetToken()
	}
	return n.GetToken()
}

// unwrap looks through anchors and tags to the value node.
func unwrap(n ast.Node) ast.Node {
	for {
		switch v := n.(type) {
		case *ast.AnchorNode:
			n = v.Value
		case *ast.TagNode:
			n = v.Value
		default:
			return n
		}
	}
}

// pairs lists a mapping's key/value pairs, or reports that n is no mapping.
func pairs(n ast.Node) ([]*ast.MappingValueNode, bool) {
	switch m := unwrap(n).(type) {
	case *ast.MappingNode:
		return m.Values, true
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{m}, true
	}
	return nil, false
}

func keyName(k ast.MapKeyNode) string {
	if s, ok := k.(*ast.StringNode); ok {
		return s.Value
	}
	return k.GetToken().Value
}

// splitPath turns "timeline[2].a" into ["timeline", "[2]", "a"].
func splitPath(path string) []string {
	var out []string
	for _, part := range strings.Split(path, ".") {
		if part == "" {
			continue
		}
		if i := strings.IndexByte(part, '['); i >= 0 {
			if i > 0 {
				out = append(out, part[:i])
			}
			for _, idx := range strings.SplitAfter(part[i:], "]") {
				if idx != "" {
					out = append(out, idx)
				}
			}
			continue
		}
		out = append(out, part)
	}
	return out
}

// nodeAt walks a path as far as the document goes.
func nodeAt(root ast.Node, path string) ast.Node {
	n := root
	for _, step := range splitPath(path) {
		var next ast.Node
		if strings.HasPrefix(step, "[") {
			i, _ := strconv.Atoi(strings.Trim(step, "[]"))
			if s, ok := unwrap(n).(*ast.SequenceNode); ok && i < len(s.Values) {
				next = s.Values[i]
			}
		} else if ps, ok := pairs(n); ok {
			for _, p := range ps {
				if keyName(p.Key) == step {
					next = p.Value
				}
			}
		}
		if next == nil {
			return n
		}
		n = next
	}
	return n
}

// keyAt is the key node of the last step of path, for errors about the key itself.
func keyAt(root ast.Node, path string) *token.Token {
	steps := splitPath(path)
	if len(steps) == 0 {
		return nil
	}
	parent := nodeAt(root, strings.Join(steps[:len(steps)-1], "."))
	ps, _ := pairs(parent)
	for _, p := range ps {
		if keyName(p.Key) == steps[len(steps)-1] {
			return p.Key.GetToken()
		}
	}
	return nil
}

// pathOf finds the path of the node (or key) that carries tok.
func pathOf(root ast.Node, tok *token.Token) string {
	p, _ := findTok(root, tok, "")
	return p
}

func findTok(n ast.Node, tok *token.Token, path string) (string, bool) {
	if n == nil {
		return "", false
	}
	if n.GetToken() == tok {
		return path, true
	}
	n = unwrap(n)
	if ps, ok := pairs(n); ok {
		for _, p := range ps {
			sub := joinKey(path, keyName(p.Key))
			if p.Key.GetToken() == tok {
				return sub, true
			}
			if r, ok := findTok(p.Value, tok, sub); ok {
				return r, true
			}
		}
	}
	if s, ok := n.(*ast.SequenceNode); ok {
		for i, v := range s.Values {
			if r, ok := findTok(v, tok, fmt.Sprintf("%s[%d]", path, i)); ok {
				return r, true
			}
		}
	}
	return "", false
}

func joinKey(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// suggest returns the candidate closest to s when it is a likely typo.
func suggest(s string, candidates []string) string {
	best, bestD := "", 3
	ls := strings.ToLower(s)
	for _, c := range candidates {
		d := distance(ls, strings.ToLower(c))
		// A one-letter name is no typo of another one-letter name.
		if d < bestD && d <= max(1, len(c)/3) && d < len(c) {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the edit distance counting a swap of neighbours as one edit
// (optimal string alignment), so "nmae" is one edit from "name".
func distance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// oneOf renders "a, b or c".
func oneOf(names []string) choices { return choices(names) }

// didYouMean is " (did you mean "x"?)" or "".
func didYouMean(s string, candidates []string) hint {
	return hint(suggest(s, candidates))
}
