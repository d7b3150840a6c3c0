package sim

import (
	"os"
	"strings"
	"testing"
)

func TestProfilesDocIsFresh(t *testing.T) {
	doc, err := os.ReadFile("../docs/profiles.md")
	if err != nil {
		t.Fatal(err)
	}
	const begin, end = "<!-- BEGIN SWITCHES (generated from sim.Switches; do not edit) -->\n", "<!-- END SWITCHES -->"
	s := string(doc)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatal("docs/profiles.md lacks the SWITCHES markers")
	}
	if got := s[i+len(begin) : j]; got != ProfilesMarkdown() {
		if os.Getenv("UPDATE_DOCS") == "1" {
			s = s[:i+len(begin)] + ProfilesMarkdown() + s[j:]
			if err := os.WriteFile("../docs/profiles.md", []byte(s), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Fatal("docs/profiles.md switch table is stale: run UPDATE_DOCS=1 go test ./sim -run ProfilesDoc")
	}
}
