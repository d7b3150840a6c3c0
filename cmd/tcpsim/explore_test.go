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

// --all explores every bundled scenario in one report; the exit status
// says whether any invariant broke (the rfc9293 profile has no FIN-WAIT-2
// timer, so a peer's crash leaves a closing end waiting for ever).
func TestExploreAll(t *testing.T) {
	out, errOut, code := cli(t, "explore", "--all", "--drops", "0")
	if code != 0 || !strings.Contains(out, "all held in all") || !strings.Contains(out, "not reached:") {
		t.Fatalf("code %d\n%s%s", code, out, errOut)
	}
	for _, name := range []string{"handshake", "time-wait-new-syn", "linux-normal"} {
		if !strings.Contains(out, "\n"+name+" ") {
			t.Errorf("--all does not list %s", name)
		}
	}
	if _, errOut, code = cli(t, "explore", "--all", "handshake"); code != exitUsage || !strings.Contains(errOut, "--all") {
		t.Fatalf("--all with a name: code %d %s", code, errOut)
	}
	out, _, code = cli(t, "explore", "normal-close", "--drops", "0", "--crash")
	if code != exitFailed || !strings.Contains(out, "VIOLATED") || !strings.Contains(out, "FIN-WAIT-2") {
		t.Fatalf("a violation: code %d\n%s", code, out)
	}
	if out, _, code = cli(t, "explore", "normal-close", "--drops", "0", "--crash", "--profile", "linux"); code != 0 {
		t.Fatalf("linux profile (FIN-WAIT-2 timeout): code %d\n%s", code, out)
	}
}

// --states draws the state diagram of the arcs the runs took.
func TestExploreStates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cov.svg")
	out, errOut, code := cli(t, "explore", "handshake", "--drops", "1", "--states", path)
	if code != 0 || !strings.Contains(out, "distinct runs") {
		t.Fatalf("code %d\n%s%s", code, out, errOut)
	}
	svg, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(svg), "arcs covered") || !strings.Contains(string(svg), "<svg") {
		t.Fatalf("%v\n%.300s", err, svg)
	}
}
