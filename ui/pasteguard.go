package ui

import (
	"bytes"
	"os"
	"time"
)

// The terminal reader of Bubble Tea takes everything after a paste-start
// sequence (ESC [200~) as pasted text until a paste-end (ESC [201~): a
// stray start, from a broken terminal or a pasted escape sequence, would
// swallow every key, q and Ctrl-C included, and grow without bound.
// pasteGuard sits between the terminal and that reader and ends a paste
// itself when the paste goes quiet (a human typing, not a terminal
// pasting) or grows past maxPaste, discarding the rest of it. It also
// brackets a burst of plain text, a paste from a terminal that does not
// bracket it.
var (
	pasteStart = []byte("\x1b[200~")
	pasteEnd   = []byte("\x1b[201~")
)

const (
	maxPaste   = 64 << 10               // bytes of one paste passed on
	pasteQuiet = 300 * time.Millisecond // a pause longer than this ends a paste
	burst      = 16                     // plain text this long in one read is a paste
)

// plainText tells a read that can only be pasted text: long, and nothing
// but printable characters and line breaks (no escape sequence, no
// control key such as Ctrl-C).
func plainText(b []byte) bool {
	if len(b) < burst {
		return false
	}
	for _, c := range b {
		if (c < ' ' && c != '\n' && c != '\r' && c != '\t') || c == 0x7f {
			return false
		}
	}
	return true
}

// pasteFilter is the guard's state, apart from the file, so that it can
// be tested with any bytes and clock.
type pasteFilter struct {
	in      bool // between a start and its end
	drop    bool // past maxPaste: discarding until the real end
	n       int  // bytes passed on in this paste
	last    time.Time
	pending []byte
}

// filter turns what the terminal sent at now into what the reader sees.
func (f *pasteFilter) filter(chunk []byte, now time.Time) []byte {
	var out []byte
	if f.in && now.Sub(f.last) > pasteQuiet {
		out = append(out, pasteEnd...) // the paste went quiet: a key, not a paste
		f.in, f.drop = false, false
	}
	f.last = now
	if !f.in && plainText(chunk) {
		// A terminal without bracketed paste sends a paste as keys: made
		// one paste event here, it is never a stream of commands, and a
		// megabyte costs a few hundred events, not a million.
		out = append(out, pasteStart...)
		out = append(out, chunk[:min(len(chunk), maxPaste)]...)
		return append(out, pasteEnd...)
	}
	for len(chunk) > 0 {
		if !f.in {
			i := bytes.Index(chunk, pasteStart)
			if i < 0 {
				return append(out, chunk...)
			}
			out = append(out, chunk[:i+len(pasteStart)]...)
			chunk = chunk[i+len(pasteStart):]
			f.in, f.drop, f.n = true, false, 0
			continue
		}
		i := bytes.Index(chunk, pasteEnd)
		body := chunk
		if i >= 0 {
			body = chunk[:i]
		}
		if !f.drop {
			take := min(len(body), maxPaste-f.n)
			out = append(out, body[:take]...)
			f.n += take
			if take < len(body) {
				out = append(out, pasteEnd...) // bounded: the paste ends here
				f.drop = true
			}
		}
		if i < 0 {
			return out
		}
		if !f.drop {
			out = append(out, pasteEnd...)
		}
		f.in, f.drop = false, false
		chunk = chunk[i+len(pasteEnd):]
	}
	return out
}

// pasteGuard is the terminal's input file with the filter on its reads;
// it keeps the file's descriptor, so raw mode and cancelable reads work.
type pasteGuard struct {
	*os.File
	f pasteFilter
}

func (g *pasteGuard) Read(p []byte) (int, error) {
	for len(g.f.pending) == 0 {
		n, err := g.File.Read(p)
		if n > 0 {
			g.f.pending = g.f.filter(p[:n], time.Now())
		}
		if err != nil && len(g.f.pending) == 0 {
			return 0, err
		}
		if n == 0 && err == nil {
			return 0, nil
		}
	}
	n := copy(p, g.f.pending)
	g.f.pending = g.f.pending[n:]
	return n, nil
}
