package lessons_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/tcpsim/tcpsim/lesson"
	"github.com/tcpsim/tcpsim/lessons"
	"github.com/tcpsim/tcpsim/scenarios"
)

// No bundled lesson is named like a bundled scenario: a bare name means
// the scenario to check, validate and show, so such a lesson could not be
// reached by name there.
func TestLessonNamesAreNotScenarioNames(t *testing.T) {
	sc := scenarios.Names()
	for _, n := range lesson.Names() {
		if slices.Contains(sc, n) {
			t.Errorf("lesson %s has the name of a bundled scenario; tcpsim check/validate/show %s would find the scenario", n, n)
		}
	}
}

// docs/lessons.md's table of the bundled course names every bundled
// lesson, so the course a teacher reads is the one the binary carries.
func TestCourseTableListsEveryLesson(t *testing.T) {
	doc, err := os.ReadFile("../docs/lessons.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(doc), "## The bundled course")
	if !ok {
		t.Fatal("docs/lessons.md has no section \"The bundled course\"")
	}
	for _, n := range lesson.Names() {
		if !strings.Contains(table, "| `"+n+"` |") {
			t.Errorf("docs/lessons.md: the bundled course does not list %s", n)
		}
	}
}

// The course order names every bundled lesson once, and docs/lessons.md's
// table lists them in that order: a lesson left out of lessons.Course
// would drop to the end of the list, after the lessons that build on it.
func TestCourseOrder(t *testing.T) {
	files := map[string]bool{}
	entries, err := lessons.Files.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		files[strings.TrimSuffix(e.Name(), ".yaml")] = true
	}
	seen := map[string]bool{}
	for _, n := range lessons.Course {
		if !files[n] || seen[n] {
			t.Errorf("lessons.Course: %s is not a bundled lesson, or is named twice", n)
		}
		seen[n] = true
	}
	for n := range files {
		if !seen[n] {
			t.Errorf("lessons.Course does not place %s", n)
		}
	}
	if got := lesson.Names(); !slices.Equal(got, lessons.Course) {
		t.Errorf("lesson.Names() = %v, want the course order %v", got, lessons.Course)
	}
	doc, err := os.ReadFile("../docs/lessons.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, _ := strings.Cut(string(doc), "## The bundled course")
	last := -1
	for _, n := range lessons.Course {
		i := strings.Index(table, "| `"+n+"` |")
		if i < last {
			t.Errorf("docs/lessons.md lists %s out of the course order", n)
		}
		last = i
	}
}
