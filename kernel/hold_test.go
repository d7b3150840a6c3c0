package kernel

import (
	"encoding/binary"
	"net/netip"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

func linuxRun(t *testing.T, name string) (*sim.Config, *trace.Trace) {
	t.Helper()
	sc, err := scenarios.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	cfg := *sc.Config
	cfg.Profile = sim.Linux
	return &cfg, sim.Run(&cfg)
}

// old-duplicate-syn holds A's first SYN 200 ms and injects a SYN with seq
// 90, 10 below A's ISN 100, before A's SYN has even left the relay.
func TestHoldsAndInjectsOfOldDuplicateSyn(t *testing.T) {
	cfg, tr := linuxRun(t, "old-duplicate-syn")
	h := holds(tr, [2]sim.LinkConfig{cfg.AtoB, cfg.BtoA})
	want := holdKey{from: trace.A, flags: fsm.SYN, nth: 0}
	if len(h) != 1 || h[want] != 200*time.Millisecond {
		t.Errorf("holds = %v, want only A's first SYN by 200ms", h)
	}
	in := injects(cfg, tr)
	if len(in) != 1 || in[0].from != trace.A || in[0].isn != [2]int{1, 0} || in[0].modelISN[0] != 100 {
		t.Fatalf("injects = %+v, want one from A counted from A's first ISN (100)", in)
	}
	if _, ok := in[0].liveSeg([2][]uint32{}); ok {
		t.Error("crafted before A's ISN was seen")
	}
	seg, ok := in[0].liveSeg([2][]uint32{{5000}, nil})
	if !ok || seg.Seq != 4990 || seg.Flags != fsm.SYN {
		t.Errorf("live segment %+v (ok %v), want SYN seq 4990 (10 below A's live ISN 5000)", seg, ok)
	}
}

// reset-two-passive-sockets injects while A only listens: no ISN of A
// exists, so seq 90 is used as written.
func TestInjectWithoutAConnectionKeepsItsNumber(t *testing.T) {
	cfg, tr := linuxRun(t, "reset-two-passive-sockets")
	in := injects(cfg, tr)
	if len(in) != 1 || in[0].at != 100*time.Millisecond {
		t.Fatalf("injects = %+v", in)
	}
	seg, ok := in[0].liveSeg([2][]uint32{})
	if !ok || seg.Seq != 90 {
		t.Errorf("live segment %+v (ok %v), want seq 90 at once", seg, ok)
	}
}

// data-with-loss reorders some segments: each is held one more link delay.
func TestReorderingIsAHoldOfOneDelay(t *testing.T) {
	cfg, tr := linuxRun(t, "data-with-loss")
	h := holds(tr, [2]sim.LinkConfig{cfg.AtoB, cfg.BtoA})
	if len(h) == 0 {
		t.Fatal("no segment held")
	}
	for k, d := range h {
		if d != cfg.AtoB.Delay {
			t.Errorf("%+v held %v, want one link delay %v", k, d, cfg.AtoB.Delay)
		}
	}
}

func TestCraftedFrameParsesWithRightChecksums(t *testing.T) {
	src := endpointAddr{netip.MustParseAddr("10.0.0.1"), 49152, macs[0]}
	dst := endpointAddr{netip.MustParseAddr("10.0.0.2"), 80, macs[1]}
	f := craft(src, dst, fsm.Segment{Seq: 90, Flags: fsm.SYN, Wnd: 1000, MSS: 1460})
	p := gopacket.NewPacket(f, layers.LinkTypeEthernet, gopacket.Default)
	ip, _ := p.Layer(layers.LayerTypeIPv4).(*layers.IPv4)
	tcp, _ := p.Layer(layers.LayerTypeTCP).(*layers.TCP)
	if ip == nil || tcp == nil {
		t.Fatalf("not TCP/IPv4: %v", p)
	}
	if ip.SrcIP.String() != "10.0.0.1" || tcp.SrcPort != 49152 || tcp.DstPort != 80 || tcp.Seq != 90 || !tcp.SYN || tcp.ACK || tcp.Window != 1000 {
		t.Errorf("wrong fields: %v %v", ip, tcp)
	}
	if len(tcp.Options) != 1 || binary.BigEndian.Uint16(tcp.Options[0].OptionData) != 1460 {
		t.Errorf("options %v, want MSS 1460", tcp.Options)
	}
	if checksum(f[14:34], 0) != 0 {
		t.Error("IP checksum wrong")
	}
	// The TCP checksum over the pseudo-header and segment sums to zero.
	var sum uint32 = 6 + uint32(len(f)-34)
	for _, b := range [][]byte{f[26:30], f[30:34]} {
		sum += uint32(binary.BigEndian.Uint16(b)) + uint32(binary.BigEndian.Uint16(b[2:]))
	}
	if checksum(f[34:], sum) != 0 {
		t.Error("TCP checksum wrong")
	}
	flags, seq, ok := tcpOf(f)
	if !ok || flags != fsm.SYN || seq != 90 {
		t.Errorf("tcpOf = %v %v %v", flags, seq, ok)
	}
}

// checksum is the Internet checksum (RFC 1071) of b, starting from sum:
// zero over a header that carries a right one.
func checksum(b []byte, sum uint32) uint16 {
	for i := 0; i+1 < len(b); i += 2 {
		sum += uint32(binary.BigEndian.Uint16(b[i:]))
	}
	if len(b)%2 == 1 {
		sum += uint32(b[len(b)-1]) << 8
	}
	for sum > 0xffff {
		sum = sum>>16 + sum&0xffff
	}
	return ^uint16(sum)
}
