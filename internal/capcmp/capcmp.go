// Package capcmp compares two captures of one TCP connection segment for
// segment: direction, flags, sequence numbers relative to each side's ISN,
// payload length, and the gaps between segments. It is what holds the linux
// profile against real kernel captures (sim/pcap's test with the reference
// captures, and kernel/'s runs of a scenario on the real kernel).
package capcmp

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"slices"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

// Packet is what the comparison looks at.
type Packet struct {
	Dir      string // "A->B" or "B->A"; A sent the first packet
	Flags    string // S F R P A, in that order
	Seq, Ack uint32 // relative to the sender's / receiver's ISN
	HasAck   bool
	Len      int
	T        time.Duration // since the first packet
	At       time.Time     // the capture's timestamp
}

func (p Packet) String() string {
	ack := "-"
	if p.HasAck {
		ack = fmt.Sprint(p.Ack)
	}
	return fmt.Sprintf("%s %-3s seq=%d ack=%s len=%d", p.Dir, p.Flags, p.Seq, ack, p.Len)
}

// Read parses a pcap (TCP over IPv4 on Ethernet, raw IP or Linux cooked)
// and relativizes it the way Wireshark does.
func Read(data []byte) ([]Packet, error) {
	r, err := pcapgo.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	var out []Packet
	var aIP string
	isn := map[string][]uint32{} // each side's ISNs, one per incarnation
	var t0 time.Time
	for {
		raw, ci, err := r.ReadPacketData()
		if err != nil {
			break
		}
		p := gopacket.NewPacket(raw, r.LinkType(), gopacket.Default)
		ip, _ := p.Layer(layers.LayerTypeIPv4).(*layers.IPv4)
		tcp, _ := p.Layer(layers.LayerTypeTCP).(*layers.TCP)
		if ip == nil || tcp == nil {
			return nil, fmt.Errorf("packet %d is not TCP/IPv4", len(out)+1)
		}
		if aIP == "" {
			aIP, t0 = ip.SrcIP.String(), ci.Timestamp
		}
		src, dst := ip.SrcIP.String(), ip.DstIP.String()
		dir := "A->B"
		if src != aIP {
			dir = "B->A"
		}
		// Every SYN starts a sequence space: a retransmitted one repeats the
		// ISN, a new connection on the same addresses (a new incarnation)
		// has its own, chosen differently by a kernel and by the model.
		if n := len(isn[src]); tcp.SYN && (n == 0 || isn[src][n-1] != tcp.Seq) || n == 0 && len(out) == 0 {
			isn[src] = append(isn[src], tcp.Seq)
		}
		if len(isn[dst]) == 0 && tcp.ACK {
			isn[dst] = append(isn[dst], tcp.Ack-1)
		}
		q := Packet{Dir: dir, Flags: flags(tcp), Seq: relative(isn[src], tcp.Seq), Len: len(tcp.Payload), T: ci.Timestamp.Sub(t0), At: ci.Timestamp, HasAck: tcp.ACK}
		if tcp.ACK {
			q.Ack = relative(isn[dst], tcp.Ack)
		}
		// A RST,ACK to a SYN carries seq 0, not a number from B's space.
		if tcp.RST && tcp.Seq == 0 {
			q.Seq = 0
		}
		out = append(out, q)
	}
	return out, nil
}

// relative counts v from the latest ISN it lies at or after (within 2^31),
// so a segment of an old incarnation, such as a challenge ACK or the RST
// that answers it, is counted from that incarnation's ISN.
func relative(isns []uint32, v uint32) uint32 {
	for i := len(isns) - 1; i >= 0; i-- {
		if d := v - isns[i]; d < 1<<31 {
			return d
		}
	}
	if len(isns) == 0 {
		return v
	}
	return v - isns[len(isns)-1]
}

func flags(tcp *layers.TCP) string {
	var f string
	for _, b := range []struct {
		on bool
		c  string
	}{{tcp.SYN, "S"}, {tcp.FIN, "F"}, {tcp.RST, "R"}, {tcp.PSH, "P"}, {tcp.ACK, "A"}} {
		if b.on {
			f += b.c
		}
	}
	return f
}

// MinGap is the smallest gap compared: shorter ones are scheduling noise
// (a few microseconds on a veth), longer ones were set by a timer or by the
// application's pauses.
const MinGap = time.Millisecond

// Tolerance is how far apart two gaps may be, as a fraction of the kernel's.
const Tolerance = 0.1

// Diff is one disagreement. Index is the 0-based packet number; a packet
// only one side has leaves the other's field zero.
type Diff struct {
	Index int
	Want  string // the reference (the kernel's) packet, or "" when it has none
	Got   string // the model's packet, or ""
	Why   string
}

func (d Diff) String() string {
	return fmt.Sprintf("packet %d: %s (kernel %q, model %q)", d.Index+1, d.Why, d.Want, d.Got)
}

// Result is a comparison.
type Result struct {
	Diffs   []Diff
	Gaps    int // gaps of MinGap or more that were compared
	Packets int // packets both have
	Crossed int // pairs of crossing segments taken in the kernel's order (see uncross)
}

// Agree says there is no difference.
func (r *Result) Agree() bool { return len(r.Diffs) == 0 }

// Compare holds got (the model) against want (the kernel): the segments
// must be identical, and every gap of MinGap or more in want must be
// matched within Tolerance.
func Compare(want, got []Packet) *Result { return CompareWithin(want, got, nil) }

// CompareWithin is Compare with slack(gap) added to each gap's tolerance:
// a live kernel's timers fire on coarse ticks, later when it is loaded.
func CompareWithin(want, got []Packet, slack func(time.Duration) time.Duration) *Result {
	return CompareExcept(want, got, slack, nil)
}

// CompareExcept is CompareWithin that leaves out the gap before each
// segment of got for which skip is true (nil: none): kernel/ skips a
// segment an application call sent at once, whose time is the call's.
func CompareExcept(want, got []Packet, slack func(time.Duration) time.Duration, skip func(Packet) bool) *Result {
	res := &Result{}
	got = uncross(want, got, res)
	n := max(len(want), len(got))
	segsOK := true
	for i := range n {
		var w, g string
		if i < len(want) {
			w = want[i].String()
		}
		if i < len(got) {
			g = got[i].String()
		}
		switch {
		case w == "":
			res.Diffs, segsOK = append(res.Diffs, Diff{i, w, g, "the model sent a segment the kernel did not"}), false
		case g == "":
			res.Diffs, segsOK = append(res.Diffs, Diff{i, w, g, "the kernel sent a segment the model did not"}), false
		case w != g:
			res.Diffs, segsOK = append(res.Diffs, Diff{i, w, g, "different segment"}), false
		default:
			res.Packets++
		}
	}
	if !segsOK {
		return res
	}
	for i := 1; i < len(want); i++ {
		wg, gg := want[i].T-want[i-1].T, got[i].T-got[i-1].T
		if wg < MinGap || (skip != nil && skip(got[i])) {
			continue
		}
		res.Gaps++
		var extra time.Duration
		if slack != nil {
			extra = slack(wg)
		}
		if math.Abs(float64(gg-wg)) > Tolerance*float64(wg)+float64(extra) {
			why := fmt.Sprintf("gap %v, kernel %v (more than %.0f%% apart)", gg, wg, Tolerance*100)
			if extra > 0 {
				why = fmt.Sprintf("gap %v, kernel %v (more than %.0f%% + %v apart)", gg, wg, Tolerance*100, extra)
			}
			res.Diffs = append(res.Diffs, Diff{i, want[i].String(), got[i].String(), why})
		}
	}
	return res
}

// uncross lets two segments that cross on the wire come in either order.
// At a tap, a segment leaving and one arriving less than MinGap apart race
// (the kernel's capture of a veth orders them by microseconds of
// scheduling), so where the kernel shows them one way and the model the
// other, the model's pair is taken in the kernel's order. Nothing else is
// reordered: same-direction segments, or ones further apart, must match.
func uncross(want, got []Packet, res *Result) []Packet {
	var out []Packet
	for i := 0; i+1 < min(len(want), len(got)); i++ {
		w0, w1, g0, g1 := want[i], want[i+1], got[i], got[i+1]
		if w0.Dir == w1.Dir || w1.T-w0.T >= MinGap || g1.T-g0.T >= MinGap {
			continue
		}
		if w0.String() == g1.String() && w1.String() == g0.String() && w0.String() != g0.String() {
			if out == nil {
				out = slices.Clone(got)
			}
			out[i], out[i+1] = out[i+1], out[i]
			res.Crossed++
			i++
		}
	}
	if out == nil {
		return got
	}
	return out
}

// WriteSideBySide prints the two captures in two columns, one segment a
// line, marking each line that differs with "!" and the reason.
func WriteSideBySide(w io.Writer, wantName, gotName string, want, got []Packet, res *Result) error {
	why := map[int]string{}
	for _, d := range res.Diffs {
		why[d.Index] = d.Why
	}
	col := func(ps []Packet, i int) string {
		if i >= len(ps) {
			return ""
		}
		return fmt.Sprintf("%10.6f %s", ps[i].T.Seconds(), ps[i])
	}
	if _, err := fmt.Fprintf(w, "   %-46s   %s\n", wantName, gotName); err != nil {
		return err
	}
	for i := range max(len(want), len(got)) {
		mark := " "
		if why[i] != "" {
			mark = "!"
		}
		line := fmt.Sprintf("%s%2d %-46s | %s", mark, i+1, col(want, i), col(got, i))
		if why[i] != "" {
			line += "\n     ! " + why[i]
		}
		if _, err := fmt.Fprintln(w, line); err != nil {
			return err
		}
	}
	return nil
}

// Plus is slack (nil: none) with extra added to every gap's allowance: a
// scenario's own tolerance (scenarios.Tolerance.Gap). Nil when both are
// nothing, so the comparison says "10%" alone.
func Plus(slack func(time.Duration) time.Duration, extra time.Duration) func(time.Duration) time.Duration {
	if extra == 0 {
		return slack
	}
	return func(gap time.Duration) time.Duration {
		if slack == nil {
			return extra
		}
		return slack(gap) + extra
	}
}
