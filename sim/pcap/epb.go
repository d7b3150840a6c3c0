package pcap

import (
	"encoding/binary"
	"io"
)

// pcapng block and option codes (draft-ietf-opsawg-pcapng §4.3, §3.5).
const (
	blockEPB      = 6
	optEndOfOpt   = 0
	optComment    = 1
	maxCommentLen = 0xffff // the option's length field is 16 bits
	epbHeadLen    = 28     // type, length, interface, timestamp, two lengths
)

// epbHead is an Enhanced Packet Block's header on interface 0 with the
// lengths and timestamp left zero; writeEPB fills them in.
var epbHead = [epbHeadLen]byte{blockEPB}

// commentHead is the comment option's code; its 16-bit length follows.
var commentHead = [4]byte{optComment}

// ngOut collects pcapng blocks in one buffer. Each block is built in place
// (header, frame, comment, trailer appended to the buffer, lengths patched
// afterwards), so a packet's bytes are copied once, when they are made;
// the buffer goes to the underlying writer in large pieces.
type ngOut struct {
	w   io.Writer
	out []byte
	err error // the first write error: nothing is written after it
}

// ngFlushAt is how full the buffer gets before it is written out.
const ngFlushAt = 64 << 10

func (o *ngOut) flushOut() error {
	if o.err == nil && len(o.out) > 0 {
		_, o.err = o.w.Write(o.out)
	}
	o.out = o.out[:0]
	return o.err
}

// writeEPB appends one Enhanced Packet Block, the same bytes pcapgo's
// NgWriter writes (TestEPBSameBytesAsPcapgo): the frame, then the comment
// as the one option, from ann (event ev) when given, else p.Comment.
func (wr *Writer) writeEPB(p *Packet, ann *annotator, ev int) error {
	if wr.err != nil {
		return wr.err
	}
	if wr.out == nil {
		wr.out = make([]byte, 0, ngFlushAt+4<<10)
	}
	start := len(wr.out)
	b := append(wr.out, epbHead[:]...)
	b, err := wr.appendFrame(b, p)
	if err != nil {
		wr.out = b[:start]
		return err
	}
	b = endFrame(b, start, wr.epochNs+int64(p.T))
	opt := len(b)
	b = append(b, commentHead[:]...)
	if ann != nil {
		b = ann.appendComment(b, ev)
	} else {
		b = append(b, p.Comment...)
	}
	wr.out = endEPB(b, start, opt)
	if len(wr.out) >= ngFlushAt {
		return wr.flushOut()
	}
	return nil
}

// endFrame fills in the timestamp and lengths of the block begun at start
// with epbHead and pads the frame that follows the header.
func endFrame(b []byte, start int, tsNanos int64) []byte {
	le := binary.LittleEndian
	n := len(b) - start - epbHeadLen
	h := b[start:]
	le.PutUint32(h[12:], uint32(uint64(tsNanos)>>32))
	le.PutUint32(h[16:], uint32(tsNanos))
	le.PutUint32(h[20:], uint32(n))
	le.PutUint32(h[24:], uint32(n))
	return append(b, zeros[:pad4(n)-n]...)
}

// endEPB finishes the block begun at start: the comment option begun at
// opt (commentHead, then the text) is cut to what its length field holds
// and padded, or dropped when empty; then the end of options and the
// block's total length, at both ends.
func endEPB(b []byte, start, opt int) []byte {
	le := binary.LittleEndian
	c := len(b) - opt - len(commentHead)
	switch {
	case c == 0:
		b = b[:opt]
	default:
		if c > maxCommentLen {
			c = maxCommentLen
			b = b[:opt+len(commentHead)+c]
		}
		le.PutUint16(b[opt+2:], uint16(c))
		b = append(b, zeros[:pad4(c)-c]...)
		b = append(b, zeros[:]...) // end of options: code 0, length 0
	}
	total := len(b) + 4 - start
	le.PutUint32(b[start+4:], uint32(total))
	return le.AppendUint32(b, uint32(total))
}

var zeros [4]byte

// pad4 rounds n up to a multiple of four.
func pad4(n int) int { return (n + 3) &^ 3 }
