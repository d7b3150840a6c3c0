package sim

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unsafe"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/trace"
)

// Limits is a run's budget: a valid scenario can still make two endpoints
// talk forever (an ACK storm, a duplicating link, a zero delay), and the
// engine stops such a run with a LimitError rather than exhaust memory.
// A zero field takes its value from DefaultLimits.
type Limits struct {
	Events   int           // trace events
	Segments int           // transmissions, duplicates and injected ones included
	InFlight int           // segments on the link at once, and pending events
	Memory   int64         // bytes held by the trace and the event queue
	Time     time.Duration // virtual time a run may reach
}

// DefaultLimits are generous: the largest bundled scenario uses a
// thousandth of them, and a 100,000-byte transfer at MSS 1 (600,000
// events) fits; a run stopped by them peaks near 700 MB of memory in all.
var DefaultLimits = Limits{
	Events:   2_000_000,
	Segments: 1_000_000,
	InFlight: 200_000,
	Memory:   512 << 20,
	Time:     1000 * time.Hour,
}

// With fills the zero fields of l from d.
func (l Limits) With(d Limits) Limits {
	if l.Events <= 0 {
		l.Events = d.Events
	}
	if l.Segments <= 0 {
		l.Segments = d.Segments
	}
	if l.InFlight <= 0 {
		l.InFlight = d.InFlight
	}
	if l.Memory <= 0 {
		l.Memory = d.Memory
	}
	if l.Time <= 0 {
		l.Time = d.Time
	}
	return l
}

// LimitError says which limit stopped a run, when, and what was going on.
type LimitError struct {
	Limit string        // events, segments, in_flight, memory or time (the scenario's key)
	Value int64         // the limit (bytes, a count, or nanoseconds for time)
	At    time.Duration // virtual time when the run stopped
	Done  int           // trace events recorded
	What  string        // what the endpoints were doing, for a person
}

func (e *LimitError) Error() string {
	var b strings.Builder
	switch e.Limit {
	case "time":
		fmt.Fprintf(&b, "stopped at t=%s, the virtual time limit", fmtDur(time.Duration(e.Value)))
	case "memory":
		fmt.Fprintf(&b, "stopped after %s events at t=%s: the trace reached the memory limit of %d MiB", commas(int64(e.Done)), fmtDur(e.At), e.Value>>20)
	case "in_flight":
		fmt.Fprintf(&b, "stopped after %s events at t=%s: %s segments were on the link at once, the limit", commas(int64(e.Done)), fmtDur(e.At), commas(e.Value))
	default:
		fmt.Fprintf(&b, "stopped after %s %s at t=%s, the limit", commas(e.Value), e.Limit, fmtDur(e.At))
	}
	if e.What != "" {
		b.WriteString(": ")
		b.WriteString(e.What)
	}
	fmt.Fprintf(&b, " (raise it with limits: {%s: …} in the scenario)", e.Limit)
	return b.String()
}

// budget watches a run from Run's loop. It reads the trace incrementally,
// so checking costs O(1) per event.
type budget struct {
	lim     Limits
	seen    int // trace events already classified
	stopped *LimitError

	segs, dups, retx [2]int // per sender
	acks             int    // pure ACKs in the current streak
	acksSince        time.Duration
	lastMoved        time.Duration // virtual time when a segment last carried data, SYN, FIN or RST

	pauseAt int  // RunFor: stop for now once the trace holds this many events (0: never)
	paused  bool // the last Run stopped at pauseAt, not at its end

	see func(evs []trace.Event) // Sim.Observe (lean.go)
}

// reserve is room kept in the trace for the events of one step (a step
// that records more still appends; 64 keeps a fresh run small).
const reserve = 64

var (
	eventSize  = int64(unsafe.Sizeof(trace.Event{}))
	itemSize   = int64(unsafe.Sizeof(item{}))
	flightSize = int64(unsafe.Sizeof(flight{}))
)

// over reports whether the run must stop before the next event at next;
// the first time it does, it records why.
func (b *budget) over(s *Sim, next time.Duration) bool {
	if b.stopped != nil {
		return true
	}
	evs := s.trace.Events
	for ; b.seen < len(evs); b.seen++ {
		b.classify(&evs[b.seen])
	}
	if s.folds() {
		s.fold() // lean.go
		evs = s.trace.Events
	}
	rest := int64(cap(s.queue))*itemSize + int64(cap(s.flights))*flightSize
	mem := int64(cap(evs))*eventSize + rest
	if len(evs)+reserve > cap(evs) && len(evs) < b.lim.Events {
		// Grow the trace here, by doubling, so that a long run copies it
		// a few times rather than at every 25% (append's growth), and
		// never past the memory limit.
		n := min(max(2*cap(evs), len(evs)+reserve), b.lim.Events+reserve)
		if mem = int64(n)*eventSize + rest; mem < b.lim.Memory {
			s.trace.Events = append(make([]trace.Event, 0, n), evs...)
			evs = s.trace.Events
		}
	}
	segs := int64(b.segs[trace.A] + b.segs[trace.B] + b.dups[trace.A] + b.dups[trace.B])
	switch {
	case s.recorded() >= b.lim.Events:
		b.stop(s, "events", int64(b.lim.Events))
	case segs >= int64(b.lim.Segments):
		b.stop(s, "segments", int64(b.lim.Segments))
	case len(s.queue) >= b.lim.InFlight:
		b.stop(s, "in_flight", int64(b.lim.InFlight))
	case mem >= b.lim.Memory:
		b.stop(s, "memory", b.lim.Memory)
	case next > b.lim.Time:
		b.stop(s, "time", int64(b.lim.Time))
	}
	if b.stopped == nil && b.pauseAt > 0 && s.recorded() >= b.pauseAt {
		b.paused = true
		return true
	}
	return b.stopped != nil
}

func (b *budget) classify(ev *trace.Event) {
	switch ev.Kind {
	case trace.KSend:
		b.segs[ev.Side]++
		if ev.Reason == fsm.ReasonRetransmit || ev.Reason == fsm.ReasonFastRetransmit {
			b.retx[ev.Side]++
		}
		if ev.Seg.Flags&^fsm.PSH == fsm.ACK && ev.Seg.Len == 0 {
			if b.acks == 0 {
				b.acksSince = ev.T
			}
			b.acks++
		} else {
			b.acks, b.lastMoved = 0, ev.T
		}
	case trace.KDup:
		b.dups[ev.Side]++
	}
}

func (b *budget) stop(s *Sim, limit string, value int64) {
	b.stopped = &LimitError{Limit: limit, Value: value, At: s.now, Done: s.recorded(), What: b.diagnose(s)}
}

// diagnose names the likeliest reason a run went on this long.
func (b *budget) diagnose(s *Sim) string {
	segs := b.segs[trace.A] + b.segs[trace.B]
	dups := b.dups[trace.A] + b.dups[trace.B]
	l := s.links
	also := ""
	if dups > 1000 && dups*20 > segs {
		also = fmt.Sprintf("; the link also duplicated %s of them (duplicate: %g, %g)", approx(dups), l[trace.A].Duplicate, l[trace.B].Duplicate)
	}
	switch {
	case segs > 1000 && b.acks > segs/2:
		return fmt.Sprintf("A and B have exchanged %s ACKs since %s — an ACK storm: each side answers the other's ACK as unacceptable; see RFC 9293 §3.10.7.4 and RFC 5961 §7 (ACK throttling)%s",
			approx(b.acks), fmtDur(b.acksSince), also)
	case dups > 1000 && dups*20 > segs:
		return fmt.Sprintf("the link duplicated %s of %s segments (duplicate: %g, %g); each copy is answered, so traffic grows", approx(dups), approx(segs+dups), l[trace.A].Duplicate, l[trace.B].Duplicate)
	case b.retx[trace.A]+b.retx[trace.B] > segs/2 && segs > 20:
		return fmt.Sprintf("%s of %s segments were retransmissions (loss: %g, %g; retries A %d, B %d)", approx(b.retx[trace.A]+b.retx[trace.B]), approx(segs), l[trace.A].Loss, l[trace.B].Loss, s.cfg.A.Retries, s.cfg.B.Retries)
	case segs > 1000 && s.now < time.Millisecond:
		return fmt.Sprintf("%s segments in the first %s of virtual time (delay: %s, %s): with no delay, time hardly moves", approx(segs), fmtDur(s.now), l[trace.A].Delay, l[trace.B].Delay)
	case segs > 0:
		return fmt.Sprintf("A sent %s segments and B %s; the last with data, SYN, FIN or RST at %s", approx(b.segs[trace.A]), approx(b.segs[trace.B]), fmtDur(b.lastMoved))
	}
	return ""
}

// Stopped says which limit stopped the run, or nil if it ended normally.
func (s *Sim) Stopped() *LimitError { return s.budget.stopped }

// Stopped says which limit stopped the last run, or nil.
func (r *Runner) Stopped() *LimitError { return r.s.Stopped() }

// RunLimited is Run that also says whether a limit stopped the run.
func RunLimited(cfg *Config) (*trace.Trace, *LimitError) {
	s := New(cfg)
	s.Run()
	return &s.trace, s.Stopped()
}

// addTime adds durations, saturating instead of wrapping past the largest
// one: an event so far away simply never happens.
func addTime(a, b time.Duration) time.Duration {
	if b > 0 && a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}

// approx writes a count for a person: 1,234, 56.7k, 1.9M.
func approx(n int) string {
	switch {
	case n >= 999_500:
		return fmt.Sprintf("%.1fM", float64(n)/1e6)
	case n >= 100_000:
		return fmt.Sprintf("%.0fk", float64(n)/1e3)
	}
	return commas(int64(n))
}

func commas(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func fmtDur(d time.Duration) string {
	return fmt.Sprintf("%.3fs", d.Seconds())
}

// ParseSize reads a byte count such as 512MiB, 2GiB, 64KiB or 1000000.
func ParseSize(s string) (int64, error) {
	units := []struct {
		suffix string
		mult   int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"GB", 1e9}, {"MB", 1e6}, {"kB", 1e3}, {"B", 1}, {"", 1}}
	for _, u := range units {
		num, ok := strings.CutSuffix(s, u.suffix)
		if !ok {
			continue
		}
		n, err := strconv.ParseInt(strings.TrimSpace(num), 10, 64)
		if err != nil || n < 1 || strings.ContainsAny(num, "+-") {
			break
		}
		if n > math.MaxInt64/u.mult {
			return 0, fmt.Errorf("size %q is too large", s)
		}
		return n * u.mult, nil
	}
	return 0, fmt.Errorf("expected a size such as 256MiB or 2GiB, got %q", s)
}
