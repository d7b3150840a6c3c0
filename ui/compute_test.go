package ui

import (
	"bytes"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// hugeRun is the huge scenario made small: the same mechanism
// (MSS 1, so thousands of one-byte segments in flight), and the lab hands
// it to the background after a few hundred events instead of 20,000.
func hugeRun(t *testing.T, bytes int) *sim.Config {
	t.Helper()
	in, sl := inlineEvents, sliceEvents
	inlineEvents, sliceEvents = 300, 1000
	t.Cleanup(func() { inlineEvents, sliceEvents = in, sl })
	c := bulk(bytes)
	c.A.MSS, c.B.MSS = 1, 1
	return c
}

// labRun is what the lab must show for cfg: the engine's run under the
// lab's budget, made at once.
func labRun(cfg *sim.Config) *trace.Trace {
	c := *cfg
	if c.Limits.Events == 0 {
		c.Limits.Events = labEvents
	}
	tr, _ := sim.RunLimited(&c)
	return tr
}

// finishJob runs the lab's background job here, as Bubble Tea would in
// a goroutine, and hands its result to Update.
func finishJob(t *testing.T, m *Model) {
	t.Helper()
	if m.job == nil {
		t.Fatal("no job in the background: the run was not big enough to test this")
	}
	m.Update(m.job.run())
	if m.job != nil {
		t.Fatal("the job's result did not end it")
	}
}

// The first frame comes while the run is still being computed, with the
// progress line; T works meanwhile, d says why it waits; the run shown at the end is the
// run made at once, event for event.
func TestBigRunFirstFrameBeforeItEnds(t *testing.T) {
	cfg := hugeRun(t, 2000)
	want := labRun(cfg)
	ready := []byte("ready: " + commas(int64(len(want.Events))) + " events")
	hold := make(chan struct{})
	var once sync.Once
	afterSlice = func() { once.Do(func() { <-hold }) } // the run waits after its first slice
	t.Cleanup(func() { afterSlice = nil })
	tm := startProgram(t, "huge", cfg, 120, 40)
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("of at most 300,000 events")) },
		teatest.WithDuration(10*time.Second))
	send(tm, "d") // refused: nothing to fork yet
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("busy: ")) })
	send(tm, "T")
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("正在模拟")) })
	close(hold)
	send(tm, "T")
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, ready) },
		teatest.WithDuration(20*time.Second))
	send(tm, "q")
	m := finalModel(t, tm)
	if m.job != nil || !reflect.DeepEqual(m.tl.ev, want.Events) || m.p.Lang() != "en" {
		t.Fatalf("shown %d events, want the run's %d (job %v)", len(m.tl.ev), len(want.Events), m.job)
	}
	if len(want.Events) < 10*inlineEvents {
		t.Fatalf("only %d events: not a big run", len(want.Events))
	}
}

// Three drops on a big run: each computed in the background, the undo
// stack keeps timelines only up to undoMemory and says so, the heap stays
// under a ceiling, and undo computes the dropped versions again exactly.
func TestThreeDropsBounded(t *testing.T) {
	cfg := hugeRun(t, 4000)
	m := newTest(t, "huge", cfg, 120, 40)
	finishJob(t, m)
	orig := m.tl.ev
	one := int64(len(orig)) * bytesPerEvent
	um := undoMemory
	undoMemory = one + one/2 // room for one saved timeline
	t.Cleanup(func() { undoMemory = um })
	base := heapInUse()
	press(m, "right", "right", "right", "right", "right", "right", "right", "right")
	for i := 1; i <= 3; i++ {
		press(m, "d")
		finishJob(t, m)
		if len(m.undo) != i || m.branch == "" {
			t.Fatalf("drop %d: %d saved, branch %q, status %q", i, len(m.undo), m.branch, m.msg)
		}
	}
	if !strings.Contains(m.msg, "too big to keep 4 versions, undo will recompute") {
		t.Errorf("status %q", m.msg)
	}
	kept := 0
	for _, s := range m.undo {
		if s.tl != nil {
			kept++
		}
	}
	grown := heapInUse() - base
	t.Logf("%d events a run, %d timelines kept, heap grew %d KiB", len(orig), kept, grown>>10)
	if kept != 1 {
		t.Errorf("%d timelines kept for undo, want 1", kept)
	}
	if ceiling := 4 * one; grown > ceiling {
		t.Errorf("heap grew %d KiB after three drops, over %d KiB", grown>>10, ceiling>>10)
	}
	// T lays out only the timeline shown: a big saved one is dropped
	// rather than laid out again while the lab waits; undo computes it.
	press(m, "T", "T")
	for _, s := range m.undo {
		if s.tl != nil {
			t.Error("a big saved timeline was laid out again for T")
		}
	}
	for i := 2; i >= 0; i-- {
		press(m, "u")
		if m.job != nil {
			finishJob(t, m)
		}
		if len(m.undo) != i {
			t.Fatalf("undo: %d saved, want %d", len(m.undo), i)
		}
	}
	if m.branch != "" || !reflect.DeepEqual(m.tl.ev, orig) {
		t.Error("undone three times, not back on the scenario's own run")
	}
}

// esc cancels: a first run is shown as far as it went, a fork leaves the
// lab on the timeline it had.
func TestCancelRun(t *testing.T) {
	cfg := hugeRun(t, 2000)
	m := newTest(t, "huge", cfg, 120, 40)
	press(m, "esc")
	finishJob(t, m)
	if n := len(m.tl.ev); n == 0 || n >= len(labRun(cfg).Events) || !strings.Contains(m.msg, "stopped at your request") {
		t.Errorf("cancelled load: %d events, status %q", n, m.msg)
	}
	// ? opens the help meanwhile, and esc there closes the help only.
	m = newTest(t, "huge", cfg, 120, 40)
	press(m, "?", "esc")
	if m.modal != modalNone || m.job == nil || m.job.cancel.Load() {
		t.Error("esc closing the help cancelled the run")
	}
	finishJob(t, m)
	tl := m.tl
	press(m, "right", "right", "right", "right", "right", "right", "d", "esc")
	finishJob(t, m)
	if m.tl != tl || len(m.undo) != 0 || !strings.Contains(m.msg, "cancelled") {
		t.Errorf("cancelled fork: undo %d, status %q", len(m.undo), m.msg)
	}
}

func heapInUse() int64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapInuse)
}
