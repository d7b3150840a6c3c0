package explore

import (
	"bytes"
	"context"
	"runtime"
	"testing"

	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/sim"
)

func withLoss(cfg *sim.Config, p float64) sim.Config {
	c := *cfg
	c.AtoB.Loss, c.BtoA.Loss = p, p
	return c
}

// The reports are the same, byte for byte, on 1 and 2 cores (workers
// default to GOMAXPROCS): explore with every kind of fault, the library,
// and a sweep in every format.
func TestSameBytesOnOneAndTwoCores(t *testing.T) {
	cfg := load(t, "normal-close")
	names := []string{"handshake", "normal-close"}
	both := func() string {
		var b bytes.Buffer
		b.WriteString(report(t, cfg, Options{Drops: 1, Dups: 1, Reorders: 1, Crash: true}))
		lib := ExploreAll(context.Background(), names, []*sim.Config{load(t, names[0]), load(t, names[1])}, Options{Drops: 1, Crash: true})
		if err := lib.Write(&b, msg.English()); err != nil {
			t.Fatal(err)
		}
		rep := Sweep(context.Background(), cfg, SweepOptions{Runs: 600, Loss: []float64{0.1, 0.3}})
		for _, err := range []error{rep.WriteTable(&b, "x", msg.English()), rep.WriteCSV(&b), rep.WriteJSON(&b, "x")} {
			if err != nil {
				t.Fatal(err)
			}
		}
		return b.String()
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	one := both()
	runtime.GOMAXPROCS(2)
	if two := both(); one != two {
		t.Fatalf("1 and 2 cores wrote different reports:\n%s\n---\n%s", one, two)
	}
}

// A sweep keeps the completion times by value: without link jitter they
// fall on few instants, so its memory does not grow with the runs.
func TestSweepMemoryFlat(t *testing.T) {
	cfg := load(t, "normal-close")
	distinct := func(runs int) int {
		a := sweepPoint(context.Background(), ptr(withLoss(cfg, 0.2)), runs, 1, true, nil)
		if a.runs != runs {
			t.Fatalf("%d runs of %d", a.runs, runs)
		}
		return len(a.ends)
	}
	small, large := distinct(500), distinct(5000)
	if large > 200 || large < small {
		t.Fatalf("distinct completion times: %d for 500 runs, %d for 5000", small, large)
	}
	t.Logf("distinct completion times: %d for 500 runs, %d for 5000", small, large)
}
