package pcap

import (
	"bufio"
	"fmt"
	"io"
	"net/netip"
	"testing"
	"time"

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
func bulkTrace(n, payload int) *sim.Trace {
	cfg := &sim.Config{
		A: sim.EndpointConfig{Addr: netip.MustParseAddr("10.0.0.1"), Port: 49152, ISN: 1000},
		B: sim.EndpointConfig{Addr: netip.MustParseAddr("10.0.0.2"), Port: 80, ISN: 5000},
	}
	tr := &sim.Trace{Config: cfg, Events: make([]sim.Event, 0, 3*n)}
	const rtt = 50 * time.Millisecond
	seq := [2]fsm.Seq{1000, 5000}
	now := time.Duration(0)
	emit := func(id int32, from sim.Side, seg fsm.Segment, why fsm.Why) {
		tr.Events = append(tr.Events,
			sim.Event{T: now, Kind: sim.KSend, Side: from, Seg: seg, ID: id, Arrive: now + rtt/2, Why: why, From: fsm.Established},
			sim.Event{T: now + rtt/2, Kind: sim.KDeliver, Side: from.Peer(), Seg: seg, ID: id, From: fsm.Established},
			sim.Event{T: now + rtt/2, Kind: sim.KTimer, Side: from.Peer(), Timer: fsm.TimerRTO, TimerEv: sim.TimerCancelled})
		now += rtt / 2
	}
	emit(0, sim.A, fsm.Segment{Seq: seq[0], Flags: fsm.SYN, Wnd: 65535, MSS: 1460}, fsm.WhyControl)
	emit(1, sim.B, fsm.Segment{Seq: seq[1], Ack: seq[0] + 1, Flags: fsm.SYN | fsm.ACK, Wnd: 65535, MSS: 1460}, fsm.WhyControl)
	seq[0]++
	seq[1]++
	for id := int32(2); id < int32(n); id++ {
		if id%2 == 0 {
			emit(id, sim.A, fsm.Segment{Seq: seq[0], Ack: seq[1], Flags: fsm.ACK | fsm.PSH, Wnd: 65535, Len: uint32(payload)}, fsm.WhyData)
			seq[0] = seq[0].Add(uint32(payload))
		} else {
			emit(id, sim.B, fsm.Segment{Seq: seq[1], Ack: seq[0], Flags: fsm.ACK, Wnd: 65535}, fsm.WhyACK)
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
				b.ReportAllocs()
				for b.Loop() {
					if err := Write(io.Discard, tr, Options{Format: FormatPcap, Tap: tap}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(benchSegments)*float64(b.N)/b.Elapsed().Seconds(), "segments/s")
			})
		}
	}
}

// BenchmarkExportPcapng is the same with a comment on every packet.
func BenchmarkExportPcapng(b *testing.B) {
	tr := bulkTrace(benchSegments, 5)
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, tr, Options{Format: FormatPcapNG, Tap: TapLink}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchSegments)*float64(b.N)/b.Elapsed().Seconds(), "segments/s")
}

type prebuilt struct {
	ci   []gopacket.CaptureInfo
	data [][]byte
}

// frames builds, once, the exact frames the export writes.
func frames(b *testing.B, tr *sim.Trace) prebuilt {
	wr, err := NewWriter(io.Discard, tr.Config, Options{Format: FormatPcap})
	if err != nil {
		b.Fatal(err)
	}
	var p prebuilt
	for i := range tr.Events {
		ev := &tr.Events[i]
		if ev.Kind != sim.KSend {
			continue
		}
		pkt := Packet{T: ev.T, From: ev.Side, Seg: ev.Seg, ID: ev.ID}
		data, err := wr.frame(&pkt)
		if err != nil {
			b.Fatal(err)
		}
		p.data = append(p.data, append([]byte(nil), data...))
		p.ci = append(p.ci, gopacket.CaptureInfo{Timestamp: DefaultEpoch.Add(ev.T), CaptureLength: len(data), Length: len(data)})
	}
	return p
}

// BenchmarkPcapgoAlone writes the same bytes with pcapgo alone: frames
// already built, only file header, record headers and frames to write,
// through the same buffer size as the export.
func BenchmarkPcapgoAlone(b *testing.B) {
	for _, payload := range payloadSizes {
		p := frames(b, bulkTrace(benchSegments, payload))
		b.Run(fmt.Sprintf("payload=%d", payload), func(b *testing.B) {
			b.ReportAllocs()
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
