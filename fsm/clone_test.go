package fsm

import (
	"bytes"
	"testing"
)

// A SEND keeps the caller's buffer (borrowed), and nothing ever writes
// into it: not a later SEND, not a copy made into a connection that had
// borrowed the same buffer, not a new incarnation reusing its stream.
// (A copy into such a connection once appended into the caller's data,
// which explore's workers share: the race detector found it.)
func TestBorrowedStreamIsNeverWritten(t *testing.T) {
	data := bytes.Repeat([]byte("abcdefgh"), 100)
	orig := bytes.Clone(data)
	c, _ := newConn()
	c.Open(true)
	c.Arrive(Segment{Seq: remoteISS, Ack: localISS + 1, Flags: SYN | ACK, Wnd: 64000, MSS: 1460})
	c.Send(data[:300], 0)
	if !c.borrowed || &c.stream[0] != &data[0] {
		t.Fatal("the first SEND copied its buffer")
	}
	other, _ := newConn()
	other.Open(true)
	other.Send(data[:10], 0) // borrows the same bytes
	mine, _ := newConn()
	mine.Open(true)
	mine.Send([]byte("zz"), 0) // fits in what other borrowed
	mine.CopyTo(other, nil)    // into the connection that borrowed data
	c.Send([]byte("XYZ"), 0)
	if c.borrowed || !bytes.Equal(c.stream[:300], orig[:300]) || string(c.stream[300:]) != "XYZ" {
		t.Errorf("a second SEND: borrowed %v, stream %q…", c.borrowed, c.stream[290:])
	}
	c.reset()
	c.Send([]byte("new incarnation"), 0)
	if !bytes.Equal(data, orig) {
		t.Fatalf("the caller's buffer was written into: %q", data[:40])
	}
}
