package pcap

import "encoding/binary"

// pcapng block and option codes (draft-ietf-opsawg-pcapng §4.3, §3.5).
const (
	blockEPB      = 6
	optEndOfOpt   = 0
	optComment    = 1
	maxCommentLen = 0xffff // the option's length field is 16 bits
)

// epb writes one Enhanced Packet Block on interface 0, with the comment
// (if any) as its one option, the same bytes pcapgo's NgWriter writes.
// pcapgo builds an option list per packet (four allocations); this
// writes straight into the buffer.
func (wr *Writer) epb(tsNanos int64, data, comment []byte) error {
	if len(comment) > maxCommentLen {
		comment = comment[:maxCommentLen]
	}
	optLen := 0
	if len(comment) > 0 {
		optLen = 4 + pad4(len(comment)) + 4 // comment, end of options
	}
	total := 28 + pad4(len(data)) + optLen + 4
	le := binary.LittleEndian
	b := wr.block[:0]
	b = le.AppendUint32(b, blockEPB)
	b = le.AppendUint32(b, uint32(total))
	b = le.AppendUint32(b, 0) // interface
	b = le.AppendUint32(b, uint32(uint64(tsNanos)>>32))
	b = le.AppendUint32(b, uint32(tsNanos))
	b = le.AppendUint32(b, uint32(len(data)))
	b = le.AppendUint32(b, uint32(len(data)))
	b = append(b, data...)
	b = append(b, zeros[:pad4(len(data))-len(data)]...)
	if len(comment) > 0 {
		b = le.AppendUint16(b, optComment)
		b = le.AppendUint16(b, uint16(len(comment)))
		b = append(b, comment...)
		b = append(b, zeros[:pad4(len(comment))-len(comment)]...)
		b = le.AppendUint32(b, optEndOfOpt)
	}
	b = le.AppendUint32(b, uint32(total))
	wr.block = b // one Write per packet: the block is built in a reused buffer
	_, err := wr.bw.Write(b)
	return err
}

var zeros [4]byte

// pad4 rounds n up to a multiple of four.
func pad4(n int) int { return (n + 3) &^ 3 }
