package replay

import (
	"fmt"
	"strconv"
	"time"
	"unsafe"

	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// A capture is read one frame at a time: frames of other connections are
// counted and dropped, so the file is never held. What the replay keeps
// (the chosen connection's segments, with their payload, the trace and
// the notes) is bounded by the simulator's run budget (sim.Limits: the
// same defaults and --max-memory / --max-events). Replay infers each
// segment's arrival from what the other side sends later, possibly much
// later, so the chosen connection's segments stay in memory until the
// end; the budget is what bounds them.

// Approximate costs, measured on pure ACKs (two events and two notes a
// segment) and on data segments; the budget counts them rather than
// asking the runtime, so a stop is deterministic.
var (
	packetCost = int64(unsafe.Sizeof(packet{})) + 25 // + sendT, resent, sendEv, next
	eventCost  = int64(unsafe.Sizeof(trace.Event{}))
	noteCost   = int64(unsafe.Sizeof(Note{})) + 280 // + its Args map and English text
	streamCost = int64(96)                          // an entry of the connection index
)

// eventsPerSegment is what reading reserves for a segment's trace events
// (newReplayer's initial capacity).
const eventsPerSegment = 4

// LimitError says which limit of the run budget stopped a replay, where
// in the capture, and how to go on. The trace of what came before is
// still returned (Result.Stop).
type LimitError struct {
	Limit   string        // memory or events, as in sim.Limits
	Value   int64         // the limit: bytes or events
	Frame   int           // the capture frame where the replay stopped
	T       time.Duration // that frame's time since the first frame
	Kept    int           // segments of the connection replayed
	Reading bool          // stopped while reading (else while replaying)
}

func (e *LimitError) Error() string {
	what := "trace events"
	lim := commas(e.Value)
	if e.Limit == "memory" {
		what, lim = "memory", fmt.Sprintf("%d MiB", e.Value>>20)
		if e.Value < 1<<20 {
			lim = commas(e.Value) + " bytes"
		}
	}
	return fmt.Sprintf("stopped at frame %s (t=%s), after %s segments of the connection: the replay reached its %s limit of %s; what came before is replayed. Raise it with --max-%s, or cut the capture (editcap -r FILE OUT 1-%d, or tshark -Y tcp.stream==N)",
		commas(int64(e.Frame)), e.T, commas(int64(e.Kept)), what, lim, e.Limit, max(e.Frame-1, 1))
}

// readBudget counts what reading keeps.
type readBudget struct {
	lim sim.Limits
	mem int64
}

func newReadBudget(l sim.Limits) *readBudget { return &readBudget{lim: l.With(sim.DefaultLimits)} }

// keep accounts for one more segment of the connection, or says why it
// cannot be kept.
func (b *readBudget) keep(c *capture, p *packet) *LimitError {
	cost := packetCost + eventsPerSegment*eventCost + noteCost + int64(len(p.seg.Data))
	if b.mem+cost > b.lim.Memory {
		return b.stop(c, p, "memory", b.lim.Memory)
	}
	if len(c.packets) >= b.lim.Events {
		return b.stop(c, p, "events", int64(b.lim.Events))
	}
	b.mem += cost
	return nil
}

// newStream accounts for one more connection in the index (a scan of
// millions of ports is as many connections), or says why it cannot.
func (b *readBudget) newStream(c *capture, p *packet) *LimitError {
	if b.mem += streamCost; b.mem > b.lim.Memory {
		return b.stop(c, p, "memory", b.lim.Memory)
	}
	return nil
}

func (b *readBudget) stop(c *capture, p *packet, limit string, v int64) *LimitError {
	var t time.Duration
	if len(c.packets) > 0 {
		t = max(p.ts.Sub(c.packets[0].ts), 0)
	}
	return &LimitError{Limit: limit, Value: v, Frame: c.frames, T: t, Kept: len(c.packets), Reading: true}
}

// over reports whether replaying has reached the budget before packet i:
// the trace's events, or the memory of the trace, notes and segments.
func (r *replayer) over(i int) *LimitError {
	if r.lim.Events == 0 {
		return nil
	}
	p := &r.pk[i]
	mem := int64(cap(r.tr.Events))*eventCost + int64(len(r.notes))*noteCost + int64(len(r.pk))*packetCost + r.payload
	stop := &LimitError{Frame: p.frame, T: max(p.ts.Sub(r.t0), 0), Kept: i}
	switch {
	case len(r.tr.Events) >= r.lim.Events:
		stop.Limit, stop.Value = "events", int64(r.lim.Events)
	case mem >= r.lim.Memory:
		stop.Limit, stop.Value = "memory", r.lim.Memory
	default:
		return nil
	}
	return stop
}

func commas(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
