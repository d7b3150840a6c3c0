package scenarios

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/token"

	"github.com/tcpsim/tcpsim/msg"
)

// A problem's explanation in the reader's language. The loaders write
// their problems as English formats (errAt, errTokf); the catalogue holds
// each format under msg.ErrorPrefix + errorSlug(format), its arguments
// named A0, A1, … and put into words in the chosen language at print time
// (In), so that Error() stays the English line scripts and tests know.

// In is Error() with the explanation in p's language; file:line:column
// and the path stay as they are.
func (e *Error) In(p *msg.Printer) string {
	en := e.Msg
	e.Msg = e.Explain(p)
	defer func() { e.Msg = en }()
	return e.Error()
}

// Explain is the problem's explanation in p's language: the English Msg
// when p is English or the catalogue lacks the format.
func (e *Error) Explain(p *msg.Printer) string {
	format := e.format
	if format == "" && len(e.args) == 0 {
		format = e.Msg
	}
	if p == nil || p.Lang() == "en" || format == "" {
		return e.Msg
	}
	return explain(p, e.Msg, format, e.args)
}

// explain renders format's catalogue entry with args, or english.
func explain(p *msg.Printer, english, format string, args []any) string {
	id := msg.ID(msg.ErrorPrefix + errorSlug(format))
	verbs := fmtVerb.FindAllString(format, -1)
	named := msg.Args{}
	i := 0
	for _, v := range verbs {
		if v == "%%" || i >= len(args) {
			continue
		}
		named["A"+strconv.Itoa(i)] = argIn(p, v, args[i])
		i++
	}
	if len(named) == 0 {
		named = nil
	}
	if s := p.T(id, named); s != "["+string(id)+"]" {
		return s
	}
	return english
}

// localized is an argument that has words of its own (a suggestion, a
// list of choices, what a node is).
type localized interface{ in(p *msg.Printer) string }

func argIn(p *msg.Printer, verb string, a any) string {
	if l, ok := a.(localized); ok {
		return l.in(p)
	}
	return fmt.Sprintf(verb, a)
}

var (
	fmtVerb   = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)
	slugWords = regexp.MustCompile(`[a-z0-9]+`)
)

// errorSlug names a format in the catalogue: its first words, lower case,
// without the verbs. The scenarios' tests check that no two formats meet.
func errorSlug(format string) string {
	words := slugWords.FindAllString(strings.ToLower(fmtVerb.ReplaceAllString(format, " ")), -1)
	if len(words) == 0 {
		return "plain" // "%v": another package's words, passed on
	}
	return strings.Join(words[:min(len(words), 9)], "_")
}

// errorTemplate is format as a catalogue entry: {{.A0}} for each verb.
func errorTemplate(format string) string {
	i := 0
	return fmtVerb.ReplaceAllStringFunc(format, func(v string) string {
		if v == "%%" {
			return "%"
		}
		i++
		return "{{.A" + strconv.Itoa(i-1) + "}}"
	})
}

// errTokf is errTok with a format kept for In.
func (d *doc) errTokf(tok *token.Token, path, format string, args ...any) *Error {
	e := d.errTok(tok, path, fmt.Sprintf(format, args...))
	e.format, e.args = format, args
	return e
}

// fileErr is a problem with a whole file (no position).
func fileErr(file, format string, args ...any) *Error {
	return &Error{File: file, Msg: fmt.Sprintf(format, args...), format: format, args: args}
}

// wantText is what a value should be (a field's want:"..." tag, or an
// integer's range), looked up as ErrorPrefix + "want." + its slug.
type wantText string

var intWant = regexp.MustCompile(`^an integer (\d+)\.\.(\d+)$`)

func (w wantText) in(p *msg.Printer) string {
	if m := intWant.FindStringSubmatch(string(w)); m != nil {
		return p.T(msg.ScenarioIntRange, msg.Args{"Lo": m[1], "Hi": m[2]})
	}
	return p.Or(msg.ID(msg.ErrorPrefix+"want."+errorSlug(string(w))), string(w))
}

// hint is didYouMean's suggestion; "" when there is none.
type hint string

func (h hint) String() string {
	if h == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", string(h))
}

func (h hint) in(p *msg.Printer) string {
	if h == "" {
		return ""
	}
	return p.T(msg.ScenarioDidYouMean, msg.Args{"Name": strconv.Quote(string(h))})
}

// choices is oneOf's list: "a, b or c".
type choices []string

func (c choices) String() string {
	switch len(c) {
	case 0:
		return ""
	case 1:
		return c[0]
	}
	return strings.Join(c[:len(c)-1], ", ") + " or " + c[len(c)-1]
}

func (c choices) in(p *msg.Printer) string {
	if len(c) < 2 {
		return c.String()
	}
	return p.T(msg.ScenarioOneOf, msg.Args{"List": strings.Join(c[:len(c)-1], p.T(msg.ScenarioListSep, nil)), "Last": c[len(c)-1]})
}

// shape is what describe says a node is: fixed words, or the value itself.
type shape struct {
	en string
	id msg.ID // "" for a value
}

func (s shape) String() string { return s.en }

func (s shape) in(p *msg.Printer) string {
	if s.id == "" {
		return s.en
	}
	return p.T(s.id, nil)
}
