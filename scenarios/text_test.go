package scenarios

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/tcpsim/tcpsim/internal/glossary"
)

// A title or description is plain text (English) or a mapping by language.
func TestTexts(t *testing.T) {
	cases := []struct {
		name, src                    string
		title, desc, titleZh, descZh string
	}{
		{"plain", "title: Hello\ndescription: Some words.\n" + tl,
			"Hello", "Some words.", "Hello", "Some words."},
		{"absent", tl, "t", "", "t", ""},
		{"both languages", "title: {en: Lost FIN, zh: FIN 丢失}\ndescription:\n  en: |\n    Words.\n  zh: |\n    说明。\n" + tl,
			"Lost FIN", "Words.", "FIN 丢失", "说明。"},
		{"English only, as a mapping", "title: {en: Hello}\n" + tl, "Hello", "", "Hello", ""},
		{"number as a title", "title: 404\n" + tl, "404", "", "404", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sc, err := Load("t.yaml", []byte(c.src))
			if err != nil {
				t.Fatal(err)
			}
			got := [4]string{sc.Title, sc.Description, sc.TitleIn("zh"), sc.DescriptionIn("zh")}
			want := [4]string{c.title, c.desc, c.titleZh, c.descZh}
			if got != want {
				t.Errorf("got %q\nwant %q", got, want)
			}
			if sc.TitleIn("en") != c.title || sc.TitleIn("fr") != c.title {
				t.Errorf("TitleIn(en) %q, TitleIn(fr) %q", sc.TitleIn("en"), sc.TitleIn("fr"))
			}
		})
	}
}

func TestTextErrors(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"unknown language", "title: {en: Hi, zh-CN: 你好}\n" + tl,
			`t.yaml:1:17: title.zh-CN: unknown language (did you mean "zh"?); expected en or zh`},
		{"typo", "title: {en: Hi, ne: x}\n" + tl,
			`t.yaml:1:17: title.ne: unknown language (did you mean "en"?); expected en or zh`},
		{"unknown language, block", "description:\n  en: Hi\n  fr: Salut\n" + tl,
			`t.yaml:3:3: description.fr: unknown language; expected en or zh`},
		{"missing en", "title:\n  zh: 你好\n" + tl,
			`t.yaml:2:3: title: title needs an English text (en:); the other languages fall back to it`},
		{"empty mapping", "description: {}\n" + tl,
			`t.yaml:1:14: description: description needs an English text (en:); the other languages fall back to it`},
		{"list", "title: [a, b]\n" + tl,
			`t.yaml:1:8: title: expected text, or a mapping by language such as {en: ..., zh: ...}, got a list`},
		{"nested mapping", "title: {en: {x: 1}}\n" + tl,
			`t.yaml:1:13: title.en: expected text, got a mapping`},
		{"empty text", "title: {en: Hi, zh: ''}\n" + tl,
			`t.yaml:1:21: title.zh: the text is empty; leave the language out instead`},
		{"duplicate language", "title:\n  en: a\n  en: b\n" + tl,
			`t.yaml:3:3: duplicate key "en" (already set on line 2)`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Load("t.yaml", []byte(c.src))
			if err == nil {
				t.Fatal("loaded")
			}
			if err.Error() != c.want {
				t.Errorf("got  %s\nwant %s", err, c.want)
			}
		})
	}
}

// The schema accepts what the loader accepts, and rejects the same mistakes.
func TestSchemaTexts(t *testing.T) {
	v := &validator{root: loadSchema(t)}
	for _, c := range []struct{ src, want string }{
		{"title: Hello\n" + tl, ""},
		{"title: {en: Hello, zh: 你好}\ndescription: {en: a}\n" + tl, ""},
		{"title: {zh: 你好}\n" + tl, `doc.title: matches 0 of the oneOf alternatives, not exactly 1`},
		{"title: {en: Hi, fr: Salut}\n" + tl, `doc.title: matches 0 of the oneOf alternatives, not exactly 1`},
		{"description: {en: ''}\n" + tl, `doc.description: matches 0 of the oneOf alternatives, not exactly 1`},
	} {
		if got := v.validate(v.root, decodeYAML(t, []byte(c.src)), "doc"); got != c.want {
			t.Errorf("%q:\n got %s\nwant %s", c.src, got, c.want)
		}
	}
}

// Every bundled scenario speaks Chinese as well as English (issue 10), in
// the words of the project's glossary.
func TestBundledChinese(t *testing.T) {
	g, err := glossary.Load("../docs/glossary-zh.md")
	if err != nil {
		t.Fatal(err)
	}
	zh := map[string]string{}
	for _, sc := range Bundled() {
		for _, lang := range Languages {
			if !sc.HasText(lang) {
				t.Errorf("%s: no %s title or description", sc.Name, lang)
			}
		}
		zh[sc.Name+".title"] = sc.TitleIn("zh")
		zh[sc.Name+".description"] = sc.DescriptionIn("zh")
	}
	for _, p := range g.Check(zh) {
		t.Error(p)
	}
	for _, p := range glossary.Punctuation(zh) {
		t.Error(p)
	}
}

// The Chinese page on the format names every key the loader reads, as the
// English one must (TestSchemaMatchesLoader), so neither falls behind.
func TestChineseDocNamesEveryKey(t *testing.T) {
	doc, err := os.ReadFile("../docs/zh/scenarios.md")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[reflect.Type]bool{}
	var walk func(typ reflect.Type)
	walk = func(typ reflect.Type) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice {
			typ = typ.Elem()
		}
		if typ.Kind() != reflect.Struct || seen[typ] {
			return
		}
		seen[typ] = true
		fields := yamlFields(typ)
		for _, k := range fieldNames(typ) {
			if !strings.Contains(string(doc), "`"+k+"`") {
				t.Errorf("docs/zh/scenarios.md does not mention `%s`", k)
			}
			walk(fields[k].Type)
		}
	}
	walk(reflect.TypeFor[fileYAML]())
	if len(seen) < 10 {
		t.Fatalf("walked only %d types", len(seen))
	}
}
