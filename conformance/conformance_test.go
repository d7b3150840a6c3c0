package conformance

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tcpsim/tcpsim/fsm"
)

const docPath = "../docs/conformance.md"

func TestConformanceDocIsFresh(t *testing.T) {
	doc, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatal(err)
	}
	const begin, end = "<!-- BEGIN MATRIX (generated from conformance.Matrix and conformance.Steps; do not edit) -->\n", "<!-- END MATRIX -->"
	s := string(doc)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatal("docs/conformance.md lacks the MATRIX markers")
	}
	if s[i+len(begin):j] == Markdown() {
		return
	}
	if os.Getenv("UPDATE_DOCS") == "1" {
		s = s[:i+len(begin)] + Markdown() + s[j:]
		tmp := docPath + ".tmp"
		if err := os.WriteFile(tmp, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, docPath); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatal("docs/conformance.md is stale: run UPDATE_DOCS=1 go test ./conformance -run DocIsFresh")
}

// TestEveryAppendixBIDOnce: the matrix lists exactly the IDs of RFC 9293
// Appendix B, each once.
func TestEveryAppendixBIDOnce(t *testing.T) {
	raw, err := os.ReadFile("testdata/appendix-b-ids.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, l := range strings.Split(string(raw), "\n") {
		if l != "" && !strings.HasPrefix(l, "#") {
			want[l] = true
		}
	}
	seen := map[string]bool{}
	for _, r := range Matrix {
		if seen[r.ID] {
			t.Errorf("%s listed twice", r.ID)
		}
		seen[r.ID] = true
		if !want[r.ID] {
			t.Errorf("%s is not an Appendix B ID", r.ID)
		}
	}
	for id := range want {
		if !seen[id] {
			t.Errorf("%s from Appendix B is missing from the matrix", id)
		}
	}
}

func TestEveryClaimIsExplained(t *testing.T) {
	for _, r := range Matrix {
		if r.Why == "" || r.Text == "" || r.Level == "" || r.Group == "" {
			t.Errorf("%s: empty field", r.ID)
		}
		if r.Status == Implemented && len(r.Tests) == 0 {
			t.Errorf("%s is implemented but names no test", r.ID)
		}
	}
}

var testFunc = regexp.MustCompile(`(?m)^func ((?:Test|Fuzz)[A-Za-z0-9_]*)\(`)

// testsIn returns the test and fuzz functions declared in dir's _test.go files.
func testsIn(t *testing.T, dir string) map[string]bool {
	files, err := filepath.Glob(filepath.Join("..", dir, "*_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range testFunc.FindAllStringSubmatch(string(src), -1) {
			out[m[1]] = true
		}
	}
	return out
}

// TestClaimedTestsExist: every test the matrix names is declared where it
// says, and every scenario it names exists and states expectations.
func TestClaimedTestsExist(t *testing.T) {
	cache := map[string]map[string]bool{}
	for _, r := range Matrix {
		for _, name := range r.Tests {
			if strings.HasSuffix(name, ".yaml") {
				src, err := os.ReadFile(filepath.Join("..", name))
				if err != nil {
					t.Errorf("%s: %v", r.ID, err)
				} else if !strings.Contains(string(src), "\nexpect:") {
					t.Errorf("%s: %s has no expect block", r.ID, name)
				}
				continue
			}
			dot := strings.LastIndex(name, ".")
			if dot < 0 {
				t.Errorf("%s: %q is not dir.TestName", r.ID, name)
				continue
			}
			dir, fn := name[:dot], name[dot+1:]
			if cache[dir] == nil {
				cache[dir] = testsIn(t, dir)
			}
			if !cache[dir][fn] {
				t.Errorf("%s claims %s, which does not exist", r.ID, name)
			}
		}
	}
}

var reqID = regexp.MustCompile(`\b(?:MUST|SHLD|MAY|REC)-[0-9]+\b`)

// TestEveryNamedIDIsListed: a requirement ID written in any Go file
// (tests and the code they test) or bundled scenario must be in the matrix.
func TestEveryNamedIDIsListed(t *testing.T) {
	listed := map[string]bool{}
	for _, r := range Matrix {
		listed[r.ID] = true
	}
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && path != ".." || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !(strings.HasSuffix(path, ".go") || strings.HasSuffix(path, ".yaml")) {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, id := range reqID.FindAllString(string(src), -1) {
			if !listed[id] && !strings.HasSuffix(path, "conformance_test.go") {
				t.Errorf("%s names %s, which the matrix does not list", path, id)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestEveryArrivalRowInOneStep: each §3.10.7 row (and the fifth step's
// RFC 5681 rows) appears under exactly one step.
func TestEveryArrivalRowInOneStep(t *testing.T) {
	count := map[int]int{}
	for i := range Steps {
		for _, r := range Steps[i].Rows() {
			count[r.ID]++
		}
	}
	for i := 1; i < len(fsm.Table); i++ {
		r := &fsm.Table[i]
		arrival := strings.HasPrefix(r.RFC, "3.10.7") || r.RFC == "3.8.2"
		if arrival && count[r.ID] != 1 {
			t.Errorf("row %d %s (§%s) is under %d steps", r.ID, r.Name(), r.RFC, count[r.ID])
		}
		if !arrival && count[r.ID] != 0 {
			t.Errorf("row %d %s (§%s) is not an arrival row but is under a step", r.ID, r.Name(), r.RFC)
		}
	}
}
