package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExploreVerb(t *testing.T) {
	out, errOut, code := cli(t, "explore", "handshake", "--drops", "1")
	if code != 0 || !strings.Contains(out, "6 distinct runs: 1 with 0 lost, 5 with 1\n") || !strings.Contains(out, "exhaustive") {
		t.Fatalf("code %d\n%s%s", code, out, errOut)
	}
	_, errOut, code = cli(t, "explore", "handshake", "--drops", "-1")
	if code != exitUsage || !strings.Contains(errOut, "--drops") {
		t.Fatalf("--drops -1: code %d %s", code, errOut)
	}
	_, errOut, code = cli(t, "explore", "handshake", "--open", "9")
	if code != exitUsage || !strings.Contains(errOut, "examples 1 to") {
		t.Fatalf("--open 9: code %d %s", code, errOut)
	}
}

// --open prints a scenario file that loads and runs as the example did.
func TestExploreOpen(t *testing.T) {
	out, errOut, code := cli(t, "explore", "lost-final-ack", "--drops", "2", "--open", "2")
	if code != 0 || !strings.Contains(out, "faults:") {
		t.Fatalf("code %d\n%s%s", code, out, errOut)
	}
	path := filepath.Join(t.TempDir(), "ex.yaml")
	if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	run, errOut, code := cli(t, "run", path)
	if code != 0 || !strings.Contains(run, "final: A CLOSED, B LISTEN") {
		t.Fatalf("code %d\n%s%s", code, run, errOut)
	}
}

// --crash adds a crash of either end at each instant; --open writes the
// crash as the timeline's last step, and the file runs as the example did.
func TestExploreCrash(t *testing.T) {
	out, errOut, code := cli(t, "explore", "handshake", "--drops", "0", "--crash")
	if code != 0 || !strings.Contains(out, "11 distinct runs: 1 with 0 faults, 10 with 1 (10 with a crash)\n") {
		t.Fatalf("code %d\n%s%s", code, out, errOut)
	}
	out, errOut, code = cli(t, "explore", "handshake", "--drops", "0", "--crash", "--open", "4")
	if code != 0 || !strings.Contains(out, "b: crash") || !strings.Contains(out, "at: 150.000001ms") {
		t.Fatalf("code %d\n%s%s", code, out, errOut)
	}
	path := filepath.Join(t.TempDir(), "ex.yaml")
	if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	run, errOut, code := cli(t, "run", path)
	if code != 0 || !strings.Contains(run, "final: A ESTABLISHED, B CLOSED") {
		t.Fatalf("code %d\n%s%s", code, run, errOut)
	}
}
