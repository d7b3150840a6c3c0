package lesson

import (
	"os"
	"strings"
	"testing"
)

// The whole lesson in docs/lessons.md loads and checks: a teacher starts
// from it.
func TestDocsExample(t *testing.T) {
	b, err := os.ReadFile("../docs/lessons.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), "```yaml\n# yaml-language-server")
	if !ok {
		t.Fatal("docs/lessons.md has no whole lesson")
	}
	src, _, _ := strings.Cut(rest, "```")
	l, err := Load("docs/lessons.md", []byte("#"+src))
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Check(); err != nil {
		t.Fatal(err)
	}
	if len(l.Beats) != 2 || l.Questions() != 1 {
		t.Errorf("got %d beats, %d questions", len(l.Beats), l.Questions())
	}
}

// The Chinese guide's example lesson loads and checks too.
func TestDocsZhExample(t *testing.T) {
	b, err := os.ReadFile("../docs/zh/lessons.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), "```yaml\n")
	if !ok {
		t.Fatal("docs/zh/lessons.md has no example lesson")
	}
	src, _, _ := strings.Cut(rest, "```")
	l, err := Load("docs/zh/lessons.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Check(); err != nil {
		t.Fatal(err)
	}
	if l.Questions() != 2 || l.Title["zh"] == "" {
		t.Errorf("got %d questions, title %v", l.Questions(), l.Title)
	}
}
