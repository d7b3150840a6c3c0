//go:build linux

package kernel

import (
	"bytes"
	"slices"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/internal/capcmp"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/sim/pcap"
)

// captureOf is the model's capture at A of cfg with extra faults, standing
// in for a kernel's.
func captureOf(t *testing.T, cfg *sim.Config, extra ...sim.Fault) []capcmp.Packet {
	t.Helper()
	c := *cfg
	c.Faults = append(slices.Clone(cfg.Faults), extra...)
	var buf bytes.Buffer
	if err := pcap.Write(&buf, sim.Run(&c), pcap.Options{Format: pcap.FormatPcap, Tap: pcap.TapA}); err != nil {
		t.Fatal(err)
	}
	p, err := capcmp.Read(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// lost-synack's race: a kernel whose SYN,ACK timer fired 20 ms before A's
// repeated SYN arrived agrees through the race; one where it came 100 ms
// later (beyond the race's 32 ms) does not, nor does the race make a
// different segment agree.
func TestRaceToleratesOnlyTheOtherOrder(t *testing.T) {
	sc, err := scenarios.Lookup("lost-synack")
	if err != nil {
		t.Fatal(err)
	}
	if len(sc.Tolerance.Races) != 1 {
		t.Fatalf("lost-synack declares %d races, want 1", len(sc.Tolerance.Races))
	}
	race := sc.Tolerance.Races[0]
	cfg := *sc.Config
	cfg.Profile = sim.Linux
	for _, c := range []struct {
		by    time.Duration
		agree bool
	}{{20 * time.Millisecond, true}, {100 * time.Millisecond, false}} {
		late := race
		late.For = c.by
		r := &Result{Kernel: captureOf(t, &cfg, late)}
		if err := r.compareWith(&cfg, Slack); err != nil {
			t.Fatal(err)
		}
		if r.Agree() {
			t.Fatalf("%v: the plain model agrees; the race is not needed", c.by)
		}
		if err := r.tryRace(&cfg, race, Slack); err != nil {
			t.Fatal(err)
		}
		if r.Agree() != c.agree {
			t.Errorf("SYN %v later: agree %v, want %v", c.by, r.Agree(), c.agree)
		}
		if !c.agree && (r.Compare.Packets == 0 || r.Compare.Diffs[0].Kind() == capcmp.Gap) {
			t.Errorf("a failed race must leave the plain model's comparison: %+v", r.Compare)
		}
	}
}
