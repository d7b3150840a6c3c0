package fsm

// Seq is a 32-bit TCP sequence number. Comparisons are modular (RFC 9293
// §3.4): a < b when the signed distance from a to b is positive, so the
// order is correct across wraparound as long as the two numbers are less
// than 2^31 apart, which a window always is.
//
//	      SND.UNA    SND.NXT    SND.UNA+SND.WND
//	---------|----------|-------------|----------
//	 acked   | in flight|  may send   | beyond window
type Seq uint32

// Add returns s advanced by n bytes of sequence space.
func (s Seq) Add(n uint32) Seq { return s + Seq(n) }

// Sub returns the signed distance s - t.
func (s Seq) Sub(t Seq) int32 { return int32(s - t) }

// LessThan reports s < t modulo 2^32.
func (s Seq) LessThan(t Seq) bool { return int32(s-t) < 0 }

// LessEq reports s =< t modulo 2^32.
func (s Seq) LessEq(t Seq) bool { return int32(s-t) <= 0 }

// InWindow reports start =< s < start+size.
func (s Seq) InWindow(start Seq, size uint32) bool {
	return uint32(s-start) < size
}
