package sim_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// sends lists a scenario's segments under p as "T SIDE FLAGS seq ack".
func sends(t *testing.T, name string, p *sim.Profile) []string {
	t.Helper()
	sc, err := scenarios.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	sc.Config.Profile = p
	var out []string
	for _, e := range sim.Run(sc.Config).Events {
		if e.Kind != trace.KSend {
			continue
		}
		l := fmt.Sprintf("%s %s %s %d %d", trace.FormatDuration(e.T), e.Side.Upper(), e.Seg.Flags, e.Seg.Seq, e.Seg.Ack)
		if e.Reason == fsm.ReasonRetransmit {
			l += " (timer)"
		}
		out = append(out, l)
	}
	return out
}

// lost-synack as the kernel sent it (tcpsim real lost-synack): A's
// repeated SYN reaches B at 1.050 s, the instant B's SYN,ACK timer falls
// due; the SYN comes first, B answers <SEQ=300><ACK=101><CTL=SYN,ACK>
// and restarts the timer, so one SYN,ACK goes (not the timer's) and no
// ACK. rfc9293 fires the timer first and ACKs the SYN.
func TestLostSYNACK_LinuxResendsOnce(t *testing.T) {
	linux := sends(t, "lost-synack", sim.Linux)
	want := "1.050s B SYN,ACK 300 101"
	if n := count(linux, "B SYN,ACK"); n != 2 || !slices.Contains(linux, want) {
		t.Errorf("linux: want B's lost SYN,ACK and one more, %q:\n%v", want, linux)
	}
	if slices.Contains(linux, "1.050s B ACK 301 101") {
		t.Errorf("linux: B ACKs the repeated SYN:\n%v", linux)
	}
	rfc := sends(t, "lost-synack", sim.RFC9293)
	if !slices.Contains(rfc, "1.050s B ACK 301 101") {
		t.Errorf("rfc9293: want B's ACK of the repeated SYN:\n%v", rfc)
	}
}

// simultaneous-open: under linux each SYN,ACK gets an ACK
// <SEQ=ISS+1><ACK=IRS+1> at once; under rfc9293 nothing follows them.
func TestSimultaneousOpen_LinuxACKs(t *testing.T) {
	linux := sends(t, "simultaneous-open", sim.Linux)
	for _, w := range []string{"0.100s A ACK 101 301", "0.100s B ACK 301 101"} {
		if !slices.Contains(linux, w) {
			t.Errorf("linux: want %q:\n%v", w, linux)
		}
	}
	if n := count(sends(t, "simultaneous-open", sim.RFC9293), " ACK "); n != 0 {
		t.Errorf("rfc9293: %d bare ACKs, want none", n)
	}
}

func count(lines []string, sub string) int {
	n := 0
	for _, l := range lines {
		if strings.Contains(l, sub) {
			n++
		}
	}
	return n
}
