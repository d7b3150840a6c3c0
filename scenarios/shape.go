package scenarios

import (
	"fmt"
	"math"
	"reflect"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/tcpsim/tcpsim/msg"
)

// checkShape walks the document alongside the Go type it decodes into and
// reports the keys the type does not have and values of the wrong kind
// (the first one it returns, the others it collects),
// worded for a person editing the file. The YAML library's strict decoding
// would catch the same problems, but names Go types in its messages and
// silently truncates 1.5 into an integer field.
//
// want is what the value should be, from the field's want:"..." tag, for
// text that stands for something else (a duration, a state).
func (d *doc) checkShape(n ast.Node, t reflect.Type, path, want string) *Error {
	if want == "" {
		want = "text"
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	n = unwrap(n)
	if _, null := n.(*ast.NullNode); null || n == nil {
		return nil // absent: the default applies
	}
	if _, alias := n.(*ast.AliasNode); alias {
		return d.errTok(n.GetToken(), path, "aliases (*name) are not supported; write the value out")
	}
	switch t.Kind() {
	case reflect.Struct:
		return d.checkFields(n, t, path)
	case reflect.Slice:
		s, ok := n.(*ast.SequenceNode)
		if !ok {
			return d.wrongKind(n, path, "a list")
		}
		for i, v := range s.Values {
			d.collect(d.checkShape(v, t.Elem(), fmt.Sprintf("%s[%d]", path, i), want)) // and go on to the next item
		}
	case reflect.String:
		switch n.(type) {
		case *ast.StringNode, *ast.LiteralNode, *ast.IntegerNode, *ast.FloatNode:
		default:
			return d.wrongKind(n, path, want)
		}
	case reflect.Bool:
		if _, ok := n.(*ast.BoolNode); !ok {
			return d.wrongKind(n, path, "true or false")
		}
	case reflect.Int, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return d.checkInt(n, t.Kind(), path)
	case reflect.Float64:
		switch n.(type) {
		case *ast.IntegerNode, *ast.FloatNode:
		default:
			return d.wrongKind(n, path, "a number")
		}
	}
	return nil
}

// checkFields checks a mapping against the struct t: known keys, and
// each value against its field.
func (d *doc) checkFields(n ast.Node, t reflect.Type, path string) *Error {
	ps, ok := pairs(n)
	if !ok {
		return d.wrongKind(n, path, "a mapping (key: value)")
	}
	fields := yamlFields(t)
	for _, p := range ps {
		key := keyName(p.Key)
		f, ok := fields[key]
		if !ok {
			names := fieldNames(t)
			d.collect(d.errTokf(p.Key.GetToken(), joinKey(path, key),
				"unknown field%s; expected %s", didYouMean(key, names), oneOf(names)))
			continue
		}
		d.collect(d.checkShape(p.Value, f.Type, joinKey(path, key), f.Tag.Get("want")))
	}
	return nil
}

// checkInt checks an integer against the range of kind k.
func (d *doc) checkInt(n ast.Node, k reflect.Kind, path string) *Error {
	var want string
	lo, hi := intRange(k)
	switch k {
	case reflect.Uint16, reflect.Uint32:
		want = fmt.Sprintf("an integer %d..%d", lo, hi)
	case reflect.Uint64:
		want = "an integer 0 or more"
	default:
		want = "an integer"
	}
	in, ok := n.(*ast.IntegerNode)
	if !ok {
		return d.wrongKind(n, path, want)
	}
	switch v := in.Value.(type) {
	case int64:
		if v < lo || (k != reflect.Uint64 && v > hi) {
			return d.wrongKind(n, path, want)
		}
	case uint64:
		if k != reflect.Uint64 && v > uint64(hi) {
			return d.wrongKind(n, path, want)
		}
	}
	return nil
}

func intRange(k reflect.Kind) (lo, hi int64) {
	switch k {
	case reflect.Uint16:
		return 0, math.MaxUint16
	case reflect.Uint32:
		return 0, math.MaxUint32
	case reflect.Uint64:
		return 0, math.MaxInt64
	}
	return math.MinInt32, math.MaxInt32
}

func (d *doc) wrongKind(n ast.Node, path, want string) *Error {
	return d.errTokf(tokenOf(n), path, "expected %s, got %s", wantText(want), describe(n))
}

// describe names a node's kind and, for a scalar, its text.
func describe(n ast.Node) shape {
	switch v := unwrap(n).(type) {
	case *ast.MappingNode, *ast.MappingValueNode:
		return shape{"a mapping", msg.ScenarioMapping}
	case *ast.SequenceNode:
		return shape{"a list", msg.ScenarioList}
	case *ast.StringNode:
		return shape{en: fmt.Sprintf("%q", v.Value)}
	case *ast.LiteralNode:
		return shape{"a block of text", msg.ScenarioBlock}
	case *ast.NullNode:
		return shape{"nothing", msg.ScenarioNothing}
	case nil:
		return shape{"nothing", msg.ScenarioNothing}
	default:
		return shape{en: v.GetToken().Value}
	}
}

func yamlFields(t reflect.Type) map[string]reflect.StructField {
	m := map[string]reflect.StructField{}
	for _, f := range keyFields(t) {
		m[yamlName(f)] = f
	}
	return m
}

// fieldNames lists a struct's YAML keys in declaration order.
func fieldNames(t reflect.Type) []string {
	var out []string
	for _, f := range keyFields(t) {
		out = append(out, yamlName(f))
	}
	return out
}

// keyFields are the fields that are YAML keys, in declaration order; an
// embedded struct tagged ,inline gives its own (SegmentYAML).
func keyFields(t reflect.Type) []reflect.StructField {
	var out []reflect.StructField
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Anonymous && strings.HasSuffix(f.Tag.Get("yaml"), ",inline") {
			out = append(out, keyFields(f.Type)...)
		} else if yamlName(f) != "" {
			out = append(out, f)
		}
	}
	return out
}

func yamlName(f reflect.StructField) string {
	if !f.IsExported() {
		return ""
	}
	name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	if name == "-" {
		return ""
	}
	return name
}
