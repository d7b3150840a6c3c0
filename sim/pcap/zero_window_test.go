package pcap_test

import (
	"bytes"
	"os"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/internal/capcmp"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/sim/pcap"
)

// zeroWindowPhase is the part of a capture from A's first zero-window
// probe to B's window update: probes, B's answers, the update.
func zeroWindowPhase(ps []capcmp.Packet) []capcmp.Packet {
	start := -1
	for i, p := range ps {
		if start < 0 && p.Dir == "A->B" && p.Len == 0 && i > 0 && p.Seq+1 == ps[i-1].Ack && ps[i-1].Dir == "B->A" {
			start = i // an ACK at SND.UNA-1: the first probe
		}
		if start >= 0 && p.Dir == "A->B" && p.Len > 0 {
			return ps[start:i]
		}
	}
	return nil
}

// linux-zero-window against the kernel's capture q_zero_window, from the
// first probe to the window update: the same segments (direction, flags,
// relative seq and ack, length) and the same probe backoff within 10%.
// Before it the kernel's tail loss probe and quick-ACK accounting (not
// modelled) change the first segments, so only this phase is compared.
func TestZeroWindowPhaseMatchesCaptureQ(t *testing.T) {
	real, err := os.ReadFile("../testdata/linux/q_zero_window.pcap")
	if err != nil {
		t.Fatal(err)
	}
	want, err := capcmp.Read(real)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scenarios.Lookup("linux-zero-window")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := pcap.Write(&buf, sim.Run(sc.Config), pcap.Options{Format: pcap.FormatPcap, Tap: pcap.TapA}); err != nil {
		t.Fatal(err)
	}
	got, err := capcmp.Read(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	w, g := zeroWindowPhase(want), zeroWindowPhase(got)
	if len(w) != 6 || len(g) != len(w) {
		t.Fatalf("zero-window phase: kernel %d segments %v, model %d %v", len(w), w, len(g), g)
	}
	for i := range w {
		if w[i].String() != g[i].String() {
			t.Errorf("segment %d: kernel %s, model %s", i, w[i], g[i])
		}
	}
	// The probes' backoff: A's probes are w[0], w[2], w[3] (B skips the
	// second under tcp_invalid_ratelimit).
	for _, k := range [][2]int{{0, 2}, {2, 3}} {
		kg, mg := w[k[1]].T-w[k[0]].T, g[k[1]].T-g[k[0]].T
		if d := kg - mg; d > kg/10 || -d > kg/10 {
			t.Errorf("probe gap %v in the model, %v in the kernel: more than 10%% apart", mg, kg)
		}
	}
	if first := w[0].T - want[0].T; first < 400*time.Millisecond {
		t.Errorf("the capture's first probe at %v: not the phase this test means", first)
	}
}
