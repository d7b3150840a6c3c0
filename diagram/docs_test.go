package diagram

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the pictures under docs/diagrams")

// The pictures docs/diagrams.md and the README embed are what the tool
// draws today: `go test ./diagram -run Docs -update` redraws them (the same
// bytes as `tcpsim diagram NAME -o docs/diagrams/NAME.svg`).
func TestDocsPicturesAreCurrent(t *testing.T) {
	pics := []struct {
		file, scenario string
		f              Format
		o              Options
		states         bool
	}{
		{"lost-final-ack.svg", "lost-final-ack", SVG, Options{}, false},
		{"simultaneous-close.svg", "simultaneous-close", SVG, Options{}, false},
		{"lost-final-ack-states.svg", "lost-final-ack", SVG, Options{}, true},
		{"simultaneous-close-dark.svg", "simultaneous-close", SVG, Options{Theme: Dark}, false},
		{"lost-final-ack.mmd", "lost-final-ack", Mermaid, Options{}, false},
	}
	for _, p := range pics {
		path := filepath.Join("..", "docs", "diagrams", p.file)
		want := render(t, p.f, bundledRun(t, p.scenario), p.o, p.states)
		if *update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			writeFile(t, path, want)
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run: go test ./diagram -run Docs -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is stale: go test ./diagram -run Docs -update", path)
		}
	}
}
