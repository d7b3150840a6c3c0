package lessons_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/tcpsim/tcpsim/lesson"
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
