//go:build linux

package kernel

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/internal/capcmp"
	"github.com/tcpsim/tcpsim/scenarios"
)

// An interrupted run (Ctrl-C cancels the same context Run watches) removes
// its namespaces and says it was interrupted.
func TestInterruptedRunLeavesNothing(t *testing.T) {
	needKernel(t)
	sc, err := scenarios.Lookup("linux-fin-wait2-timeout") // 5 s of real time
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(1500*time.Millisecond, cancel)
	_, err = Run(ctx, sc.Config, Options{})
	if err == nil || !strings.Contains(err.Error(), "interrupted") {
		t.Errorf("an interrupted run returned %v, want the interruption", err)
	}
	if left := leftovers(); len(left) > 0 {
		t.Errorf("namespaces left behind: %v", left)
	}
}

// checkSave holds --save's directory against the run it keeps: the
// capture, the model's, the scenario and a README of what ran.
func checkSave(t *testing.T, name string, sc *scenarios.Scenario, res *Result) {
	dir := t.TempDir()
	if err := res.Save(dir, name, sc.Source); err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join(dir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"tcpsim real " + name, "ip netns add " + res.Namespaces[0], "B  close()", res.Verdict()} {
		if !strings.Contains(string(readme), w) {
			t.Errorf("README lacks %q:\n%s", w, readme)
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, "kernel-a.pcap"))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := capcmp.Read(data); err != nil || len(got) != len(res.Kernel) {
		t.Errorf("kernel-a.pcap holds %d segments (%v), the run %d", len(got), err, len(res.Kernel))
	}
	if src, _ := os.ReadFile(filepath.Join(dir, "scenario.yaml")); string(src) != string(sc.Source) {
		t.Error("scenario.yaml is not the scenario that ran")
	}
}
