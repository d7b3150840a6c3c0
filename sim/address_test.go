package sim

import (
	"net/netip"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/trace"
)

// RFC 9293 MUST-46: an OPEN to a multicast or broadcast address is an
// error; nothing is sent.
func TestOpenToMulticastIsAnError(t *testing.T) {
	for _, addr := range []string{"224.0.0.9", "255.255.255.255", "ff02::1"} {
		cfg := connection("hi", time.Hour, 0)
		cfg.B.Addr = netip.MustParseAddr(addr)
		if cfg.B.Addr.Is6() {
			cfg.A.Addr = netip.MustParseAddr("fd00::1")
		}
		tr := Run(cfg)
		var sigs []fsm.Signal
		for _, e := range tr.Events {
			if e.Kind == trace.KSend && e.Side == trace.A {
				t.Errorf("%s: A sent %s", addr, e.Seg)
			}
			if e.Kind == trace.KError && e.Side == trace.A {
				sigs = append(sigs, e.Sig)
			}
		}
		if len(sigs) != 1 || sigs[0] != fsm.ErrBadRemote || tr.Final[trace.A] != fsm.Closed {
			t.Errorf("%s: A was told %v and ended in %s", addr, sigs, tr.Final[trace.A])
		}
	}
}

// RFC 9293 MUST-57, MUST-63: a SYN from a multicast source reaches a
// listener, which stays in LISTEN and answers nothing.
func TestSYNFromMulticastDiscarded(t *testing.T) {
	cfg := connection("hi", time.Hour, 0)
	cfg.A.Addr = netip.MustParseAddr("224.0.0.5")
	cfg.A.SynRetries = 2
	tr := Run(cfg)
	delivered := 0
	for _, e := range tr.Events {
		if e.Kind == trace.KSend && e.Side == trace.B {
			t.Errorf("B answered with %s", e.Seg)
		}
		if e.Kind == trace.KDeliver && e.Side == trace.B && e.Seg.Flags&fsm.SYN != 0 {
			delivered++
		}
		if e.Kind == trace.KState && e.Side == trace.B && e.To != fsm.Listen {
			t.Errorf("B entered %s", e.To)
		}
	}
	if delivered != 3 || tr.Final[trace.B] != fsm.Listen {
		t.Errorf("%d SYNs reached B, final %s", delivered, tr.Final[trace.B])
	}
}
