package replay

import (
	"bytes"
	"fmt"
	"github.com/tcpsim/tcpsim/trace"
	"net/netip"
	"strings"
	"testing"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/sim/pcap"
)

// simTransitions drops what ends a connection by a timer alone (2MSL,
// FIN-WAIT-2): no segment shows it, so no capture can, unless the
// endpoint answers a later segment from CLOSED (a RST).
func simTransitions(tr *trace.Trace, s trace.Side) []string {
	tr = firstConn(tr)
	got := transitions(tr, s)
	if len(got) > 0 && silentGiveUp(tr, s) {
		return got[:len(got)-1]
	}
	for len(got) > 0 && (got[len(got)-1] == "TIME-WAIT->CLOSED" || got[len(got)-1] == "FIN-WAIT-2->CLOSED") && !sentWhenClosed(tr, s) {
		got = got[:len(got)-1]
	}
	return got
}

// silentGiveUp: s gave up on keep-alive without a RST (rfc9293), or on
// retransmissions (R2 or a user timeout), which no segment shows.
func silentGiveUp(tr *trace.Trace, s trace.Side) bool {
	for i := len(tr.Events) - 1; i >= 0; i-- {
		if e := &tr.Events[i]; e.Kind == trace.KState && e.Side == s {
			r := e.Rule()
			return r != nil && (r.On == fsm.EvKeepaliveGone && r.If != fsm.KeepaliveRST || r.On == fsm.EvGiveUp)
		}
	}
	return false
}

func sentWhenClosed(tr *trace.Trace, s trace.Side) bool {
	for _, e := range tr.Events {
		if e.Kind == trace.KSend && e.Side == s && e.From == fsm.Closed {
			return true
		}
	}
	return false
}

// Every bundled scenario, captured at A, at B and on the link, replays to
// the states the simulator went through, with nothing flagged. The
// exception is a segment a fault injects: in a capture it looks like the
// endpoint's own, and the replay can only flag what follows.
func TestRoundTripBundled(t *testing.T) {
	for _, sc := range scenarios.Bundled() {
		for _, tap := range []pcap.Tap{pcap.TapA, pcap.TapB, pcap.TapLink} {
			t.Run(fmt.Sprintf("%s/%s", sc.Name, tap), func(t *testing.T) {
				tr := sim.Run(sc.Config)
				var b bytes.Buffer
				if err := pcap.Write(&b, tr, pcap.Options{Format: pcap.FormatPcapNG, Tap: tap}); err != nil {
					t.Fatal(err)
				}
				res, err := Read(&b, Options{})
				if err != nil {
					t.Fatal(err)
				}
				injected := false
				for _, ev := range tr.Events {
					injected = injected || ev.Injected
				}
				if injected {
					return
				}
				for s := trace.A; s <= trace.B; s++ {
					want, got := strings.Join(simTransitions(tr, s), " "), strings.Join(transitions(res.Trace, s), " ")
					if want != got {
						t.Errorf("%s:\n sim    %s\n replay %s", s.Upper(), want, got)
					}
				}
				for _, n := range res.Notes {
					if n.Kind == Unexpected {
						t.Errorf("frame %d: %s", n.Frame, n.Text)
					}
				}
			})
		}
	}
}

// Where the capture was taken decides what the replay can know: at A a
// lost SYN is seen, resent, and only the last copy reaches B.
func TestRoundTripLostSYN(t *testing.T) {
	sc, err := scenarios.Lookup("lost-syn")
	if err != nil {
		t.Fatal("the bundled lost-syn scenario is missing:", err)
	}
	tr := sim.Run(sc.Config)
	var b bytes.Buffer
	if err := pcap.Write(&b, tr, pcap.Options{Format: pcap.FormatPcap, Tap: pcap.TapA}); err != nil {
		t.Fatal(err)
	}
	res, err := Read(&b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var lost, resent int
	for _, n := range res.Notes {
		switch {
		case n.Kind == Unseen && strings.Contains(n.Text, "taken as lost"):
			lost++
		case n.Kind == Inferred && strings.HasPrefix(n.Text, "resends frame 1"):
			resent++
		}
	}
	syns := 0
	for _, ev := range tr.Events {
		if ev.Kind == trace.KSend && ev.Side == trace.A && ev.Seg.Flags.Has(fsm.SYN) {
			syns++
		}
	}
	if lost != syns-1 || resent != syns-1 {
		t.Errorf("%d SYNs: %d taken as lost, %d resends; notes %+v", syns, lost, resent, res.Notes)
	}
	// B received one SYN: one LISTEN -> SYN-RECEIVED, and only after the last copy.
	var delivered int
	for _, ev := range res.Trace.Events {
		if ev.Kind == trace.KDeliver && ev.Side == trace.B && ev.Seg.Flags.Has(fsm.SYN) {
			delivered++
		}
	}
	if delivered != 1 {
		t.Errorf("B receives %d SYNs, want 1", delivered)
	}
}

// IPv6 endpoints, and the Linux profile's options, replay the same way.
func TestRoundTripIPv6(t *testing.T) {
	sc, err := scenarios.Lookup("normal-close")
	if err != nil {
		t.Fatal(err)
	}
	cfg := *sc.Config
	cfg.A.Addr, cfg.B.Addr = netip.MustParseAddr("2001:db8::a"), netip.MustParseAddr("2001:db8::b")
	cfg.Profile = sim.Linux
	tr := sim.Run(&cfg)
	var b bytes.Buffer
	if err := pcap.Write(&b, tr, pcap.Options{Format: pcap.FormatPcapNG, Tap: pcap.TapB}); err != nil {
		t.Fatal(err)
	}
	res, err := Read(&b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a := res.Trace.Ends[trace.A]; a.Addr != cfg.A.Addr || a.Port != cfg.A.Port {
		t.Errorf("A is %s:%d", a.Addr, a.Port)
	}
	for s := trace.A; s <= trace.B; s++ {
		if want, got := strings.Join(simTransitions(tr, s), " "), strings.Join(transitions(res.Trace, s), " "); want != got {
			t.Errorf("%s:\n sim    %s\n replay %s", s.Upper(), want, got)
		}
	}
}

// firstConn is tr's first connection: each side's record 0 (trace.Event.Conn),
// the capture's first TCP stream, which is the one a replay reads. Where
// a side holds one record it is tr itself.
func firstConn(tr *trace.Trace) *trace.Trace {
	out := *tr
	out.Events = nil
	for _, ev := range tr.Events {
		if ev.Conn == 0 {
			out.Events = append(out.Events, ev)
		}
	}
	return &out
}
