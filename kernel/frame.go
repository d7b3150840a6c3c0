package kernel

import (
	"encoding/binary"
	"net/netip"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"

	"github.com/tcpsim/tcpsim/fsm"
)

// MAC addresses of A's and B's veth ends (netns.go sets them; the
// neighbours are static, so a crafted frame needs no ARP).
var macs = [2][6]byte{{2, 0, 0, 0, 0, 0xa}, {2, 0, 0, 0, 0, 0xb}}

// endpointAddr is one side's address, port and MAC.
type endpointAddr struct {
	ip   netip.Addr
	port uint16
	mac  [6]byte
}

// craft builds the Ethernet frame of seg from src to dst: IPv4 with DF and
// TTL 64, TCP with an MSS option when seg has one, both checksums right
// (gopacket computes them, as sim/pcap's writer does), so the receiving
// kernel takes it as it would a real peer's.
func craft(src, dst endpointAddr, seg fsm.Segment) []byte {
	ip := &layers.IPv4{Version: 4, TTL: 64, Flags: layers.IPv4DontFragment, Protocol: layers.IPProtocolTCP,
		SrcIP: src.ip.AsSlice(), DstIP: dst.ip.AsSlice()}
	f := seg.Flags
	tcp := &layers.TCP{SrcPort: layers.TCPPort(src.port), DstPort: layers.TCPPort(dst.port), Seq: uint32(seg.Seq),
		Window: seg.Wnd, FIN: f&fsm.FIN != 0, SYN: f&fsm.SYN != 0, RST: f&fsm.RST != 0, PSH: f&fsm.PSH != 0, ACK: f&fsm.ACK != 0}
	if f&fsm.ACK != 0 {
		tcp.Ack = uint32(seg.Ack)
	}
	if seg.MSS > 0 {
		tcp.Options = []layers.TCPOption{{OptionType: layers.TCPOptionKindMSS, OptionLength: 4,
			OptionData: binary.BigEndian.AppendUint16(nil, seg.MSS)}}
	}
	_ = tcp.SetNetworkLayerForChecksum(ip)
	payload := seg.Data
	if len(payload) != int(seg.Len) {
		payload = make([]byte, seg.Len)
	}
	buf := gopacket.NewSerializeBuffer()
	opts := gopacket.SerializeOptions{ComputeChecksums: true, FixLengths: true}
	if err := gopacket.SerializeLayers(buf, opts, ip, tcp, gopacket.Payload(payload)); err != nil {
		panic(err) // fixed layers of valid fields: cannot fail
	}
	// The Ethernet header by hand: gopacket's would pad a short frame to 60 bytes.
	frame := append(append(dst.mac[:], src.mac[:]...), 0x08, 0x00)
	return append(frame, buf.Bytes()...)
}

// headerFlags are the TCP header's flag bits; fsm.Flags use their values.
const headerFlags = fsm.FIN | fsm.SYN | fsm.RST | fsm.PSH | fsm.ACK

// tcpOf reads what the relay needs from an Ethernet frame: the TCP flag
// bits (as fsm.Flags) and the sequence number. ok is false for anything
// but TCP over IPv4.
func tcpOf(f []byte) (flags fsm.Flags, seq uint32, ok bool) {
	if len(f) < 34 || binary.BigEndian.Uint16(f[12:]) != 0x0800 || f[23] != 6 {
		return 0, 0, false
	}
	ihl := int(f[14]&0x0f) * 4
	if len(f) < 14+ihl+20 {
		return 0, 0, false
	}
	tcp := f[14+ihl:]
	return fsm.Flags(tcp[13]) & headerFlags, binary.BigEndian.Uint32(tcp[4:]), true
}
