package pcap

import (
	"bytes"
	"github.com/tcpsim/tcpsim/trace"
	"net/netip"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/sim"
)

const ms = time.Millisecond

// base is a whole connection: handshake, a little data each way, A closes
// first, B closes after reading the end of data. A's ISN sits just below
// 2^32 so relative sequence numbers wrap inside the capture.
func base() *sim.Config {
	return &sim.Config{Seed: 1, MSL: time.Second,
		A:    sim.EndpointConfig{Addr: netip.MustParseAddr("10.0.0.1"), Port: 49152, ISN: 0xfffffff0},
		B:    sim.EndpointConfig{Addr: netip.MustParseAddr("10.0.0.2"), Port: 80, ISN: 300},
		AtoB: sim.LinkConfig{Delay: 50 * ms}, BtoA: sim.LinkConfig{Delay: 50 * ms},
		Timeline: []sim.Action{
			{Side: trace.B, Op: trace.OpListen},
			{Side: trace.A, Op: trace.OpConnect},
			{When: true, WhenSide: trace.A, WhenState: fsm.Established, Side: trace.A, Op: trace.OpSend, Data: []byte("hello")},
			{When: true, WhenSide: trace.B, WhenState: fsm.Established, After: 400 * ms, Side: trace.B, Op: trace.OpSend, Data: []byte("world")},
			{When: true, WhenSide: trace.A, WhenState: fsm.Established, After: time.Second, Side: trace.A, Op: trace.OpClose},
			{When: true, WhenSide: trace.B, WhenState: fsm.CloseWait, After: 100 * ms, Side: trace.B, Op: trace.OpClose},
		}}
}

func withFault(c *sim.Config, f sim.Fault) *sim.Config {
	c.Faults = append(c.Faults, f)
	return c
}

func lostSYN() *sim.Config {
	return withFault(base(), sim.Fault{Kind: sim.FaultDrop, From: trace.A, Flags: fsm.SYN, Nth: 1})
}

func lostFIN() *sim.Config {
	return withFault(base(), sim.Fault{Kind: sim.FaultDrop, From: trace.A, Flags: fsm.FIN, Contains: true, Nth: 1})
}

// lostFinalACK drops A's ACK of B's FIN: B resends its FIN, A (in
// TIME-WAIT) acknowledges it again.
func lostFinalACK() *sim.Config {
	return withFault(base(), sim.Fault{Kind: sim.FaultDrop, From: trace.A, Flags: fsm.ACK, State: fsm.TimeWait, HasState: true, Nth: 1})
}

// lossy moves 40 KB each way over a link that loses 10% of segments.
func lossy() *sim.Config {
	c := base()
	c.Seed = 7
	c.AtoB.Loss, c.BtoA.Loss = 0.1, 0.1
	c.A.MSS, c.B.MSS = 1000, 1000
	c.Timeline[2].Data = bytes.Repeat([]byte("0123456789abcdef"), 2500)
	c.Timeline[3].Data = bytes.Repeat([]byte("fedcba9876543210"), 2500)
	c.Timeline[4].After = 20 * time.Second
	return c
}

// challenge injects a RST inside A's window but not at RCV.NXT: A answers
// with a challenge ACK (RFC 5961 §3).
func challenge() *sim.Config {
	return withFault(base(), sim.Fault{Kind: sim.FaultInject, From: trace.B, At: 300 * ms,
		Seg: fsm.Segment{Seq: 310, Flags: fsm.RST}})
}

func ipv6() *sim.Config {
	c := lostFIN()
	c.A.Addr = netip.MustParseAddr("2001:db8::1")
	c.B.Addr = netip.MustParseAddr("2001:db8::2")
	return c
}

// refused: nobody listens on B; its RST,ACK refuses the SYN.
func refused() *sim.Config {
	c := base()
	c.Timeline = c.Timeline[1:2]
	return c
}

// linux runs base with the Linux profile: SACK-permitted, timestamps and
// window scaling on the SYNs, timestamps on every later segment.
func linux() *sim.Config {
	c := lostFIN()
	c.Profile = sim.Linux
	return c
}

type namedConfig struct {
	name string
	cfg  func() *sim.Config
}

var configs = []namedConfig{
	{"normal", base},
	{"lost-syn", lostSYN},
	{"lost-fin", lostFIN},
	{"lost-final-ack", lostFinalACK},
	{"lossy", lossy},
	{"challenge-ack", challenge},
	{"ipv6", ipv6},
	{"refused", refused},
	{"linux", linux},
}
