package scenarios

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// A file with several independent mistakes gets them all in one load,
// in the order they appear, each with its position.
func TestLoadReportsAllProblems(t *testing.T) {
	src := "expect:\n  final: {a: CLOSED, b: CLOSD}\n" +
		"profile: rfc9239\n" +
		"msl: 2x\n" +
		"timeline:\n  - {at: 0s, b: listne}\n  - {at: 0s, a: connect}\n  - {at: 1s, a: clsoe}\n"
	_, err := Load("many.yaml", []byte(src))
	var es Errors
	if !errors.As(err, &es) {
		t.Fatalf("not Errors: %T %v", err, err)
	}
	want := []string{
		`many.yaml:2:25: expect.final.b: unknown state "CLOSD"`,
		`many.yaml:3:10: profile: unknown profile "rfc9239"`,
		`many.yaml:4:6: msl: expected a duration`,
		`many.yaml:6:17: timeline[0].b: unknown action "listne"`,
		`many.yaml:8:17: timeline[2].a: unknown action "clsoe"`,
	}
	if len(es) != len(want) {
		t.Fatalf("%d problems, want %d:\n%v", len(es), len(want), err)
	}
	for i, w := range want {
		if !strings.HasPrefix(es[i].Error(), w) {
			t.Errorf("problem %d: %q, want it to start with %q", i+1, es[i].Error(), w)
		}
		if es[i].Excerpt(false) == "" {
			t.Errorf("problem %d has no excerpt", i+1)
		}
	}
	var first *Error
	if !errors.As(err, &first) || first != es[0] {
		t.Error("errors.As does not find the first problem")
	}
}

// Unknown keys everywhere are reported together; past maxErrors, a count.
func TestLoadShapeProblemsAndCap(t *testing.T) {
	_, err := Load("keys.yaml", []byte("nmae: x\ntimeline:\n  - {at: 0s, b: listen, c: 1}\nlink: {delay: [1]}\n"))
	var es Errors
	if !errors.As(err, &es) || len(es) != 3 {
		t.Fatalf("want 3 problems, got %v", err)
	}
	var b strings.Builder
	for i := range maxErrors + 5 {
		fmt.Fprintf(&b, "k%d: 1\n", i)
	}
	b.WriteString("timeline: [{at: 0s, b: listen}]\n")
	_, err = Load("lots.yaml", []byte(b.String()))
	if !errors.As(err, &es) || len(es) != maxErrors+1 || !strings.Contains(es[maxErrors].Msg, "5 more problems") {
		t.Errorf("want %d problems and a count of 5 more, got %d: %v", maxErrors, len(es), err)
	}
}
