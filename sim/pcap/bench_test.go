package pcap

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/netip"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/trace"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/sim"
)

// bulkTrace is a trace of n transmissions shaped like a simulator run:
// a handshake, then data segments from A (payload bytes each, no Data, so
// the exporter fills in its pattern) alternating with B's ACKs, every one
// sent and delivered, each side's steps recording state and timer events.
// The link tap sees exactly n packets.
func bulkTrace(n, payload int) *trace.Trace {
	cfg := &sim.Config{
		A: sim.EndpointConfig{Addr: netip.MustParseAddr("10.0.0.1"), Port: 49152, ISN: 1000},
		B: sim.EndpointConfig{Addr: netip.MustParseAddr("10.0.0.2"), Port: 80, ISN: 5000},
	}
	tr := &trace.Trace{Ends: cfg.Ends(), Events: make([]trace.Event, 0, 3*n)}
	const rtt = 50 * time.Millisecond
	seq := [2]fsm.Seq{1000, 5000}
	now := time.Duration(0)
	emit := func(id int32, from trace.Side, seg fsm.Segment, why fsm.SendReason) {
		tr.Events = append(tr.Events,
			trace.Event{T: now, Kind: trace.KSend, Side: from, Seg: seg, ID: id, Arrive: now + rtt/2, Reason: why, From: fsm.Established},
			trace.Event{T: now + rtt/2, Kind: trace.KDeliver, Side: from.Peer(), Seg: seg, ID: id, From: fsm.Established},
			trace.Event{T: now + rtt/2, Kind: trace.KTimer, Side: from.Peer(), Timer: fsm.TimerRTO, TimerEv: trace.TimerCancelled})
		now += rtt / 2
	}
	emit(0, trace.A, fsm.Segment{Seq: seq[0], Flags: fsm.SYN, Wnd: 65535, MSS: 1460}, fsm.ReasonControl)
	emit(1, trace.B, fsm.Segment{Seq: seq[1], Ack: seq[0] + 1, Flags: fsm.SYN | fsm.ACK, Wnd: 65535, MSS: 1460}, fsm.ReasonControl)
	seq[0]++
	seq[1]++
	for id := int32(2); id < int32(n); id++ {
		if id%2 == 0 {
			emit(id, trace.A, fsm.Segment{Seq: seq[0], Ack: seq[1], Flags: fsm.ACK | fsm.PSH, Wnd: 65535, Len: uint32(payload)}, fsm.ReasonData)
			seq[0] = seq[0].Add(uint32(payload))
		} else {
			emit(id, trace.B, fsm.Segment{Seq: seq[1], Ack: seq[0], Flags: fsm.ACK, Wnd: 65535}, fsm.ReasonACK)
		}
	}
	tr.End = now
	return tr
}

const benchSegments = 1_000_000

var payloadSizes = []int{5, 1448}

// BenchmarkExport writes a trace of 1,000,000 segments as a pcap, frames
// built with gopacket's layers and checksums, at the link tap (every
// transmission), and at tap a (half the events are someone else's).
func BenchmarkExport(b *testing.B) {
	for _, payload := range payloadSizes {
		tr := bulkTrace(benchSegments, payload)
		for _, tap := range []Tap{TapLink, TapA} {
			b.Run(fmt.Sprintf("payload=%d/tap=%s", payload, tap), func(b *testing.B) {
				benchWrite(b, tr, Options{Format: FormatPcap, Tap: tap})
			})
		}
	}
}

// BenchmarkExportPcapng is the same with a comment on every packet. The
// comments read the trace's index, which a trace builds once and every
// view shares (Trace.Index): it is built before the clock starts, so
// that an op is one export, as in BenchmarkExport, whatever b.N is.
// BenchmarkExportPcapngFresh measures the first export of a trace.
func BenchmarkExportPcapng(b *testing.B) { benchPcapng(b, TapLink) }

// benchPcapng exports one indexed bulk trace as pcapng at tap, per op.
func benchPcapng(b *testing.B, tap Tap) {
	tr := bulkTrace(benchSegments, 5)
	tr.Index()
	benchWrite(b, tr, Options{Format: FormatPcapNG, Tap: tap})
}

// benchWrite exports tr with o per op and reports segments per second of
// wall clock and of CPU.
func benchWrite(b *testing.B, tr *trace.Trace, o Options) {
	b.ReportAllocs()
	runtime.GC() // start from a collected heap: setup built a large trace
	cpu0 := cpuTime()
	for b.Loop() {
		if err := Write(io.Discard, tr, o); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchSegments)*float64(b.N)/b.Elapsed().Seconds(), "segments/s")
	b.ReportMetric(float64(benchSegments)*float64(b.N)/(cpuTime()-cpu0).Seconds(), "segments/cpu-s")
}

// BenchmarkExportPcapngTapA is BenchmarkExportPcapng at tap a, where a
// comment on a send also says when it arrives: a time per packet.
func BenchmarkExportPcapngTapA(b *testing.B) { benchPcapng(b, TapA) }

// BenchmarkExportPcapngFresh exports a trace whose index is not built
// yet: what a one-off export from the command line costs.
func BenchmarkExportPcapngFresh(b *testing.B) {
	tr := bulkTrace(benchSegments, 5)
	b.ReportAllocs()
	runtime.GC() // start from a collected heap: setup built a large trace
	cpu0 := cpuTime()
	for b.Loop() {
		fresh := *tr // a copy has no index of its own: Write builds one
		if err := Write(io.Discard, &fresh, Options{Format: FormatPcapNG, Tap: TapLink}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchSegments)*float64(b.N)/b.Elapsed().Seconds(), "segments/s")
	b.ReportMetric(float64(benchSegments)*float64(b.N)/(cpuTime()-cpu0).Seconds(), "segments/cpu-s")
}

// linkPackets is what the link tap writes, taken out of the trace.
func linkPackets(tr *trace.Trace) []Packet {
	var out []Packet
	for i := range tr.Events {
		if ev := &tr.Events[i]; ev.Kind == trace.KSend {
			out = append(out, Packet{T: ev.T, From: ev.Side, Seg: ev.Seg, ID: ev.ID})
		}
	}
	return out
}

// pcapgoAlone writes packets the plain way, straight with gopacket and
// pcapgo: no trace, no taps, no Writer. Its output must equal the
// export's, byte for byte (TestPcapgoAloneSameBytes), so it is both the
// benchmark's baseline and an independent check of the frames.
func pcapgoAlone(w io.Writer, a, b netip.Addr, aPort, bPort uint16, pkts []Packet) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	pw := pcapgo.NewWriterNanos(bw)
	if err := pw.WriteFileHeader(262144, layers.LinkTypeEthernet); err != nil {
		return err
	}
	mac := [2]net.HardwareAddr{{2, 0, 0, 0, 0, 0x0a}, {2, 0, 0, 0, 0, 0x0b}}
	ip := [2]net.IP{a.AsSlice(), b.AsSlice()}
	port := [2]layers.TCPPort{layers.TCPPort(aPort), layers.TCPPort(bPort)}
	buf := gopacket.NewSerializeBuffer()
	opts := gopacket.SerializeOptions{ComputeChecksums: true, FixLengths: true}
	var eth layers.Ethernet
	var ip4 layers.IPv4
	var tcp layers.TCP
	var mss [2]byte
	var pl gopacket.Payload
	mssOpt := []layers.TCPOption{{OptionType: layers.TCPOptionKindMSS, OptionLength: 4, OptionData: mss[:]}}
	fill := make([]byte, 65536+26)
	for j := range fill {
		fill[j] = byte('a' + j%26)
	}
	for i := range pkts {
		p := &pkts[i]
		s, d := p.From, p.From.Peer()
		eth = layers.Ethernet{SrcMAC: mac[s], DstMAC: mac[d], EthernetType: layers.EthernetTypeIPv4}
		ip4 = layers.IPv4{Version: 4, TTL: 64, Flags: layers.IPv4DontFragment, Id: uint16(p.ID + 1),
			Protocol: layers.IPProtocolTCP, SrcIP: ip[s], DstIP: ip[d]}
		f := p.Seg.Flags
		tcp = layers.TCP{SrcPort: port[s], DstPort: port[d], Seq: uint32(p.Seg.Seq), Window: p.Seg.Wnd,
			FIN: f&fsm.FIN != 0, SYN: f&fsm.SYN != 0, RST: f&fsm.RST != 0, PSH: f&fsm.PSH != 0, ACK: f&fsm.ACK != 0}
		if tcp.ACK {
			tcp.Ack = uint32(p.Seg.Ack)
		}
		if p.Seg.MSS != 0 {
			mss = [2]byte{byte(p.Seg.MSS >> 8), byte(p.Seg.MSS)}
			tcp.Options = mssOpt
		}
		pl = p.Seg.Data
		if pl == nil {
			off := uint32(p.Seg.Seq) % 26
			pl = fill[off : off+p.Seg.Len]
		}
		_ = tcp.SetNetworkLayerForChecksum(&ip4)
		if err := gopacket.SerializeLayers(buf, opts, &eth, &ip4, &tcp, &pl); err != nil {
			return err
		}
		data := buf.Bytes()
		ci := gopacket.CaptureInfo{Timestamp: DefaultEpoch.Add(p.T), CaptureLength: len(data), Length: len(data)}
		if err := pw.WritePacket(ci, data); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func TestPcapgoAloneSameBytes(t *testing.T) {
	traces := []*trace.Trace{bulkTrace(1000, 5), bulkTrace(1000, 1448)}
	for _, c := range configs {
		if c.name != "ipv6" && c.name != "linux" { // the baseline writes IPv4 and no options
			traces = append(traces, sim.Run(c.cfg()))
		}
	}
	for i, tr := range traces {
		var alone, export bytes.Buffer
		cfg := tr.Ends
		if err := pcapgoAlone(&alone, cfg[trace.A].Addr, cfg[trace.B].Addr, cfg[trace.A].Port, cfg[trace.B].Port, linkPackets(tr)); err != nil {
			t.Fatal(err)
		}
		if err := Write(&export, tr, Options{Format: FormatPcap, Tap: TapLink}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(alone.Bytes(), export.Bytes()) {
			t.Errorf("trace %d: the export and plain gopacket+pcapgo differ", i)
		}
	}
}

// BenchmarkPcapgoAlone is the baseline: the same bytes, written with
// gopacket and pcapgo alone from a ready list of segments.
func BenchmarkPcapgoAlone(b *testing.B) {
	for _, payload := range payloadSizes {
		tr := bulkTrace(benchSegments, payload)
		pkts := linkPackets(tr)
		cfg := tr.Ends
		b.Run(fmt.Sprintf("payload=%d", payload), func(b *testing.B) {
			b.ReportAllocs()
			runtime.GC() // start from a collected heap: setup built a large trace
			for b.Loop() {
				if err := pcapgoAlone(io.Discard, cfg[trace.A].Addr, cfg[trace.B].Addr, cfg[trace.A].Port, cfg[trace.B].Port, pkts); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(benchSegments)*float64(b.N)/b.Elapsed().Seconds(), "segments/s")
		})
	}
}

type prebuilt struct {
	ci   []gopacket.CaptureInfo
	data [][]byte
}

// prebuild builds, once, the exact frames the export writes.
func prebuild(b *testing.B, tr *trace.Trace) prebuilt {
	var p prebuilt
	for _, pkt := range linkPackets(tr) {
		var one bytes.Buffer
		cfg := tr.Ends
		if err := pcapgoAlone(&one, cfg[trace.A].Addr, cfg[trace.B].Addr, cfg[trace.A].Port, cfg[trace.B].Port, []Packet{pkt}); err != nil {
			b.Fatal(err)
		}
		data := one.Bytes()[24+16:]
		p.data = append(p.data, data)
		p.ci = append(p.ci, gopacket.CaptureInfo{Timestamp: DefaultEpoch.Add(pkt.T), CaptureLength: len(data), Length: len(data)})
	}
	return p
}

// BenchmarkPcapgoPrebuilt is the floor: frames built beforehand, pcapgo
// only writes record headers and bytes.
func BenchmarkPcapgoPrebuilt(b *testing.B) {
	for _, payload := range payloadSizes {
		p := prebuild(b, bulkTrace(benchSegments, payload))
		b.Run(fmt.Sprintf("payload=%d", payload), func(b *testing.B) {
			b.ReportAllocs()
			runtime.GC() // start from a collected heap: setup built a large trace
			for b.Loop() {
				bw := bufio.NewWriterSize(io.Discard, 64<<10)
				w := pcapgo.NewWriterNanos(bw)
				if err := w.WriteFileHeader(Snaplen, layers.LinkTypeEthernet); err != nil {
					b.Fatal(err)
				}
				for i := range p.data {
					if err := w.WritePacket(p.ci[i], p.data[i]); err != nil {
						b.Fatal(err)
					}
				}
				if err := bw.Flush(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(benchSegments)*float64(b.N)/b.Elapsed().Seconds(), "segments/s")
		})
	}
}

// BenchmarkWriteFile is the export end to end: a real file, written
// through a temporary file and renamed.
func BenchmarkWriteFile(b *testing.B) {
	tr := bulkTrace(benchSegments, 5)
	path := filepath.Join(b.TempDir(), "bulk.pcap")
	b.ReportAllocs()
	runtime.GC() // start from a collected heap: setup built a large trace
	for b.Loop() {
		if err := WriteFile(path, tr, Options{Tap: TapLink}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchSegments)*float64(b.N)/b.Elapsed().Seconds(), "segments/s")
}

// cpuTime is the process's user + system time: what a machine loaded by
// other jobs does not inflate (the GC's work on other threads included).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
