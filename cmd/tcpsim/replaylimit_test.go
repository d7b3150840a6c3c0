package main

import (
	"strings"
	"testing"

	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
	"github.com/tcpsim/tcpsim/ui"
)

// A capture the budget stops opens the lab on what came before, with the
// stop passed on for the status line, as a simulated run's limit is.
func TestRootOpensStoppedCapture(t *testing.T) {
	var got *trace.Trace
	var opts ui.Options
	runCaptureTUI = func(_, _ string, tr *trace.Trace, o ui.Options) error {
		got, opts = tr, o
		return nil
	}
	defer func(l sim.Limits) { runCaptureTUI, ui.CaptureLimits = ui.RunCapture, l }(ui.CaptureLimits)
	ui.CaptureLimits = sim.Limits{Events: 100}
	p := pureACKs(t, 1000)
	if _, errs, code := cli(t, p); code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	if got == nil || opts.CaptureStop == nil || opts.CaptureStop.Limit != "events" || len(got.Events) < 100 || len(got.Events) > 110 {
		t.Fatalf("lab opened on %v events, stop %+v", got, opts.CaptureStop)
	}
}

// tcpsim replay stopped by its budget prints what came before on stdout,
// then the file and the limit on stderr, and exits 3. (Two events a
// pure ACK, after the two state changes of a capture that starts after
// the handshake.)
func TestReplayStoppedPrintsBefore(t *testing.T) {
	p := pureACKs(t, 1000)
	out, errs, code := cli(t, "replay", p, "--format", "jsonl", "--max-events", "100")
	if code != exitLimit || !strings.Contains(errs, p+": stopped at frame 50 (t=49µs), after 49 segments of the connection: the replay reached its trace events limit of 100") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	if !strings.Contains(out, `"frame":49,`) || strings.Contains(out, `"frame":50,`) {
		t.Errorf("stdout does not end at frame 49:\n%s", out[max(len(out)-500, 0):])
	}
	if _, errs, code := cli(t, "replay", p, "--max-memory", "lots"); code != 2 || !strings.Contains(errs, "--max-memory") {
		t.Errorf("bad flag: exit %d, %q", code, errs)
	}
}
