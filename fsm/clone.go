package fsm

import "slices"

// CopyTo makes dst an independent copy of c that reports to env, reusing
// dst's buffers: a simulator snapshots a connection and resumes it later
// (or twice). The user's stream and the out-of-order queue are copied, so
// neither copy sees the other's later writes. (A field added to Conn that
// holds a slice needs copying here too.)
func (c *Conn) CopyTo(dst *Conn, env Env) {
	stream, held := dst.Stream()[:0], dst.held[:0] // never a borrowed buffer: it is the caller's
	*dst = *c
	dst.Env = env
	dst.stream, dst.held, dst.borrowed = nil, nil, false
	if c.stream != nil { // nil means "queued without payload" to the output code
		if stream == nil {
			stream = make([]byte, 0, max(len(c.stream), 64))
		}
		dst.stream = append(stream, c.stream...)
	}
	if c.held != nil {
		dst.held = append(held, c.held...)
	}
	dst.pushed = slices.Clone(c.pushed) // both copies append to it
}

// SnapshotTo is CopyTo for a copy that is read back (by CopyTo) before c
// is next given data to send: the out-of-order queue is copied, but the
// user's stream is shared, since until then nothing writes into the
// bytes it already holds (SEND appends; a new incarnation only shortens
// the slice). This keeps a per-event snapshot cheap for large streams.
func (c *Conn) SnapshotTo(dst *Conn) {
	held := dst.held[:0]
	*dst = *c
	dst.Env = nil
	dst.held = nil
	if c.held != nil {
		dst.held = append(held, c.held...)
	}
}
