package sim

import (
	"math/rand/v2"
	"sync"
	"time"

	"github.com/tcpsim/tcpsim/trace"
)

// checkpoint is a Sim between two events: enough to resume it in another
// Sim. The trace and the flights only grow during a run, so their lengths
// stand for them; everything else is copied (into reused buffers). A
// folding run (lean.go) is saved just after a fold: its trace holds no
// events then, and its counts stand for those forgotten.
type checkpoint struct {
	now, lastA, lastB time.Duration
	seq               uint64
	nextID            int32
	queue             []item
	ep                [2]endpoint
	more              [2][]endpoint // records 1, ... (host.go)
	hosts             [2]host       // their more is unused: see more
	pcg               rand.PCG
	links             [2]LinkConfig
	nFlights, nEvents int
	nErrors           [2]int
	matches           []int
	fired             []bool
	budget            budget
	counts            Counts
	lastT             time.Duration
}

// checkpoints keeps checkpoints' buffers from run to run.
var checkpoints = sync.Pool{New: func() any { return new(checkpoint) }}

func (s *Sim) save(cp *checkpoint) {
	cp.now, cp.seq, cp.nextID = s.now, s.seq, s.nextID
	cp.queue = append(cp.queue[:0], s.queue...)
	for i := range s.ep {
		saveRecord(&cp.ep[i], &s.ep[i])
		h := s.hosts[i]
		if cap(cp.more[i]) < len(h.more) {
			cp.more[i] = append(cp.more[i][:cap(cp.more[i])], make([]endpoint, len(h.more)-cap(cp.more[i]))...)
		}
		cp.more[i] = cp.more[i][:len(h.more)] // kept, not cleared: saveRecord reuses their buffers
		for j, e := range h.more {
			saveRecord(&cp.more[i][j], e)
		}
		h.more = nil
		cp.hosts[i] = h
	}
	cp.pcg = *s.pcg
	cp.links = s.links
	cp.lastA, cp.lastB = s.lastArr[0], s.lastArr[1]
	cp.nFlights, cp.nEvents = len(s.flights), len(s.trace.Events)
	cp.nErrors = [2]int{len(s.trace.Errors[0]), len(s.trace.Errors[1])}
	cp.matches = append(cp.matches[:0], s.matches...)
	cp.fired = append(cp.fired[:0], s.fired...)
	cp.budget = s.budget
	cp.counts, cp.lastT = s.counts, s.lastT
}

// saveRecord copies record e into c, keeping c's buffers.
func saveRecord(c, e *endpoint) {
	conn := c.conn
	*c = *e
	c.conn = conn
	e.conn.SnapshotTo(&c.conn) // read back before the next SEND
}

// restoreRecord makes e the record c saved, in d.
func (d *Sim) restoreRecord(e, c *endpoint) {
	conn := e.conn
	*e = *c
	e.s = d
	// the endpoint points into its Sim: rewire every such pointer
	e.Recorder = trace.Recorder{Trace: &d.trace, Side: e.side, Rec: e.idx, Conn: &e.conn, Now: &d.now, NoSnap: d.lean()}
	e.conn = conn
	c.conn.CopyTo(&e.conn, e)
}

// restore makes d the Sim from which cp was saved (src holds the trace and
// flights cp counts), running cfg: src's configuration with faults added
// at the end.
func (d *Sim) restore(src *Sim, cp *checkpoint, cfg *Config) {
	d.cfg, d.prof = cfg, src.prof
	d.now, d.seq, d.nextID = cp.now, cp.seq, cp.nextID
	d.queue = append(d.queue[:0], cp.queue...)
	if d.pcg == nil {
		d.pcg = rand.NewPCG(0, 0)
		d.rng = rand.New(d.pcg)
	}
	*d.pcg = cp.pcg
	d.links = cp.links
	d.lastArr = [2]time.Duration{cp.lastA, cp.lastB}
	d.flights = append(d.flights[:0], src.flights[:cp.nFlights]...)
	d.matches = resize(d.matches, len(cfg.Faults))
	copy(d.matches, cp.matches)
	d.fired = resize(d.fired, len(cfg.Timeline)) // cfg may add steps: not fired yet
	copy(d.fired, cp.fired)
	evs := append(d.trace.Events[:0], src.trace.Events[:cp.nEvents]...)
	errs := d.trace.Errors
	for i := range errs {
		errs[i] = append(errs[i][:0], src.trace.Errors[i][:cp.nErrors[i]]...)
	}
	d.trace = trace.Trace{Ends: src.trace.Ends, Delay: src.trace.Delay, Events: evs, Errors: errs}
	d.budget = cp.budget
	d.budget.see = nil // src's observer: the caller observes d's run (Sim.Observe)
	d.counts, d.lastT = cp.counts, cp.lastT
	d.when.build(cfg.Timeline) // cfg may add steps to src's timeline
	for i := range d.ep {
		d.restoreRecord(&d.ep[i], &cp.ep[i])
		more := d.hosts[i].more[:0]
		for j := range cp.more[i] {
			var e *endpoint
			if j < cap(more) && more[:j+1][j] != nil {
				e = more[:j+1][j]
			} else {
				e = new(endpoint)
			}
			d.restoreRecord(e, &cp.more[i][j])
			more = append(more, e)
		}
		d.hosts[i] = cp.hosts[i]
		d.hosts[i].more = more
	}
	d.pushNewSteps(src, cfg) // forkstep.go
}

// Fork is handed to RunForking's callback after an event that put
// transmissions on the link: it makes child the Sim as it was just
// before that event, to run cfg (the same configuration with faults
// appended, say a FaultDropID for one of those transmissions).
type Fork func(child *Sim, cfg *Config)

// RunForking is Run that, after each event that transmitted segments with
// IDs from..., calls branch with their range and a Fork. A caller
// exploring every loss pattern runs the other branch from the Fork at
// once, rather than rerunning the shared prefix from the start.
func (s *Sim) RunForking(from int32, branch func(lo, hi int32, fork Fork)) {
	s.RunForkingInstants(from, branch, nil) // forkstep.go
}

// Reset prepares s to run cfg from the start (for RunForking).
func (s *Sim) Reset(cfg *Config) { s.reset(cfg) }

// Pending is the number of events still queued: 0 means the run ended on
// its own, not at Until or a limit.
func (s *Sim) Pending() int { return len(s.queue) }

// Transmissions is the number of transmission IDs the run has used.
func (s *Sim) Transmissions() int32 { return s.nextID }
