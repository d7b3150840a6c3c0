// Package pcap writes a tcpsim trace as a capture file that Wireshark and
// tcpdump open: classic pcap, or pcapng with a comment on every packet
// saying what tcpsim knows and a capture cannot (both ends' states, why a
// segment was sent, that the link dropped it).
//
// Frames are Ethernet + IPv4 (IPv6 when the endpoints' addresses are IPv6) +
// TCP, built with gopacket's layers and written with pcapgo. Nothing depends
// on the wall clock or the host: timestamps are a fixed epoch plus virtual
// time, so the same trace always gives the same bytes.
//
// The package sits under sim/ because it reads nothing but a trace.Trace; it
// is named after the format, not after gopacket's cgo pcap package, which
// tcpsim never imports.
package pcap

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"net/netip"
	"time"

	"github.com/tcpsim/tcpsim/trace"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"

	"github.com/tcpsim/tcpsim/fsm"
)

// DefaultEpoch is the wall-clock time of virtual time zero.
var DefaultEpoch = time.Date(2025, time.January, 1, 0, 0, 0, 0, time.UTC)

// Snaplen is the snapshot length the files declare; frames are never cut.
const Snaplen = 262144

// Fixed, locally administered MAC addresses: 02:00:00:00:00:0a for A, ...:0b for B.
var macs = [2]net.HardwareAddr{
	{0x02, 0x00, 0x00, 0x00, 0x00, 0x0a},
	{0x02, 0x00, 0x00, 0x00, 0x00, 0x0b},
}

// Default addresses for a configuration that leaves them out.
var (
	defaultAddr = [2]netip.Addr{netip.MustParseAddr("10.0.0.1"), netip.MustParseAddr("10.0.0.2")}
	defaultPort = [2]uint16{49152, 80}
)

// Packet is one frame to write: a segment seen at a virtual time.
type Packet struct {
	T    time.Duration // virtual time
	From trace.Side    // sender
	Seg  fsm.Segment
	ID   int32 // transmission number; copies of one transmission share it (and their IPv4 ID)
	// The trace says which options a segment carries, not their values:
	TSval, TSecr uint32    // the timestamps option, with fsm.OptTimestamps
	Ports        [2]uint16 // source and destination port; zero: the endpoints' (trace.Event.Ports)
	Comment      string    // pcapng only
}

// Writer writes packets to a pcap or pcapng stream. It reuses its buffers:
// one frame is built at a time, with no allocation per packet.
type Writer struct {
	format  Format
	epoch   time.Time
	epochNs int64         // epoch in Unix nanoseconds: pcapng timestamps
	bw      *bufio.Writer // pcap: pcapgo.Writer does not buffer
	pw      *pcapgo.Writer
	ng      bool // pcapng: pcapgo wrote the header blocks, epb writes the packets
	ngOut        // pcapng: the packet blocks, built in place

	v6     bool
	ports  [2]uint16
	eth    [2]layers.Ethernet
	ip4    [2]layers.IPv4
	ip6    [2]layers.IPv6
	tcp    layers.TCP
	pay    gopacket.Payload
	optBuf [2 + 1 + 8]byte // MSS, window scale, timestamps
	opts   [8]layers.TCPOption
	stack  [4]gopacket.SerializableLayer
	buf    gopacket.SerializeBuffer
	sopts  gopacket.SerializeOptions
	filler []byte
	tmpl   [2][2]template // by sender and timestamps option
	fast   []byte
}

// NewWriter writes the file header for a capture of the connection between ends
// describes. opts.Format must be FormatPcap or FormatPcapNG (FormatAuto
// means pcap here, as there is no file name to go by).
func NewWriter(w io.Writer, ends [2]trace.Endpoint, opts Options) (*Writer, error) {
	wr := &Writer{format: opts.Format, epoch: opts.Epoch}
	if wr.epoch.IsZero() {
		wr.epoch = DefaultEpoch
	}
	wr.epochNs = wr.epoch.UnixNano()
	if wr.format == FormatAuto {
		wr.format = FormatPcap
	}
	if err := wr.setEndpoints(ends); err != nil {
		return nil, err
	}
	switch wr.format {
	case FormatPcap:
		wr.bw = bufio.NewWriterSize(w, 64<<10)
		wr.pw = pcapgo.NewWriterNanos(wr.bw)
		if err := wr.pw.WriteFileHeader(Snaplen, layers.LinkTypeEthernet); err != nil {
			return nil, err
		}
	case FormatPcapNG:
		// NewNgWriter would record the build host's OS and architecture;
		// fixed section and interface blocks keep files reproducible.
		intf := pcapgo.NgInterface{
			Name:        "tap-" + opts.Tap.String(),
			Description: opts.Tap.Description(),
			LinkType:    layers.LinkTypeEthernet,
			SnapLength:  Snaplen,
		}
		info := pcapgo.NgWriterOptions{SectionInfo: pcapgo.NgSectionInfo{Application: "tcpsim"}}
		nw, err := pcapgo.NewNgWriterInterface(w, intf, info)
		if err == nil {
			err = nw.Flush()
		}
		if err != nil {
			return nil, err
		}
		wr.ng, wr.w = true, w
	default:
		return nil, fmt.Errorf("unknown capture format %d", opts.Format)
	}
	return wr, nil
}

func (wr *Writer) setEndpoints(ends [2]trace.Endpoint) error {
	var addr [2]netip.Addr
	for s := trace.A; s <= trace.B; s++ {
		ep := ends[s]
		addr[s] = ep.Addr.Unmap()
		if !addr[s].IsValid() {
			addr[s] = defaultAddr[s]
		}
		wr.ports[s] = ep.Port
		if wr.ports[s] == 0 {
			wr.ports[s] = defaultPort[s]
		}
	}
	if addr[0].Is6() != addr[1].Is6() {
		return fmt.Errorf("endpoints mix IPv4 and IPv6 (%s, %s)", addr[0], addr[1])
	}
	wr.v6 = addr[0].Is6()
	ethType := layers.EthernetTypeIPv4
	if wr.v6 {
		ethType = layers.EthernetTypeIPv6
	}
	for s := trace.A; s <= trace.B; s++ {
		p := s.Peer()
		wr.eth[s] = layers.Ethernet{SrcMAC: macs[s], DstMAC: macs[p], EthernetType: ethType}
		src, dst := addr[s].AsSlice(), addr[p].AsSlice()
		wr.ip4[s] = layers.IPv4{Version: 4, TTL: 64, Flags: layers.IPv4DontFragment, Protocol: layers.IPProtocolTCP, SrcIP: src, DstIP: dst}
		wr.ip6[s] = layers.IPv6{Version: 6, HopLimit: 64, NextHeader: layers.IPProtocolTCP, SrcIP: src, DstIP: dst}
	}
	wr.buf = gopacket.NewSerializeBufferExpectedSize(14+40+60, 1500)
	wr.sopts = gopacket.SerializeOptions{ComputeChecksums: true, FixLengths: true}
	return nil
}

// portsOf is the one place a packet's source and destination ports come
// from: both frame builders take them from here.
func (wr *Writer) portsOf(p *Packet) (src, dst uint16) {
	if p.Ports != [2]uint16{} { // a side's later connection (trace.Event.Ports)
		return p.Ports[0], p.Ports[1]
	}
	return wr.ports[p.From], wr.ports[p.From.Peer()]
}

// maxPayload keeps the IP length field honest: no jumbograms.
const maxPayload = 65535 - 40 - 60

// frame builds one Ethernet frame; the result is valid until the next call.
func (wr *Writer) frame(p *Packet) ([]byte, error) {
	if p.From <= trace.B && p.Ports == [2]uint16{} { // the template holds the endpoints' ports
		if b, ok, err := wr.fastFrame(p); ok || err != nil {
			return b, err
		}
	}
	return wr.slowFrame(p)
}

// appendFrame appends one Ethernet frame to dst.
func (wr *Writer) appendFrame(dst []byte, p *Packet) ([]byte, error) {
	if p.From <= trace.B {
		if b, ok, err := wr.appendFast(dst, p); ok || err != nil {
			return b, err
		}
	}
	data, err := wr.slowFrame(p)
	return append(dst, data...), err
}

// slowFrame builds a frame with gopacket's layers.
func (wr *Writer) slowFrame(p *Packet) ([]byte, error) {
	s, seg := p.From, &p.Seg
	if s > trace.B {
		return nil, fmt.Errorf("packet from unknown side %d", s)
	}
	if seg.Len > maxPayload {
		return nil, fmt.Errorf("segment of %d bytes does not fit in one IP packet", seg.Len)
	}
	src, dst := wr.portsOf(p)
	t := &wr.tcp
	*t = layers.TCP{
		SrcPort: layers.TCPPort(src),
		DstPort: layers.TCPPort(dst),
		Seq:     uint32(seg.Seq),
		Window:  seg.Wnd, // the raw field: fsm scales windows as negotiated (RFC 7323 §2.3)
		FIN:     seg.Flags&fsm.FIN != 0,
		SYN:     seg.Flags&fsm.SYN != 0,
		RST:     seg.Flags&fsm.RST != 0,
		PSH:     seg.Flags&fsm.PSH != 0,
		ACK:     seg.Flags&fsm.ACK != 0,
	}
	if t.ACK {
		t.Ack = uint32(seg.Ack)
	}
	t.Options = wr.options(p)
	wr.pay = wr.payload(seg)
	stack := wr.stack[:0]
	stack = append(stack, &wr.eth[s])
	if wr.v6 {
		stack = append(stack, &wr.ip6[s])
		_ = t.SetNetworkLayerForChecksum(&wr.ip6[s])
	} else {
		ip := &wr.ip4[s]
		ip.Id = uint16(p.ID + 1)
		stack = append(stack, ip)
		_ = t.SetNetworkLayerForChecksum(ip)
	}
	stack = append(stack, t, &wr.pay)
	if err := gopacket.SerializeLayers(wr.buf, wr.sopts, stack...); err != nil {
		return nil, err
	}
	return wr.buf.Bytes(), nil
}

var nop = layers.TCPOption{OptionType: layers.TCPOptionKindNop, OptionLength: 1}

// options lays out the segment's options as Linux does: on a SYN MSS,
// SACK-permitted, timestamps, NOP, window scale; on other segments NOP,
// NOP, timestamps. Every layout is a multiple of four bytes.
func (wr *Writer) options(p *Packet) []layers.TCPOption {
	seg := &p.Seg
	o := wr.opts[:0]
	b := &wr.optBuf
	syn := seg.Flags&fsm.SYN != 0
	if seg.MSS != 0 {
		b[0], b[1] = byte(seg.MSS>>8), byte(seg.MSS)
		o = append(o, layers.TCPOption{OptionType: layers.TCPOptionKindMSS, OptionLength: 4, OptionData: b[0:2]})
	}
	sack := syn && seg.Opts&fsm.OptSACKPerm != 0
	ts := seg.Opts&fsm.OptTimestamps != 0
	switch {
	case sack && ts:
		o = append(o, layers.TCPOption{OptionType: layers.TCPOptionKindSACKPermitted, OptionLength: 2})
	case sack:
		o = append(o, nop, nop, layers.TCPOption{OptionType: layers.TCPOptionKindSACKPermitted, OptionLength: 2})
	case ts:
		o = append(o, nop, nop)
	}
	if ts {
		binary.BigEndian.PutUint32(b[3:7], p.TSval)
		binary.BigEndian.PutUint32(b[7:11], p.TSecr)
		o = append(o, layers.TCPOption{OptionType: layers.TCPOptionKindTimestamps, OptionLength: 10, OptionData: b[3:11]})
	}
	if syn && seg.Opts&fsm.OptWScale != 0 {
		b[2] = seg.WScale
		o = append(o, nop, layers.TCPOption{OptionType: layers.TCPOptionKindWindowScale, OptionLength: 3, OptionData: b[2:3]})
	}
	return o
}

// pattern fills payloads the scenario did not spell out. Indexing it by
// sequence number gives a retransmission the same bytes as the original.
const pattern = "abcdefghijklmnopqrstuvwxyz"

func (wr *Writer) payload(seg *fsm.Segment) []byte {
	if seg.Len == 0 {
		return nil
	}
	if seg.Data != nil && uint32(len(seg.Data)) == seg.Len {
		return seg.Data
	}
	n := int(seg.Len)
	if len(wr.filler) < n+len(pattern) {
		wr.filler = make([]byte, n+len(pattern))
		for i := range wr.filler {
			wr.filler[i] = pattern[i%len(pattern)]
		}
	}
	off := int(uint32(seg.Seq) % uint32(len(pattern)))
	return wr.filler[off : off+n]
}

// WritePacket appends one frame.
func (wr *Writer) WritePacket(p *Packet) error {
	if wr.ng {
		return wr.writeEPB(p, nil, 0)
	}
	data, err := wr.frame(p)
	if err != nil {
		return err
	}
	ci := gopacket.CaptureInfo{Timestamp: wr.epoch.Add(p.T), CaptureLength: len(data), Length: len(data)}
	return wr.pw.WritePacket(ci, data)
}

// Flush writes out anything buffered.
func (wr *Writer) Flush() error {
	if wr.ng {
		return wr.flushOut()
	}
	return wr.bw.Flush()
}
