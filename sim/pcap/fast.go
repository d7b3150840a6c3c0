package pcap

import (
	"encoding/binary"

	"github.com/tcpsim/tcpsim/trace"

	"github.com/tcpsim/tcpsim/fsm"
)

// Most segments differ from one another only in a few header fields. For
// them the writer copies a header that gopacket built once (per sender and
// option layout), patches those fields and computes the two checksums
// itself; SYNs and anything unusual go through gopacket every time. A test
// holds every fast frame to the bytes gopacket builds for the same packet.

// template is a frame header built by gopacket with a zero-length payload.
type template struct {
	hdr    []byte
	ipOff  int
	tcpOff int
	tcpLen int    // TCP header length, options included
	pseudo uint64 // checksum sum of the pseudo-header's addresses and protocol
	ipSum  uint64 // sum of the IPv4 header with length, ID and checksum zeroed
	tcpSum uint64 // sum of the TCP header's constant words (offset, NOPs, kinds); ports vary
}

// fastable: no SYN (its options vary), and the only option, if any, is
// the timestamps option in the NOP, NOP, TS layout.
func fastable(seg *fsm.Segment) bool {
	return seg.Flags&fsm.SYN == 0 && seg.MSS == 0 && seg.Opts&^fsm.OptTimestamps == 0
}

func (wr *Writer) template(s trace.Side, ts bool) (*template, error) {
	k := 0
	if ts {
		k = 1
	}
	t := &wr.tmpl[s][k]
	if t.hdr != nil {
		return t, nil
	}
	p := Packet{From: s, Seg: fsm.Segment{Flags: fsm.ACK}}
	if ts {
		p.Seg.Opts = fsm.OptTimestamps
	}
	b, err := wr.slowFrame(&p)
	if err != nil {
		return nil, err
	}
	t.ipOff = 14
	ipLen := 20
	if wr.v6 {
		ipLen = 40
	}
	t.tcpOff = t.ipOff + ipLen
	t.tcpLen = int(b[t.tcpOff+12]>>4) * 4 // data offset; gopacket may have padded the frame
	t.hdr = append([]byte(nil), b[:t.tcpOff+t.tcpLen]...)
	// Pseudo-header (RFC 9293 §3.1): source, destination, zero+protocol.
	src, dst := t.ipOff+12, t.ipOff+16
	alen := 4
	if wr.v6 {
		src, dst, alen = t.ipOff+8, t.ipOff+24, 16
	}
	t.pseudo = sum(b[src:src+alen], 0)
	t.pseudo = sum(b[dst:dst+alen], t.pseudo)
	t.pseudo += 6 // TCP
	h := t.hdr
	if !wr.v6 {
		ip := h[t.ipOff : t.ipOff+20]
		for _, i := range []int{2, 4, 10} { // total length, ID, checksum
			ip[i], ip[i+1] = 0, 0
		}
		t.ipSum = sum(ip, 0)
	}
	tcp := h[t.tcpOff:]
	// Zero the per-segment fields: ports, seq, ack, flags, window,
	// checksum, TS values.
	for i := 0; i < 18; i++ {
		tcp[i] = 0
	}
	tcp[12] = byte(t.tcpLen/4) << 4
	for i := 24; i < t.tcpLen; i++ {
		tcp[i] = 0
	}
	t.tcpSum = sum(tcp[:t.tcpLen], t.pseudo) // offset, NOPs, option kinds
	return t, nil
}

// fastFrame builds a frame from a template; it reports false when the
// packet needs the general path. The frame is valid until the next call.
func (wr *Writer) fastFrame(p *Packet) ([]byte, bool, error) {
	b, ok, err := wr.appendFast(wr.fast[:0], p)
	if ok {
		wr.fast = b
	}
	return b, ok, err
}

// appendFast appends the frame fastFrame builds to dst.
func (wr *Writer) appendFast(dst []byte, p *Packet) ([]byte, bool, error) {
	seg := &p.Seg
	if !fastable(seg) || seg.Len > maxPayload {
		return dst, false, nil
	}
	ts := seg.Opts&fsm.OptTimestamps != 0
	t, err := wr.template(p.From, ts)
	if err != nil {
		return dst, false, err
	}
	pay := wr.payload(seg)
	start := len(dst)
	b := append(dst, t.hdr...)
	b = append(b, pay...)
	ip, tcp := b[start+t.ipOff:], b[start+t.tcpOff:]
	tcpTotal := t.tcpLen + len(pay)
	if wr.v6 {
		binary.BigEndian.PutUint16(ip[4:], uint16(tcpTotal))
	} else {
		total, id := uint16(20+tcpTotal), uint16(p.ID+1)
		binary.BigEndian.PutUint16(ip[2:], total)
		binary.BigEndian.PutUint16(ip[4:], id)
		binary.BigEndian.PutUint16(ip[10:], ^fold(t.ipSum+uint64(total)+uint64(id)))
	}
	src, dstPort := wr.portsOf(p)
	seq, ack := uint32(seg.Seq), uint32(0)
	if seg.Flags&fsm.ACK != 0 {
		ack = uint32(seg.Ack)
	}
	// fsm.Flags use the header's bit values (FIN 0x01 ... ACK 0x10).
	flags := byte(seg.Flags & (fsm.FIN | fsm.SYN | fsm.RST | fsm.PSH | fsm.ACK))
	wnd := seg.Wnd // the raw field: fsm scales windows as negotiated (RFC 7323 §2.3)
	binary.BigEndian.PutUint16(tcp[0:], src)
	binary.BigEndian.PutUint16(tcp[2:], dstPort)
	binary.BigEndian.PutUint32(tcp[4:], seq)
	binary.BigEndian.PutUint32(tcp[8:], ack)
	tcp[13] = flags
	binary.BigEndian.PutUint16(tcp[14:], wnd)
	c := t.tcpSum + uint64(tcpTotal) + uint64(src) + uint64(dstPort) + uint64(seq>>16) + uint64(seq&0xffff) +
		uint64(ack>>16) + uint64(ack&0xffff) + uint64(flags) + uint64(wnd)
	if ts {
		binary.BigEndian.PutUint32(tcp[24:], p.TSval)
		binary.BigEndian.PutUint32(tcp[28:], p.TSecr)
		c += uint64(p.TSval>>16) + uint64(p.TSval&0xffff) + uint64(p.TSecr>>16) + uint64(p.TSecr&0xffff)
	}
	c = sum(pay, c)
	binary.BigEndian.PutUint16(tcp[16:], ^fold(c))
	// Ethernet's minimum frame is 60 bytes before the FCS; gopacket pads too.
	if n := len(b) - start; n < 60 {
		b = append(b, zeros60[:60-n]...)
	}
	return b, true, nil
}

var zeros60 [60]byte

// sum adds b to a one's-complement sum as big-endian 16-bit words (RFC
// 1071), 32 bits at a time; an odd last byte is padded with zero.
func sum(b []byte, acc uint64) uint64 {
	for len(b) >= 8 {
		acc += uint64(binary.BigEndian.Uint32(b)) + uint64(binary.BigEndian.Uint32(b[4:]))
		b = b[8:]
	}
	if len(b) >= 4 {
		acc += uint64(binary.BigEndian.Uint32(b))
		b = b[4:]
	}
	if len(b) >= 2 {
		acc += uint64(binary.BigEndian.Uint16(b))
		b = b[2:]
	}
	if len(b) == 1 {
		acc += uint64(b[0]) << 8
	}
	return acc
}

func fold(acc uint64) uint16 {
	for acc > 0xffff {
		acc = acc>>16 + acc&0xffff
	}
	return uint16(acc)
}
