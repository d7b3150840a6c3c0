package main

import (
	"strings"
	"testing"
)

// validate reports every problem of every file, each with its excerpt,
// in the order of the file, and still exits 2.
func TestValidateAllProblems(t *testing.T) {
	bad := file(t, "bad.yaml", "profile: rfc9239\ntimeline:\n  - {at: 0s, b: listne}\n  - {at: 0s, a: conect}\n")
	other := file(t, "other.yaml", "nmae: x\n"+minimal)
	out, errs, code := cli(t, "validate", bad, other, "handshake")
	if code != exitUsage || !strings.Contains(out, "ok  handshake") {
		t.Fatalf("exit %d, stdout %q", code, out)
	}
	want := []string{bad + ":1:10: profile", bad + ":3:17: timeline[0].b", bad + ":4:17: timeline[1].a", other + ":1:1: nmae"}
	at := 0
	for _, w := range want {
		i := strings.Index(errs[at:], w)
		if i < 0 {
			t.Fatalf("no %q after byte %d of:\n%s", w, at, errs)
		}
		at += i + len(w)
	}
	if n := strings.Count(errs, "\n> "); n != len(want) {
		t.Errorf("%d excerpts, want %d:\n%s", n, len(want), errs)
	}
}
