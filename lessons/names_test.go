package lessons_test

import (
	"slices"
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
