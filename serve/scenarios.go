package serve

import (
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/ui"
)

// scenarioDir is the one directory the server reads scenarios from. It is
// read through an os.Root, so neither a name nor a symlink in it reaches
// outside; students never name a file, they choose from the list.
type scenarioDir struct {
	path string
	root *os.Root
}

func openScenarioDir(path string) (*scenarioDir, error) {
	root, err := os.OpenRoot(path)
	if err != nil {
		return nil, fmt.Errorf("--scenarios: %w", err)
	}
	return &scenarioDir{path: path, root: root}, nil
}

// list reads the directory afresh, so a file the teacher adds during the
// lesson shows up in the next picker.
func (d *scenarioDir) list() []ui.ScenarioEntry {
	ents, err := fs.ReadDir(d.root.FS(), ".")
	if err != nil {
		return []ui.ScenarioEntry{{File: d.path, Err: err}}
	}
	var out []ui.ScenarioEntry
	for _, e := range ents {
		n := e.Name()
		if !e.Type().IsRegular() && e.Type()&fs.ModeSymlink == 0 || !(strings.HasSuffix(n, ".yaml") || strings.HasSuffix(n, ".yml")) {
			continue
		}
		src, err := d.root.ReadFile(n)
		if err != nil {
			out = append(out, ui.ScenarioEntry{File: n, Err: err})
			continue
		}
		sc, err := scenarios.Load(n, src)
		out = append(out, ui.ScenarioEntry{File: n, Scenario: sc, Err: err})
	}
	slices.SortFunc(out, func(a, b ui.ScenarioEntry) int { return strings.Compare(a.File, b.File) })
	return out
}

// bundledEntries loads the library once for every session: a scenario
// is never changed once loaded (forks copy the configuration), and parsing
// the library at each picker costs 50 students seconds of CPU.
func bundledEntries() []ui.ScenarioEntry {
	var out []ui.ScenarioEntry
	for _, sc := range scenarios.Bundled() {
		out = append(out, ui.ScenarioEntry{Scenario: sc})
	}
	return out
}

// scenarioList is what every picker shows: the bundled library, then the
// served directory.
func (s *Server) scenarioList() []ui.ScenarioEntry {
	out := slices.Clone(s.bundled)
	if s.dir != nil {
		out = append(out, s.dir.list()...)
	}
	return out
}
