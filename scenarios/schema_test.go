package scenarios

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
)

// A validator for the part of JSON Schema (2020-12) that
// docs/scenario.schema.json uses: type, properties, required,
// additionalProperties: false, items, enum, pattern, minimum, maximum,
// minLength, minItems, uniqueItems, min/maxProperties, oneOf, anyOf, not
// and local $ref. Keywords it does not know make it fail, so the schema
// cannot quietly outgrow it.

type schema map[string]any

var known = []string{"$schema", "$id", "$defs", "$ref", "title", "description", "examples", "type", "properties",
	"required", "additionalProperties", "items", "enum", "pattern", "minimum", "maximum", "minLength", "minItems",
	"uniqueItems", "minProperties", "maxProperties", "oneOf", "anyOf", "not"}

func loadSchema(t *testing.T) schema {
	t.Helper()
	b, err := os.ReadFile("../docs/scenario.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var s schema
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

type validator struct{ root schema }

func (v *validator) resolve(s schema) schema {
	for {
		ref, ok := s["$ref"].(string)
		if !ok {
			return s
		}
		name, ok := strings.CutPrefix(ref, "#/$defs/")
		if !ok {
			panic("unsupported $ref " + ref)
		}
		s = schema(v.root["$defs"].(map[string]any)[name].(map[string]any))
	}
}

func sub(x any) schema { return schema(x.(map[string]any)) }

// validate returns the first violation, as "path: problem", or "".
func (v *validator) validate(s schema, x any, path string) string {
	s = v.resolve(s)
	for k := range s {
		if !slices.Contains(known, k) {
			return fmt.Sprintf("%s: schema keyword %q is not supported by this validator", path, k)
		}
	}
	if typ, ok := s["type"].(string); ok && !hasType(x, typ) {
		return fmt.Sprintf("%s: %v is not of type %s", path, x, typ)
	}
	if enum, ok := s["enum"].([]any); ok && !slices.ContainsFunc(enum, func(e any) bool { return equal(e, x) }) {
		return fmt.Sprintf("%s: %v is not one of %v", path, x, enum)
	}
	if str, ok := x.(string); ok {
		if p, ok := s["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(str) {
			return fmt.Sprintf("%s: %q does not match %s", path, str, p)
		}
		if n, ok := s["minLength"].(float64); ok && float64(len([]rune(str))) < n {
			return fmt.Sprintf("%s: %q is shorter than %v", path, str, n)
		}
	}
	if f, ok := number(x); ok {
		if m, ok := s["minimum"].(float64); ok && f < m {
			return fmt.Sprintf("%s: %v is below %v", path, f, m)
		}
		if m, ok := s["maximum"].(float64); ok && f > m {
			return fmt.Sprintf("%s: %v is above %v", path, f, m)
		}
	}
	if m, ok := x.(map[string]any); ok {
		props, _ := s["properties"].(map[string]any)
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			p, ok := props[k]
			if !ok {
				if s["additionalProperties"] == false {
					return fmt.Sprintf("%s: property %q is not allowed", path, k)
				}
				continue
			}
			if msg := v.validate(sub(p), m[k], path+"."+k); msg != "" {
				return msg
			}
		}
		if req, ok := s["required"].([]any); ok {
			for _, r := range req {
				if _, ok := m[r.(string)]; !ok {
					return fmt.Sprintf("%s: %q is required", path, r)
				}
			}
		}
		if n, ok := s["minProperties"].(float64); ok && float64(len(m)) < n {
			return fmt.Sprintf("%s: fewer than %v properties", path, n)
		}
		if n, ok := s["maxProperties"].(float64); ok && float64(len(m)) > n {
			return fmt.Sprintf("%s: more than %v properties", path, n)
		}
	}
	if a, ok := x.([]any); ok {
		if items, ok := s["items"].(map[string]any); ok {
			for i, e := range a {
				if msg := v.validate(schema(items), e, fmt.Sprintf("%s[%d]", path, i)); msg != "" {
					return msg
				}
			}
		}
		if n, ok := s["minItems"].(float64); ok && float64(len(a)) < n {
			return fmt.Sprintf("%s: fewer than %v items", path, n)
		}
		if s["uniqueItems"] == true {
			for i := range a {
				for j := range i {
					if equal(a[i], a[j]) {
						return fmt.Sprintf("%s: item %v repeats", path, a[i])
					}
				}
			}
		}
	}
	if all, ok := s["oneOf"].([]any); ok {
		n := 0
		for _, o := range all {
			if v.validate(sub(o), x, path) == "" {
				n++
			}
		}
		if n != 1 {
			return fmt.Sprintf("%s: matches %d of the oneOf alternatives, not exactly 1", path, n)
		}
	}
	if any_, ok := s["anyOf"].([]any); ok && !slices.ContainsFunc(any_, func(o any) bool { return v.validate(sub(o), x, path) == "" }) {
		return fmt.Sprintf("%s: matches none of the anyOf alternatives", path)
	}
	if not, ok := s["not"].(map[string]any); ok && v.validate(schema(not), x, path) == "" {
		return fmt.Sprintf("%s: matches a schema it must not", path)
	}
	return ""
}

func number(x any) (float64, bool) {
	switch n := x.(type) {
	case uint64:
		return float64(n), true
	case int64:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
}

func hasType(x any, typ string) bool {
	switch typ {
	case "object":
		_, ok := x.(map[string]any)
		return ok
	case "array":
		_, ok := x.([]any)
		return ok
	case "string":
		_, ok := x.(string)
		return ok
	case "boolean":
		_, ok := x.(bool)
		return ok
	case "integer":
		f, ok := number(x)
		return ok && f == math.Trunc(f)
	case "number":
		_, ok := number(x)
		return ok
	}
	panic("unknown type " + typ)
}

func equal(a, b any) bool {
	fa, oka := number(a)
	fb, okb := number(b)
	if oka && okb {
		return fa == fb
	}
	return reflect.DeepEqual(a, b)
}

func decodeYAML(t *testing.T, src []byte) any {
	t.Helper()
	var x any
	if err := yaml.Unmarshal(src, &x); err != nil {
		t.Fatal(err)
	}
	return x
}

// Editors check files against the schema, so every bundled file must pass it.
func TestBundledMatchSchema(t *testing.T) {
	v := &validator{root: loadSchema(t)}
	for _, sc := range Bundled() {
		if msg := v.validate(v.root, decodeYAML(t, sc.Source), sc.Name); msg != "" {
			t.Error(msg)
		}
	}
}

// The validator finds real violations (so the test above can fail).
func TestSchemaRejects(t *testing.T) {
	v := &validator{root: loadSchema(t)}
	for _, c := range []struct{ src, want string }{
		{"nmae: x\n" + tl, `doc: property "nmae" is not allowed`},
		{"name: x\n", `doc: "timeline" is required`},
		{"link: {loss: 2}\n" + tl, `doc.link.loss: 2 is above 1`},
		{"msl: 5\n" + tl, `doc.msl: 5 is not of type string`},
		{"msl: 5x\n" + tl, `doc.msl: "5x" does not match ^(0|([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|ms|s|m|h))+$`},
		{"timeline:\n  - {at: 0s, a: conect}\n", `doc.timeline[0].a: matches 0 of the oneOf alternatives, not exactly 1`},
		{"timeline:\n  - {at: 0s, a: listen, b: listen}\n", `doc.timeline[0]: matches 2 of the oneOf alternatives, not exactly 1`},
		{"timeline:\n  - {at: 0s, when: {a: LISTEN}, b: close}\n", `doc.timeline[0]: matches none of the anyOf alternatives`},
		{"faults:\n  - drop: {from: a, flags: [ACK, ACK]}\n" + tl, `doc.faults[0].drop.flags: item ACK repeats`},
		{tl + "expect:\n  final: {a: OPEN}\n", `doc.expect.final.a: OPEN is not one of [CLOSED LISTEN SYN-SENT SYN-RECEIVED ESTABLISHED FIN-WAIT-1 FIN-WAIT-2 CLOSE-WAIT CLOSING LAST-ACK TIME-WAIT]`},
	} {
		if got := v.validate(v.root, decodeYAML(t, []byte(c.src)), "doc"); got != c.want {
			t.Errorf("%q:\n got %s\nwant %s", c.src, got, c.want)
		}
	}
}

// The schema, the Go types the loader decodes into and docs/scenarios.md
// name the same keys, so none of the three can drift from the others.
func TestSchemaMatchesLoader(t *testing.T) {
	v := &validator{root: loadSchema(t)}
	doc, err := os.ReadFile("../docs/scenarios.md")
	if err != nil {
		t.Fatal(err)
	}
	var walk func(s schema, typ reflect.Type, path string)
	walk = func(s schema, typ reflect.Type, path string) {
		s = v.resolve(s)
		for typ.Kind() == reflect.Pointer {
			typ = typ.Elem()
		}
		switch typ.Kind() {
		case reflect.Struct:
			props, _ := s["properties"].(map[string]any)
			var inSchema []string
			for k := range props {
				inSchema = append(inSchema, k)
			}
			inGo := fieldNames(typ)
			slices.Sort(inSchema)
			slices.Sort(inGo)
			if !slices.Equal(inSchema, inGo) {
				t.Errorf("%s: schema has %v, loader has %v", path, inSchema, inGo)
			}
			if s["additionalProperties"] != false {
				t.Errorf("%s: schema allows unknown keys; the loader does not", path)
			}
			fields := yamlFields(typ)
			for _, k := range inGo {
				if !strings.Contains(string(doc), "`"+k+"`") {
					t.Errorf("docs/scenarios.md does not mention `%s` (%s)", k, path)
				}
				if p, ok := props[k]; ok {
					walk(sub(p), fields[k].Type, path+"."+k)
				}
			}
		case reflect.Slice:
			if items, ok := s["items"].(map[string]any); ok {
				walk(schema(items), typ.Elem(), path+"[]")
			} else {
				t.Errorf("%s: schema has no items", path)
			}
		}
	}
	walk(v.root, reflect.TypeFor[fileYAML](), "scenario")
}
