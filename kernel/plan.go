package kernel

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/tcpsim/tcpsim/trace"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/sim"
)

// Unsupported lists what in a scenario the runner cannot do on a real
// kernel (empty: everything can be realised). The runner refuses such a
// scenario rather than run something else under its name.
func Unsupported(cfg *sim.Config) []string {
	var out []string
	add := func(f string, a ...any) { out = append(out, fmt.Sprintf(f, a...)) }
	for i, l := range []sim.LinkConfig{cfg.AtoB, cfg.BtoA} {
		dir := [2]string{"a->b", "b->a"}[i]
		if l.Jitter > 0 {
			add("link %s: jitter is not realised", dir)
		}
		if l.Duplicate > 0 {
			add("link %s: duplication is not realised", dir)
		}
	}
	for _, e := range []sim.EndpointConfig{cfg.A, cfg.B} {
		if e.DelayedACK > 0 {
			add("endpoint %v: a fixed delayed-ACK time has no kernel setting", e.Addr)
		}
		if e.KeepIdle%time.Second != 0 || e.KeepIntvl%time.Second != 0 {
			add("endpoint %v: keep-alive times must be whole seconds (TCP_KEEPIDLE, TCP_KEEPINTVL)", e.Addr)
		}
		if e.SndBuf > 0 {
			add("endpoint %v: sndbuf is not realised (SO_SNDBUF: the kernel doubles it and counts its own overhead)", e.Addr)
		}
		if e.FinTimeout%time.Second != 0 {
			add("endpoint %v: fin_timeout must be whole seconds (tcp_fin_timeout)", e.Addr)
		}
	}
	for _, a := range cfg.Timeline {
		if a.Op == trace.OpLink {
			add("timeline: changing the link during the run is not realised")
		}
		if a.Op == trace.OpConnect && a.Port != 0 {
			add("timeline: a connect from a named local port (a second client socket) is not realised")
		}
		if a.When && !observable(a.WhenState) {
			add("timeline: when %s enters %v: an application cannot observe that state (it can: ESTABLISHED, CLOSE-WAIT, CLOSED)", a.WhenSide.Upper(), a.WhenState)
		}
	}
	out = append(out, sockoptUnsupported(cfg)...) // sockopt.go
	slices.Sort(out)
	return slices.Compact(out)
}

// netemMin is the smallest link delay worth realising (by the relay): a
// veth already takes a few microseconds, and gaps under capcmp.MinGap are
// not compared. The name remembers tc netem, which kernels built without
// CONFIG_NET_SCH_NETEM lack; the relay works everywhere.
const netemMin = 100 * time.Microsecond

// observable says whether an application learns that its socket entered a
// state: connect()/accept() return (ESTABLISHED), read() returns 0 before
// the application shut down its side (CLOSE-WAIT), a call fails with an
// error such as ECONNRESET or ECONNREFUSED (CLOSED). A CLOSED after the
// descriptor is closed the runner sees in /proc/net/tcp (gone.go).
func observable(s fsm.State) bool {
	return s == fsm.Established || s == fsm.CloseWait || s == fsm.Closed
}

// addrs picks the two addresses: the scenario's when they are two distinct
// IPv4 addresses, else 10.99.0.1 and 10.99.0.2 as in the reference captures.
// They exist only inside the run's namespaces.
func addrs(cfg *sim.Config) (netip.Addr, netip.Addr) {
	a, b := cfg.A.Addr, cfg.B.Addr
	if a.Is4() && b.Is4() && a != b && !a.IsLoopback() && !b.IsLoopback() && !a.IsUnspecified() && !b.IsUnspecified() {
		return a, b
	}
	return netip.AddrFrom4([4]byte{10, 99, 0, 1}), netip.AddrFrom4([4]byte{10, 99, 0, 2})
}

// sysctls mirrors the linux profile (and an endpoint's own retry counts)
// into the kernel settings of that endpoint's namespace. Each namespace has
// its own copy of these net.ipv4 settings.
func sysctls(p *sim.Profile, e sim.EndpointConfig, side trace.Side, cc string) []string {
	syn, synack, retries := p.SynRetries, p.SynAckRetries, p.Retries
	if e.SynRetries > 0 {
		if side == trace.A {
			syn = e.SynRetries
		} else {
			synack = e.SynRetries
		}
	}
	if e.Retries > 0 {
		retries = e.Retries
	}
	on := func(o fsm.Options) int {
		if p.SYNOpts&o != 0 {
			return 1
		}
		return 0
	}
	kv := []string{
		fmt.Sprintf("net.ipv4.tcp_syn_retries=%d", syn),
		fmt.Sprintf("net.ipv4.tcp_synack_retries=%d", synack),
		fmt.Sprintf("net.ipv4.tcp_retries2=%d", retries),
		fmt.Sprintf("net.ipv4.tcp_rto_min_us=%d", p.MinRTO.Microseconds()),
		fmt.Sprintf("net.ipv4.tcp_rto_max_ms=%d", p.MaxRTO.Milliseconds()),
		fmt.Sprintf("net.ipv4.tcp_syn_linear_timeouts=%d", p.SynLinear),
		fmt.Sprintf("net.ipv4.tcp_sack=%d", on(fsm.OptSACKPerm)),
		fmt.Sprintf("net.ipv4.tcp_timestamps=%d", on(fsm.OptTimestamps)),
		fmt.Sprintf("net.ipv4.tcp_window_scaling=%d", on(fsm.OptWScale)),
	}
	if fin := p.FinWait2; fin > 0 {
		if e.FinTimeout > 0 {
			fin = e.FinTimeout // the endpoint's own, as sim/endpoint.go takes it
		}
		kv = append(kv, fmt.Sprintf("net.ipv4.tcp_fin_timeout=%d", int(fin.Seconds())))
	}
	if cc != "" {
		kv = append(kv, "net.ipv4.tcp_congestion_control="+cc)
	}
	return kv
}

// dropRules realises the model's losses: for each segment the model lost
// (random loss, a scripted drop, a drop by ID), its ordinal among the
// segments its sender sent with the same SYN/FIN/RST/ACK bits. nftables
// counts those segments with a numgen counter per flag set and drops the
// same ordinals, so the kernel loses the same transmissions as the model as
// long as it sends the same segments. A->B segments are dropped as they
// enter B (the capture at A sees them leave); B->A segments as they leave
// B (A never sees them), which is where the model's link loses them.
func dropRules(tr *trace.Trace) [2]string {
	const mask = fsm.SYN | fsm.FIN | fsm.RST | fsm.ACK
	type key struct {
		side  trace.Side
		flags fsm.Flags
	}
	count := map[key]int{}
	drops := map[key][]int{}
	for i := range tr.Events {
		e := &tr.Events[i]
		if e.Kind != trace.KSend || e.Injected {
			continue
		}
		k := key{e.Side, e.Seg.Flags & mask}
		if e.Lost {
			drops[k] = append(drops[k], count[k])
		}
		count[k]++
	}
	var chains [2][]string // rules for B's input (A's sends) and B's output (B's sends)
	keys := make([]key, 0, len(drops))
	for k := range drops {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(x, y key) int { return int(x.side)*256 + int(x.flags) - int(y.side)*256 - int(y.flags) })
	for _, k := range keys {
		var elems []string
		for _, n := range drops[k] {
			elems = append(elems, fmt.Sprintf("%d : drop", n))
		}
		chains[k.side] = append(chains[k.side], fmt.Sprintf("\t\ttcp flags & (fin|syn|rst|ack) == %s numgen inc mod 1000000 vmap { %s }\n",
			nftFlags(k.flags), strings.Join(elems, ", ")))
	}
	var out [2]string
	if len(chains[0])+len(chains[1]) == 0 {
		return out
	}
	var b strings.Builder
	b.WriteString("table inet tcpsim {\n")
	b.WriteString("\tchain in {\n\t\ttype filter hook prerouting priority raw; policy accept;\n" + strings.Join(chains[trace.A], "") + "\t}\n")
	b.WriteString("\tchain out {\n\t\ttype filter hook output priority raw; policy accept;\n" + strings.Join(chains[trace.B], "") + "\t}\n")
	b.WriteString("}\n")
	out[trace.B] = b.String()
	return out
}

func nftFlags(f fsm.Flags) string {
	var names []string
	for _, x := range []struct {
		f fsm.Flags
		n string
	}{{fsm.FIN, "fin"}, {fsm.SYN, "syn"}, {fsm.RST, "rst"}, {fsm.ACK, "ack"}} {
		if f&x.f != 0 {
			names = append(names, x.n)
		}
	}
	if len(names) == 0 {
		return "0x0"
	}
	return strings.Join(names, "|")
}

// soRcvBuf is the SO_RCVBUF that gives the kernel the receive buffer of
// the model's rcvbuf: TODO
func soRcvBuf(rcvbuf uint32) int {
	return int(rcvbuf / 1024 * 1024)
}
