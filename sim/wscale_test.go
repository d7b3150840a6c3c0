package sim_test

import (
	"maps"
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

// kernelSYNWindow is the window on a direction's SYN in a capture's ladder.
func kernelSYNWindow(t *testing.T, name, dir string) uint16 {
	data, err := os.ReadFile("testdata/linux/" + name + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if m := ladderWin.FindStringSubmatch(line); m != nil && m[1] == dir && strings.Contains(m[2], "S") {
			w, _ := strconv.Atoi(m[3])
			return uint16(w)
		}
	}
	t.Fatalf("%s: no SYN %s", name, dir)
	return 0
}

// modelWindows is kernelWindows for a run of the model: the SYN's window
// and the set of fields on the rest.
func modelWindows(tr *trace.Trace, side trace.Side) (syn uint16, rest map[uint16]bool) {
	rest = map[uint16]bool{}
	for _, e := range tr.Events {
		if e.Kind != trace.KSend || e.Side != side {
			continue
		}
		if e.Seg.Flags&fsm.SYN != 0 {
			syn = e.Seg.Wnd
			continue
		}
		rest[e.Seg.Wnd] = true
	}
	return syn, rest
}

// With window scaling negotiated (both SYNs offer it), every window field
// the linux profile puts on the wire is one the kernel put there: the
// SYNs' unscaled windows (64240 = 44 × 1460, 65160 = 45 × 1448), and
// after them 63 and 64 (64512 and 65536 bytes with shift 10), on RST,ACKs
// too. Not compared: c's client window, which the kernel grows as data
// arrives (auto-tuning, not modelled), and q's server window between 2896
// and 0 (TestLinuxScaleZeroPeer).
func TestLinuxWindowFieldsAreTheKernels(t *testing.T) {
	skip := map[string]bool{"c_half_close A->B": true, "q_zero_window B->A": true}
	for _, c := range [][2]string{
		{"linux-normal", "a_normal"}, {"linux-server-closes-first", "b_server_closes_first"},
		{"linux-half-close", "c_half_close"}, {"linux-three-segment-close", "d_piggyback_fin"},
		{"linux-refused", "g_refused"}, {"linux-close-unread", "m_close_unread"},
		{"linux-fin-wait2-timeout", "o_fin_wait2_timeout"}, {"linux-keepalive-dead-peer", "p_keepalive_dead_peer"},
		{"linux-zero-window", "q_zero_window"}, {"linux-syn-into-time-wait", "r2_syn_to_server_timewait"},
	} {
		sc, err := scenarios.Lookup(c[0])
		if err != nil {
			t.Fatal(err)
		}
		tr := sim.Run(sc.Config)
		for _, side := range []trace.Side{trace.A, trace.B} {
			dir := map[trace.Side]string{trace.A: "A->B", trace.B: "B->A"}[side]
			syn, got := modelWindows(tr, side)
			if c[1] != "g_refused" || side == trace.A {
				if want := kernelSYNWindow(t, c[1], dir); syn != want {
					t.Errorf("%s %s: SYN window %d, kernel's %d", c[0], dir, syn, want)
				}
			}
			if want := kernelWindows(t, c[1], dir); !skip[c[1]+" "+dir] && !maps.Equal(got, want) {
				t.Errorf("%s %s: window fields %v, kernel's %v", c[0], dir, got, want)
			}
		}
	}
}

// B counts A's field 63 << 10 (a send's snapshot is taken after the
// arrivals before it).
func TestLinuxPeerWindowIsShifted(t *testing.T) {
	sc, err := scenarios.Lookup("linux-normal")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range sim.Run(sc.Config).Events {
		if e.Kind == trace.KSend && e.Side == trace.B && e.Seg.Flags&fsm.SYN == 0 && e.TCB.SndWnd != 63<<10 {
			t.Fatalf("B's SND.WND %d, want A's field << 10 = 64512", e.TCB.SndWnd)
		}
	}
}

// In capture q the server's SYN,ACK offers scale 0 (its buffer fits 16
// bits): its windows go unscaled, the client's are still scaled by 10.
func TestLinuxScaleZeroPeer(t *testing.T) {
	sc, err := scenarios.Lookup("linux-zero-window")
	if err != nil {
		t.Fatal(err)
	}
	tr := sim.Run(sc.Config)
	if _, got := modelWindows(tr, trace.A); !maps.Equal(got, kernelWindows(t, "q_zero_window", "A->B")) {
		t.Errorf("A's window fields %v, kernel's %v", got, kernelWindows(t, "q_zero_window", "A->B"))
	}
	syn, got := modelWindows(tr, trace.B)
	if want := kernelSYNWindow(t, "q_zero_window", "B->A"); syn != want || !got[2896] || !got[0] {
		t.Errorf("B's SYN,ACK window %d (kernel's %d), fields %v: want 2896 and 0 unscaled", syn, want, got)
	}
}
