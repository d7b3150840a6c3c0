// Package scenarios loads tcpsim scenarios from YAML and carries the
// bundled library (embedded in the binary). The format is documented in
// docs/scenarios.md and described by docs/scenario.schema.json.
package scenarios

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/tcpsim/tcpsim/sim"
)

// Default is the scenario `tcpsim` opens with no argument.
const Default = "normal-close"

// Scenario is a loaded scenario.
type Scenario struct {
	Name        string
	Title       string
	Description string
	Profile     string
	File        string // path it came from ("bundled/NAME.yaml" for the library)
	Source      []byte // the YAML text
	Config      *sim.Config
	Expect      []Expectation // in file order; empty when the file states none
	Highlight   []Moment      // key moments, in file order (highlight.go)
	Tolerance   Tolerance     // what a comparison with a real kernel allows (tolerance.go)

	titles, descriptions text // by language; Title and Description are the "en" ones
}

//go:embed *.yaml
var library embed.FS

// Bundled lists the embedded library, sorted by name. Each call loads it
// afresh, so callers may change a Config without affecting anyone else.
func Bundled() []*Scenario {
	var out []*Scenario
	for _, name := range Names() {
		sc, err := loadBundled(name)
		if err != nil {
			panic(err) // the tests load every bundled file
		}
		out = append(out, sc)
	}
	return out
}

// Names lists the bundled scenarios' names, sorted.
func Names() []string {
	entries, _ := fs.ReadDir(library, ".")
	var names []string
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".yaml"); ok {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names
}

func loadBundled(name string) (*Scenario, error) {
	src, err := library.ReadFile(name + ".yaml")
	if err != nil {
		return nil, err
	}
	return Load("bundled/"+name+".yaml", src)
}

// NotFoundError says a name is neither bundled nor a file.
type NotFoundError struct {
	Name    string
	Suggest string // the closest bundled name, if any is close
}

func (e *NotFoundError) Error() string {
	msg := fmt.Sprintf("no scenario %q: not a bundled scenario (see tcpsim list) and no such file", e.Name)
	if e.Suggest != "" {
		msg += fmt.Sprintf("; did you mean %q?", e.Suggest)
	}
	return msg
}

// Lookup finds a bundled scenario by name or loads a file by path. A bare
// name (no path separator, no .yaml/.yml) is looked up in the library
// first; anything else is read from disk.
func Lookup(nameOrPath string) (*Scenario, error) {
	isPath := strings.ContainsAny(nameOrPath, `/\`) || strings.HasSuffix(nameOrPath, ".yaml") || strings.HasSuffix(nameOrPath, ".yml")
	if !isPath && slices.Contains(Names(), nameOrPath) {
		return loadBundled(nameOrPath)
	}
	src, err := readFile(nameOrPath)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &NotFoundError{Name: nameOrPath, Suggest: suggest(nameOrPath, Names())}
	}
	if err != nil {
		return nil, err
	}
	return Load(nameOrPath, src)
}
