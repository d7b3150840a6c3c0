package replay

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"strings"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"

	"github.com/tcpsim/tcpsim/fsm"
)

// packet is one TCP segment read from the capture.
type packet struct {
	frame    int // 1-based frame number, as Wireshark counts
	ts       time.Time
	src, dst netip.AddrPort
	seg      fsm.Segment // header values as captured: the window is not scaled
	cut      bool        // the snap length cut the payload; Data is zero-filled
}

// capture is what reading keeps of a file (budget.go).
type capture struct {
	packets []packet    // the chosen connection's segments
	streams int         // TCP connections seen
	frames  int         // all frames read, TCP or not
	skipped int         // frames that are not TCP over IP, or do not decode
	cutErr  error       // the file ended in the middle of a record
	format  string      // "pcap" or "pcapng"
	stop    *LimitError // the budget stopped reading here
}

type packetSource interface {
	ReadPacketData() ([]byte, gopacket.CaptureInfo, error)
}

// readCapture reads a pcap or pcapng file (either possibly gzipped) one
// frame at a time, keeping the segments of connection stream (numbered
// in order of first appearance, as Wireshark's tcp.stream) within b.
func readCapture(r io.Reader, stream int, b *readBudget) (*capture, error) {
	br := bufio.NewReader(r)
	if head, _ := br.Peek(2); len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		// gzip: pcapgo reads a gzipped pcap itself, but not a pcapng.
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("a gzip file that does not decompress: %v", err)
		}
		br = bufio.NewReader(zr)
	}
	peek, err := br.Peek(4)
	magic := append([]byte(nil), peek...) // the readers below reuse br's buffer
	if err != nil {
		if len(magic) == 0 {
			return nil, errors.New("the file is empty")
		}
		return nil, errors.New("not a pcap or pcapng file: too short")
	}
	c := &capture{format: "pcap"}
	var src packetSource
	var linkType func(gopacket.CaptureInfo) layers.LinkType
	if binary.LittleEndian.Uint32(magic) == 0x0a0d0d0a {
		c.format = "pcapng"
		ng, err := pcapgo.NewNgReader(br, pcapgo.NgReaderOptions{WantMixedLinkType: true, SkipUnknownVersion: true})
		if err != nil {
			return nil, fmt.Errorf("not a readable pcapng file: %v", err)
		}
		src = ng
		linkType = func(ci gopacket.CaptureInfo) layers.LinkType {
			if len(ci.AncillaryData) > 0 {
				if lt, ok := ci.AncillaryData[0].(layers.LinkType); ok {
					return lt
				}
			}
			return ng.LinkType()
		}
	} else {
		pr, err := pcapgo.NewReader(br)
		if err != nil {
			if strings.HasPrefix(err.Error(), "Unknown magic") {
				return nil, fmt.Errorf("not a pcap or pcapng file (it starts with % x)", magic)
			}
			return nil, fmt.Errorf("not a pcap or pcapng file: %v", err)
		}
		src = pr
		linkType = func(gopacket.CaptureInfo) layers.LinkType { return pr.LinkType() }
	}
	index := map[[2]netip.AddrPort]int{}
	for {
		data, ci, err := src.ReadPacketData()
		if err == io.EOF {
			break
		}
		if err != nil {
			c.cutErr = err
			break
		}
		c.frames++
		p, ok := decode(data, ci, linkType(ci))
		if !ok {
			c.skipped++
			continue
		}
		key := streamKey(&p)
		i, ok := index[key]
		if !ok {
			i = len(index)
			index[key] = i
			if c.stop = b.newStream(c, &p); c.stop != nil {
				break
			}
		}
		if i != stream {
			continue // another connection: counted, then dropped
		}
		if c.stop = b.keep(c, &p); c.stop != nil {
			break
		}
		p.frame = c.frames
		c.packets = append(c.packets, p)
	}
	c.streams = len(index)
	if c.frames == 0 && c.cutErr != nil {
		return nil, fmt.Errorf("no complete frame in the %s file: %v", c.format, c.cutErr)
	}
	return c, nil
}

// decoders maps the link types tcpsim reads to the first layer.
var decoders = map[layers.LinkType]gopacket.Decoder{
	layers.LinkTypeEthernet:  layers.LinkTypeEthernet,
	layers.LinkTypeRaw:       layers.LinkTypeRaw,
	12:                       layers.LinkTypeRaw, // DLT_RAW as some BSDs number it
	layers.LinkTypeIPv4:      layers.LayerTypeIPv4,
	layers.LinkTypeIPv6:      layers.LayerTypeIPv6,
	layers.LinkTypeLinuxSLL:  layers.LinkTypeLinuxSLL,
	layers.LinkTypeLinuxSLL2: layers.LinkTypeLinuxSLL2,
	layers.LinkTypeNull:      layers.LinkTypeNull,
	layers.LinkTypeLoop:      layers.LinkTypeLoop,
}

// decode extracts the TCP segment of one frame.
func decode(data []byte, ci gopacket.CaptureInfo, lt layers.LinkType) (packet, bool) {
	dec, ok := decoders[lt]
	if !ok {
		return packet{}, false
	}
	pkt := gopacket.NewPacket(data, dec, gopacket.DecodeOptions{NoCopy: true})
	tcp, _ := pkt.Layer(layers.LayerTypeTCP).(*layers.TCP)
	if tcp == nil {
		return packet{}, false
	}
	var p packet
	p.ts = ci.Timestamp
	var ipStart, ipEnd int // the IP packet's extent in data, by its own header
	switch ip := pkt.NetworkLayer().(type) {
	case *layers.IPv4:
		if ip.FragOffset != 0 || ip.Flags&layers.IPv4MoreFragments != 0 {
			return packet{}, false
		}
		src, _ := netip.AddrFromSlice(ip.SrcIP.To4())
		dst, _ := netip.AddrFromSlice(ip.DstIP.To4())
		p.src, p.dst = netip.AddrPortFrom(src, uint16(tcp.SrcPort)), netip.AddrPortFrom(dst, uint16(tcp.DstPort))
		ipStart = cap(data) - cap(ip.Contents)
		ipEnd = ipStart + int(ip.Length)
	case *layers.IPv6:
		src, _ := netip.AddrFromSlice(ip.SrcIP)
		dst, _ := netip.AddrFromSlice(ip.DstIP)
		p.src, p.dst = netip.AddrPortFrom(src, uint16(tcp.SrcPort)), netip.AddrPortFrom(dst, uint16(tcp.DstPort))
		ipStart = cap(data) - cap(ip.Contents)
		ipEnd = ipStart + 40 + int(ip.Length)
	default:
		return packet{}, false
	}
	if !p.src.Addr().IsValid() || !p.dst.Addr().IsValid() {
		return packet{}, false
	}
	length := len(tcp.Payload)
	if ci.CaptureLength < ci.Length {
		// The snap length cut the frame: the IP header still tells the
		// segment's real length. (Layers share data's array, so capacities
		// give offsets.)
		payloadStart := cap(data) - cap(tcp.Contents) + len(tcp.Contents)
		if n := ipEnd - payloadStart; n > length {
			length = n
		}
	}
	if length > 65535 {
		return packet{}, false
	}
	seg := tcpSegment(tcp, length)
	if seg.Len > 0 {
		seg.Data = make([]byte, seg.Len)
		n := copy(seg.Data, tcp.Payload)
		p.cut = n < int(seg.Len)
	}
	p.seg = seg
	return p, true
}

// tcpSegment is the state machine's view of a TCP header carrying length
// bytes: flags, numbers, window and the options it reads.
func tcpSegment(tcp *layers.TCP, length int) fsm.Segment {
	seg := fsm.Segment{Seq: fsm.Seq(tcp.Seq), Wnd: tcp.Window, Len: uint32(length)}
	if tcp.ACK {
		seg.Flags |= fsm.ACK
		seg.Ack = fsm.Seq(tcp.Ack)
	}
	for _, f := range []struct {
		on bool
		f  fsm.Flags
	}{{tcp.FIN, fsm.FIN}, {tcp.SYN, fsm.SYN}, {tcp.RST, fsm.RST}, {tcp.PSH, fsm.PSH}} {
		if f.on {
			seg.Flags |= f.f
		}
	}
	for _, o := range tcp.Options {
		switch o.OptionType {
		case layers.TCPOptionKindMSS:
			if len(o.OptionData) == 2 {
				seg.MSS = binary.BigEndian.Uint16(o.OptionData)
			}
		case layers.TCPOptionKindSACKPermitted:
			seg.Opts |= fsm.OptSACKPerm
		case layers.TCPOptionKindTimestamps:
			seg.Opts |= fsm.OptTimestamps
		case layers.TCPOptionKindWindowScale:
			if len(o.OptionData) == 1 {
				seg.Opts |= fsm.OptWScale
				seg.WScale = min(o.OptionData[0], 14) // RFC 7323 §2.3
			}
		}
	}
	return seg
}

// streamKey names a segment's connection whichever way it travels.
func streamKey(p *packet) [2]netip.AddrPort {
	key := [2]netip.AddrPort{p.src, p.dst}
	if key[1].Addr().Less(key[0].Addr()) || (key[0].Addr() == key[1].Addr() && key[1].Port() < key[0].Port()) {
		key[0], key[1] = key[1], key[0]
	}
	return key
}
