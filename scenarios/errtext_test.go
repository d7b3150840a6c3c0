package scenarios

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tcpsim/tcpsim/msg"
)

// formats are the English problems the loaders write: the format
// arguments of errAt, errTokf, fileErr and Part.Err, and the messages of
// errTok, in this package and in lesson/.
func formats(t *testing.T) map[string]string {
	t.Helper()
	at := map[string]int{"errAt": 1, "errTokf": 2, "fileErr": 1, "Err": 1, "errTok": 2, "OneOf": 1, "need": 1}
	out := map[string]string{} // format -> where
	for _, name := range sources(t) {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var fn string
			switch c := call.Fun.(type) {
			case *ast.Ident:
				fn = c.Name
			case *ast.SelectorExpr:
				fn = c.Sel.Name
			}
			i, ok := at[fn]
			if !ok || len(call.Args) <= i {
				return true
			}
			if lit, ok := call.Args[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				s, _ := strconv.Unquote(lit.Value)
				out[s] = fset.Position(lit.Pos()).String()
				if fn == "OneOf" || fn == "need" {
					out[s] += " want"
				}
			}
			return true
		})
	}
	if len(out) < 80 {
		t.Fatalf("only %d formats found", len(out))
	}
	return out
}

// sources are the loaders' Go files: this package's and lesson/'s.
func sources(t *testing.T) []string {
	var out []string
	for _, glob := range []string{"*.go", "../lesson/*.go"} {
		files, err := filepath.Glob(glob)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if !strings.HasSuffix(f, "_test.go") {
				out = append(out, f)
			}
		}
	}
	return out
}

// Every problem the loaders write is in both catalogues: the English
// entry is the format itself, the Chinese one has the same arguments; no
// two formats share an ID.
func TestEveryProblemIsTranslated(t *testing.T) {
	en, _ := msg.Entries("en")
	zh, _ := msg.Entries("zh")
	seen := map[string]string{}
	for f, where := range formats(t) {
		if strings.HasSuffix(where, " want") {
			continue // a want (TestEveryWantIsTranslated)
		}
		slug := errorSlug(f)
		if other, ok := seen[slug]; ok {
			t.Errorf("%s and %q have the same slug %s", where, other, slug)
		}
		seen[slug] = f
		id := msg.ID(msg.ErrorPrefix + slug)
		if got := en[id]; got != errorTemplate(f) {
			t.Errorf("%s: %s: en is %q, want %q", where, id, got, errorTemplate(f))
		}
		if zh[id] == "" {
			t.Errorf("%s: %s has no Chinese", where, id)
		}
	}
}

var wantTag = regexp.MustCompile(`want:"([^"]*)"`)

// wants are the want:"..." tags: what a field's value should be.
func wants(t *testing.T) []string {
	var out []string
	for _, name := range sources(t) {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range wantTag.FindAllStringSubmatch(string(b), -1) {
			if m[1] != "..." { // the tag's own documentation
				out = append(out, m[1])
			}
		}
	}
	for f, where := range formats(t) {
		if strings.HasSuffix(where, " want") {
			out = append(out, f) // what belongs where a value is missing or wrong (OneOf, need)
		}
	}
	return out
}

// Every want:"..." tag has its words in both languages.
func TestEveryWantIsTranslated(t *testing.T) {
	en, _ := msg.Entries("en")
	zh, _ := msg.Entries("zh")
	for _, w := range wants(t) {
		id := msg.ID(msg.ErrorPrefix + "want." + errorSlug(w))
		if en[id] != w || zh[id] == "" {
			t.Errorf("want %q: %s is %q in en, %q in zh", w, id, en[id], zh[id])
		}
	}
}
