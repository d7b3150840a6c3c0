package msg

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// declared returns the ID constants of ids.go and ids_*.go (one file per
// part of the program): Go name -> ID.
func declared(t *testing.T) map[string]ID {
	files, err := filepath.Glob("ids*.go")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]ID{}
	for _, name := range files {
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		declaredIn(t, f, out)
	}
	if len(out) == 0 {
		t.Fatal("no IDs in ids.go")
	}
	return out
}

func declaredIn(t *testing.T, f *ast.File, out map[string]ID) {
	ast.Inspect(f, func(n ast.Node) bool {
		if vs, ok := n.(*ast.ValueSpec); ok {
			for i, name := range vs.Names {
				lit, ok := vs.Values[i].(*ast.BasicLit)
				if !ok {
					t.Fatalf("%s: not a literal ID", name.Name)
				}
				v, _ := strconv.Unquote(lit.Value)
				out[name.Name] = ID(v)
			}
		}
		return true
	})
}

// Every declared ID is in every catalogue, and every catalogue entry is
// declared.
func TestCatalogueMatchesIDs(t *testing.T) {
	ids := declared(t)
	if _, err := New("en"); err != nil {
		t.Fatal(err)
	}
	if len(raw) == 0 {
		t.Fatal("no catalogues loaded")
	}
	values := map[ID]bool{}
	for _, id := range ids {
		values[id] = true
	}
	for lang, m := range raw {
		for _, id := range ids {
			if _, ok := m[string(id)]; !ok {
				t.Errorf("%s: %s is missing", lang, id)
			}
		}
		for k := range m {
			if !values[ID(k)] && !dataPrefix(k) {
				t.Errorf("%s: %s is in the catalogue but not in ids.go", lang, k)
			}
		}
	}
}

// dataPrefix says k is made from data: a row of the state machine, or
// the command line's verbs and flags.
func dataPrefix(k string) bool {
	for _, p := range []string{RulePrefix, FlagPrefix, ExamplePrefix, LongPrefix, ShortPrefix, ErrorPrefix} {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

// Every declared ID is used somewhere: outside this package, or by this
// package's own code (events.go), not counting where IDs are declared.
func TestEveryIDIsUsed(t *testing.T) {
	ids := declared(t)
	used := map[string]bool{}
	ref := regexp.MustCompile(`\bmsg\.([A-Z]\w*)`)
	own := regexp.MustCompile(`\b([A-Z]\w*)\b`)
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != ".." && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		re := ref
		if filepath.Dir(path) == filepath.Join("..", "msg") {
			if strings.HasPrefix(filepath.Base(path), "ids") {
				return nil
			}
			re = own
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			used[m[1]] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, id := range ids {
		if !used[name] {
			t.Errorf("msg.%s (%s) is never used", name, id)
		}
	}
}

func TestPrinter(t *testing.T) {
	p := English()
	if got := p.T(SendRetransmit, Args{"N": 2, "RTO": "4s"}); got != "retransmission #2 (RTO 4s)" {
		t.Errorf("parameters: %q", got)
	}
	if got := p.N(AppReads, 1, Args{"Side": "A"}); got != "A reads 1 byte" {
		t.Errorf("plural one: %q", got)
	}
	if got := p.N(AppReads, 5, Args{"Side": "B"}); got != "B reads 5 bytes" {
		t.Errorf("plural other: %q", got)
	}
	if got := p.T(SendDelayedACK, nil); got != "delayed ACK" {
		t.Errorf("static: %q", got)
	}
	if got := p.T("no.such.id", nil); got != "[no.such.id]" {
		t.Errorf("missing ID: %q", got)
	}
	if _, err := New("xx"); err == nil {
		t.Error("a language without a catalogue must be refused")
	}
}

// A rendered message is remembered: the second call is a lookup.
func TestPrinterRemembers(t *testing.T) {
	p, err := New("en")
	if err != nil {
		t.Fatal(err)
	}
	args := Args{"N": 3, "RTO": "8s"}
	first := p.T(SendRetransmit, args)
	if _, ok := p.memo.Load(memoKey(SendRetransmit, -1, args)); !ok {
		t.Fatal("not remembered")
	}
	if p.memoN.Load() != 1 {
		t.Errorf("%d entries after one message", p.memoN.Load())
	}
	if again := p.T(SendRetransmit, args); again != first {
		t.Errorf("%q then %q", first, again)
	}
}
