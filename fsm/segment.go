package fsm

import (
	"strconv"
	"strings"
)

// Flags are the TCP control bits tcpsim models, with their header bit values.
type Flags uint8

const (
	FIN Flags = 0x01
	SYN Flags = 0x02
	RST Flags = 0x04
	PSH Flags = 0x08
	ACK Flags = 0x10
)

// flagOrder is the order Wireshark prints flags in, so "SYN,ACK" and
// "FIN,PSH,ACK" read the same in tcpsim and in a capture.
var flagOrder = [...]struct {
	f    Flags
	name string
}{{SYN, "SYN"}, {FIN, "FIN"}, {RST, "RST"}, {PSH, "PSH"}, {ACK, "ACK"}}

// Has reports whether every flag in g is set.
func (f Flags) Has(g Flags) bool { return f&g == g }

func (f Flags) String() string {
	if f == 0 {
		return "none"
	}
	var b strings.Builder
	for _, o := range flagOrder {
		if f&o.f != 0 {
			if b.Len() > 0 {
				b.WriteByte(',')
			}
			b.WriteString(o.name)
		}
	}
	return b.String()
}

// ParseFlag reads one flag name (case-insensitive).
func ParseFlag(name string) (Flags, bool) {
	for _, o := range flagOrder {
		if strings.EqualFold(o.name, name) {
			return o.f, true
		}
	}
	return 0, false
}

// Options are the TCP options other than MSS that a segment carries. The
// state machine only negotiates them; a capture writer fills in values.
type Options uint8

const (
	OptSACKPerm   Options = 1 << iota // SACK permitted (RFC 2018), SYNs only
	OptTimestamps                     // timestamps (RFC 7323)
	OptWScale                         // window scale (RFC 7323), SYNs only
)

// Segment is the part of a TCP segment the state machine reads and writes.
type Segment struct {
	Seq    Seq
	Ack    Seq // meaningful only with ACK set
	Flags  Flags
	Wnd    uint16
	MSS    uint16 // MSS option; 0 when absent
	Opts   Options
	WScale uint8  // window scale shift, with OptWScale
	Len    uint32 // payload bytes
	Data   []byte // payload, when the sender tracks bytes; len(Data) == Len or nil
}

// SegLen is RFC 9293's SEG.LEN: payload plus one for SYN and one for FIN.
func (s *Segment) SegLen() uint32 {
	n := s.Len
	if s.Flags&SYN != 0 {
		n++
	}
	if s.Flags&FIN != 0 {
		n++
	}
	return n
}

// String renders the segment as the RFC figures do:
// <SEQ=100><ACK=301><CTL=SYN,ACK>, plus <DATA=n> when it carries payload.
func (s Segment) String() string {
	var b strings.Builder
	b.WriteString("<SEQ=")
	b.WriteString(strconv.FormatUint(uint64(s.Seq), 10))
	b.WriteByte('>')
	if s.Flags&ACK != 0 {
		b.WriteString("<ACK=")
		b.WriteString(strconv.FormatUint(uint64(s.Ack), 10))
		b.WriteByte('>')
	}
	b.WriteString("<CTL=")
	b.WriteString(s.Flags.String())
	b.WriteByte('>')
	if s.Len > 0 {
		b.WriteString("<DATA=")
		b.WriteString(strconv.FormatUint(uint64(s.Len), 10))
		b.WriteByte('>')
	}
	return b.String()
}
