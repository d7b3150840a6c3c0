package sim_test

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

var ladderWin = regexp.MustCompile(`^\s*\d+\s+\S+\s+\S+\s+(A->B|B->A)\s+(\S+)\s.*\swin=(\d+)\s`)

// kernelWindows reads the raw window fields one direction's non-SYN
// segments carry in a capture's ladder (sim/testdata/linux/NAME.txt).
func kernelWindows(t *testing.T, name, dir string) map[uint16]bool {
	data, err := os.ReadFile("testdata/linux/" + name + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	out := map[uint16]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		m := ladderWin.FindStringSubmatch(line)
		if m == nil || m[1] != dir || strings.Contains(m[2], "S") {
			continue
		}
		w, _ := strconv.Atoi(m[3])
		out[uint16(w)] = true
	}
	return out
}

// With window scaling negotiated (both SYNs offer it), the client's
// segments after the handshake carry the field the kernel's do (63 with
// shift 10: 64512 bytes), its SYN the unscaled window, and the server
// counts the field << 10.
func TestLinuxWindowFieldIsScaledAsTheKernels(t *testing.T) {
	for _, c := range []struct{ scenario, capture string }{
		{"linux-normal", "a_normal"}, {"linux-zero-window", "q_zero_window"},
	} {
		want := kernelWindows(t, c.capture, "A->B")
		sc, err := scenarios.Lookup(c.scenario)
		if err != nil {
			t.Fatal(err)
		}
		tr := sim.Run(sc.Config)
		got := map[uint16]bool{}
		for _, e := range tr.Events {
			if e.Kind != trace.KSend || e.Side != trace.A {
				continue
			}
			if e.Seg.Flags&fsm.SYN != 0 {
				if e.Seg.Wnd != 65535 || e.Seg.WScale != 10 {
					t.Errorf("%s: A's SYN window %d ws=%d, want 65535 unscaled, ws=10", c.scenario, e.Seg.Wnd, e.Seg.WScale)
				}
				continue
			}
			got[e.Seg.Wnd] = true
		}
		if len(got) != len(want) || !got[63] || !want[63] {
			t.Errorf("%s: A's window fields %v, kernel's (%s) %v", c.scenario, got, c.capture, want)
		}
		for _, e := range tr.Events {
			// A send's snapshot is taken after the arrivals before it.
			if e.Kind == trace.KSend && e.Side == trace.B && e.Seg.Flags&fsm.SYN == 0 && e.TCB.SndWnd != 63<<10 {
				t.Errorf("%s: B's SND.WND %d, want A's field << 10 = 64512", c.scenario, e.TCB.SndWnd)
				break
			}
		}
	}
}
