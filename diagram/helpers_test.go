package diagram

import (
	"bytes"
	"testing"

	"github.com/tcpsim/tcpsim/trace"

	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
)

// bundledRun simulates a bundled scenario into the pictures' model.
func bundledRun(t testing.TB, name string) *Run {
	t.Helper()
	sc, err := scenarios.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	return FromTrace(sim.Run(sc.Config), sc.Title, sc.Description)
}

func render(t testing.TB, f Format, r *Run, o Options, states bool) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, f, r, o, states); err != nil {
		t.Fatalf("%s: %v", f, err)
	}
	return b.Bytes()
}

// bigRun is a bulk transfer over a lossy link with at least n trace events.
func bigRun(t testing.TB, n int) *Run {
	t.Helper()
	for size := 16 << 10; ; size = size * 9 / 8 {
		sc, err := scenarios.Lookup("data-with-loss")
		if err != nil {
			t.Fatal(err)
		}
		for i := range sc.Config.Timeline {
			if a := &sc.Config.Timeline[i]; a.Op == trace.OpSend {
				a.Data = make([]byte, size)
			}
		}
		tr := sim.Run(sc.Config)
		if len(tr.Events) >= n {
			return FromTrace(tr, sc.Title, "")
		}
	}
}
