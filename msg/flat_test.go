package msg

import (
	"reflect"
	"testing"

	"github.com/goccy/go-yaml"
)

// The fast reader and the general YAML parser read every locale file the
// same, entry for entry.
func TestFlatMatchesYAML(t *testing.T) {
	files, err := locales.ReadDir("locales")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, _ := locales.ReadFile("locales/" + f.Name())
		fast, err := parseFlat(b)
		if err != nil {
			t.Fatalf("%s: the catalogue left the fast subset: %v", f.Name(), err)
		}
		want := map[string]any{}
		if err := yaml.Unmarshal(b, &want); err != nil {
			t.Fatal(err)
		}
		if len(fast) != len(want) {
			t.Errorf("%s: %d entries, YAML reads %d", f.Name(), len(fast), len(want))
		}
		for k, v := range want {
			if !reflect.DeepEqual(fast[k], v) {
				t.Errorf("%s: %s: %q, YAML reads %q", f.Name(), k, fast[k], v)
			}
		}
	}
}

// What the fast reader does not know is an error, so load falls back.
func TestFlatRefusesTheRest(t *testing.T) {
	for _, src := range []string{
		"a: plain text\n",
		"a: 'single'\n",
		"a: \"x\" y\n",
		"a: \"unterminated\n",
		"a: \"bad \\q\"\n",
		"  a: \"indented\"\n",
		"a: \"1\"\na: \"2\"\n",
		"a:\n",
		"a: >-\n  folded\n",
	} {
		if _, err := parseFlat([]byte(src)); err == nil {
			t.Errorf("%q accepted", src)
		}
	}
	got, err := parseFlat([]byte("# c\na: \"x\\n\\\"y\\\"\\u00e9\" # note\nb: |-\n  one\n\n    two\nc:\n  one: \"1\"\n  other: \"{{.N}}\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"a": "x\n\"y\"é", "b": "one\n\n  two", "c": map[string]any{"one": "1", "other": "{{.N}}"}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %q", got)
	}
}
