package lesson

import (
	"encoding/json"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// docs/lesson.schema.json, the Go types the loader decodes into and
// docs/lessons.md name the same keys.
func TestSchemaMatchesTypes(t *testing.T) {
	b, err := os.ReadFile("../docs/lesson.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var s map[string]any
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile("../docs/lessons.md")
	if err != nil {
		t.Fatal(err)
	}
	props := func(path ...string) map[string]any {
		n := s
		for _, p := range path {
			n = n[p].(map[string]any)
		}
		return n["properties"].(map[string]any)
	}
	for _, c := range []struct {
		typ  reflect.Type
		path []string
	}{
		{reflect.TypeFor[fileYAML](), nil},
		{reflect.TypeFor[beatYAML](), []string{"properties", "beats", "items"}},
		{reflect.TypeFor[whenYAML](), []string{"properties", "beats", "items", "properties", "when"}},
		{reflect.TypeFor[timerWhenYAML](), []string{"properties", "beats", "items", "properties", "when", "properties", "timer"}},
		{reflect.TypeFor[askYAML](), []string{"properties", "beats", "items", "properties", "ask"}},
		{reflect.TypeFor[choiceYAML](), []string{"properties", "beats", "items", "properties", "ask", "properties", "choose", "items"}},
		{reflect.TypeFor[goalYAML](), []string{"properties", "goal"}},
	} {
		var keys []string
		for i := 0; i < c.typ.NumField(); i++ {
			k, _, _ := strings.Cut(c.typ.Field(i).Tag.Get("yaml"), ",")
			keys = append(keys, k)
			if !strings.Contains(string(doc), k) {
				t.Errorf("%s: docs/lessons.md does not mention %q", c.typ.Name(), k)
			}
		}
		var inSchema []string
		for k := range props(c.path...) {
			inSchema = append(inSchema, k)
		}
		slices.Sort(keys)
		slices.Sort(inSchema)
		if !slices.Equal(keys, inSchema) {
			t.Errorf("%s: Go %v, schema %v", c.typ.Name(), keys, inSchema)
		}
	}
}
