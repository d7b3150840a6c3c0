package kernel

import (
	"encoding/binary"
	"net/netip"

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
// TTL 64, TCP with an MSS option when seg has one, both checksums right,
// so the receiving kernel takes it as it would a real peer's.
func craft(src, dst endpointAddr, seg fsm.Segment) []byte {
	var opts []byte
	if seg.MSS > 0 {
		opts = []byte{2, 4, byte(seg.MSS >> 8), byte(seg.MSS)}
	}
	payload := seg.Data
	if len(payload) != int(seg.Len) {
		payload = make([]byte, seg.Len)
	}
	tcpLen := 20 + len(opts) + len(payload)
	f := make([]byte, 14+20+tcpLen)
	copy(f[0:6], dst.mac[:])
	copy(f[6:12], src.mac[:])
	binary.BigEndian.PutUint16(f[12:], 0x0800)
	ip := f[14:34]
	ip[0] = 0x45
	binary.BigEndian.PutUint16(ip[2:], uint16(20+tcpLen))
	binary.BigEndian.PutUint16(ip[6:], 0x4000) // DF
	ip[8], ip[9] = 64, 6
	s4, d4 := src.ip.As4(), dst.ip.As4()
	copy(ip[12:16], s4[:])
	copy(ip[16:20], d4[:])
	binary.BigEndian.PutUint16(ip[10:], checksum(ip, 0))
	tcp := f[34:]
	binary.BigEndian.PutUint16(tcp[0:], src.port)
	binary.BigEndian.PutUint16(tcp[2:], dst.port)
	binary.BigEndian.PutUint32(tcp[4:], uint32(seg.Seq))
	if seg.Flags&fsm.ACK != 0 {
		binary.BigEndian.PutUint32(tcp[8:], uint32(seg.Ack))
	}
	tcp[12] = byte((20 + len(opts)) / 4 << 4)
	tcp[13] = tcpFlags(seg.Flags)
	binary.BigEndian.PutUint16(tcp[14:], seg.Wnd)
	copy(tcp[20:], opts)
	copy(tcp[20+len(opts):], payload)
	// The pseudo-header: addresses, protocol, TCP length.
	var sum uint32
	for i := 0; i < 4; i += 2 {
		sum += uint32(binary.BigEndian.Uint16(s4[i:])) + uint32(binary.BigEndian.Uint16(d4[i:]))
	}
	sum += 6 + uint32(tcpLen)
	binary.BigEndian.PutUint16(tcp[16:], checksum(tcp, sum))
	return f
}

var flagBits = []struct {
	f   fsm.Flags
	bit byte
}{{fsm.FIN, 0x01}, {fsm.SYN, 0x02}, {fsm.RST, 0x04}, {fsm.PSH, 0x08}, {fsm.ACK, 0x10}}

// tcpFlags is the TCP header's flag byte.
func tcpFlags(f fsm.Flags) byte {
	var b byte
	for _, x := range flagBits {
		if f&x.f != 0 {
			b |= x.bit
		}
	}
	return b
}

// checksum is the Internet checksum (RFC 1071) of b, starting from sum.
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
	b := tcp[13]
	for _, x := range flagBits {
		if b&x.bit != 0 {
			flags |= x.f
		}
	}
	return flags, binary.BigEndian.Uint32(tcp[4:]), true
}
