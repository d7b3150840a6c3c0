package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/sim/pcap"
	"github.com/tcpsim/tcpsim/ui"
)

const (
	refNormal  = "../../sim/testdata/linux/a_normal.pcap"
	refRefused = "../../sim/testdata/linux/g_refused.pcap"
)

// The headless comparison is a test: 0 when the capture agrees with the
// model, 1 when it does not, and the output says where.
func TestCompareExitStatus(t *testing.T) {
	out, errs, code := cli(t, "compare", "linux-normal", refNormal, "--format", "text")
	if code != 0 || errs != "" || !strings.Contains(out, "agree: 11 segments identical") {
		t.Fatalf("reference capture: exit %d, stderr %q\n%s", code, errs, out)
	}
	out, _, code = cli(t, "compare", "linux-normal", refRefused, "--format", "text")
	if code != exitFailed || !strings.Contains(out, "! 2 ") || !strings.Contains(out, "disagree: 10 differences") {
		t.Fatalf("a different capture: exit %d\n%s", code, out)
	}
	out, _, code = cli(t, "compare", "linux-refused", refRefused, "--format", "jsonl", "--lang", "zh")
	if code != 0 {
		t.Fatalf("linux-refused: exit %d\n%s", code, out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var last map[string]any
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &last); err != nil || last["agree"] != true || last["segments"] != 2.0 {
		t.Fatalf("last line %q: %v", lines[len(lines)-1], err)
	}
	if _, errs, code := cli(t, "compare", "linux-normal", "nothing.pcap", "--format", "text"); code == 0 || !strings.Contains(errs, "nothing.pcap") {
		t.Fatalf("a missing capture: exit %d, %q", code, errs)
	}
	if _, errs, code := cli(t, "compare", "linux-normal", refNormal, "--format", "svg"); code != exitUsage || !strings.Contains(errs, "lab, text or jsonl") {
		t.Fatalf("a bad format: exit %d, %q", code, errs)
	}
}

// A directory saved by tcpsim real --save (scenario.yaml, kernel-a.pcap,
// model-a.pcap) compares the two captures it holds; the lab form gets
// the same comparison.
func TestCompareSavedDir(t *testing.T) {
	sc, err := scenarios.Lookup("linux-normal")
	if err != nil {
		t.Fatal(err)
	}
	cfg := *sc.Config
	cfg.Profile = sim.Linux
	var model bytes.Buffer
	if err := pcap.Write(&model, sim.Run(&cfg), pcap.Options{Format: pcap.FormatPcap, Tap: pcap.TapA}); err != nil {
		t.Fatal(err)
	}
	kern, err := os.ReadFile(refNormal)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, data := range map[string][]byte{"scenario.yaml": sc.Source, "kernel-a.pcap": kern, "model-a.pcap": model.Bytes()} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if out, errs, code := cli(t, "compare", dir, "--format", "text"); code != 0 || !strings.Contains(out, "agree: 11") {
		t.Fatalf("saved run: exit %d, %q\n%s", code, errs, out)
	}
	var got *ui.Comparison
	runCompareTUI = func(c *ui.Comparison, _ ui.Options) error { got = c; return nil }
	defer func() { runCompareTUI = openCompare }()
	if _, errs, code := cli(t, "compare", dir, "--format", "lab"); code != 0 || got == nil || got.Model.Frames == nil || len(got.Want) != 11 {
		t.Fatalf("lab: exit %d, %q, %+v", code, errs, got)
	}
	if _, errs, code := cli(t, "compare", refNormal); code != exitUsage || !strings.Contains(errs, "want a directory") {
		t.Fatalf("one file: exit %d, %q", code, errs)
	}
}
