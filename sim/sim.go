package sim

import (
	"github.com/tcpsim/tcpsim/trace"
	"math/rand/v2"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
)

type itemKind uint8

const (
	itemDeliver itemKind = iota
	itemTimer
	itemAction
	itemInject
	itemRead // a periodic read (socket.go)
)

// item is an entry in the event queue, ordered by (at, late, after, seq) so that
// ties never depend on anything but insertion order.
type item struct {
	at    time.Duration
	seq   uint64
	kind  itemKind
	late  bool // Action.Late
	after bool // a timer under Profile.LateTimers: after arrivals and calls at its instant, before late actions
	side  trace.Side
	rec   uint8 // timer, read: the record at side
	timer fsm.Timer
	gen   uint32
	idx   int32 // flight index, action index or fault index
}

type flight struct {
	seg      fsm.Segment
	id       int32
	from     trace.Side
	ports    [2]uint16 // source and destination
	dup      bool
	injected bool
}

// Sim runs one scenario. It is single-threaded and reads no clock: time is
// the virtual Now, advanced by the event queue.
type Sim struct {
	cfg     *Config
	prof    *Profile
	now     time.Duration
	seq     uint64
	queue   []item
	rng     *rand.Rand
	pcg     *rand.PCG
	ep      [2]endpoint   // each side's record 0
	hosts   [2]host       // the other records, the ISN clock, ports (host.go)
	links   [2]LinkConfig // index by sender
	lastArr [2]time.Duration
	flights []flight
	nextID  int32
	matches []int // per fault: matching segments seen
	fired   []bool
	trace   trace.Trace
	budget  budget    // budget.go
	when    whenIndex // timeline.go
	counts  Counts    // RecordOutcome: the events forgotten (lean.go)
	// share.go: with share, the run's draws, and whether it read its
	// seed otherwise (then it cannot be shared)
	share    bool
	seedRead bool
	drawn    []Draw
	lastT    time.Duration // RecordOutcome: the time of the last event forgotten
}

// New prepares a run. It does not start it.
func New(cfg *Config) *Sim {
	s := &Sim{}
	s.reset(cfg)
	return s
}

// reset prepares s for cfg, keeping the memory of any previous run.
func (s *Sim) reset(cfg *Config) {
	s.cfg, s.prof, s.now, s.seq, s.nextID = cfg, cfg.Profile, 0, 0, 0
	if s.prof == nil {
		s.prof = RFC9293
	}
	if s.pcg == nil {
		s.pcg = rand.NewPCG(0, 0)
		s.rng = rand.New(s.pcg)
	}
	seedPCG(s.pcg, cfg.Seed)
	s.drawn, s.seedRead = s.drawn[:0], false
	s.links = [2]LinkConfig{cfg.AtoB, cfg.BtoA}
	s.lastArr = [2]time.Duration{}
	s.queue = s.queue[:0]
	s.flights = s.flights[:0]
	s.matches = resize(s.matches, len(cfg.Faults))
	s.fired = resize(s.fired, len(cfg.Timeline))
	events := s.trace.Events[:0]
	if cap(events) == 0 {
		events = make([]trace.Event, 0, 64)
	}
	s.trace = trace.Trace{Ends: cfg.Ends(), Delay: [2]time.Duration{cfg.AtoB.Delay, cfg.BtoA.Delay}, Events: events}
	s.budget = budget{lim: cfg.Limits.With(DefaultLimits)}
	s.counts, s.lastT = Counts{}, 0
	s.when.build(cfg.Timeline)
	for side := trace.A; side <= trace.B; side++ {
		s.hosts[side] = host{more: s.hosts[side].more[:0]}
		s.ep[side].init(s, side, cfg.endpoint(side), 0)
	}
	for i := range cfg.Timeline {
		if !cfg.Timeline[i].When {
			s.push(item{at: cfg.Timeline[i].At, kind: itemAction, idx: int32(i), late: cfg.Timeline[i].Late})
		}
	}
	for i, f := range cfg.Faults {
		if f.Kind == FaultInject {
			s.push(item{at: f.At, kind: itemInject, idx: int32(i)})
		}
	}
}

func resize[T any](v []T, n int) []T {
	if cap(v) < n {
		return make([]T, n)
	}
	v = v[:n]
	clear(v)
	return v
}

// Run simulates cfg to the end and returns its trace.
func Run(cfg *Config) *trace.Trace {
	s := New(cfg)
	s.Run()
	return &s.trace
}

// Runner runs many configurations, reusing memory between runs. A trace it
// returns is valid until its next Run.
type Runner struct{ s Sim }

// Run simulates cfg and returns its trace.
func (r *Runner) Run(cfg *Config) *trace.Trace {
	r.s.reset(cfg)
	r.s.Run()
	return &r.s.trace
}

// Run processes events until the queue is empty, Until is reached or the
// run's budget is spent (Stopped says which).
func (s *Sim) Run() {
	until := s.cfg.Until
	if until <= 0 {
		until = DefaultUntil
	}
	for len(s.queue) > 0 && s.queue[0].at <= until && !s.budget.over(s, s.queue[0].at) {
		it := s.pop()
		s.now = it.at
		s.dispatch(it)
	}
	s.trace.Final = s.final()
	s.endTrace() // lean.go
}

// Trace returns the trace recorded so far.
func (s *Sim) Trace() *trace.Trace { return &s.trace }

func (s *Sim) dispatch(it item) {
	switch it.kind {
	case itemDeliver:
		s.deliver(&s.flights[it.idx])
	case itemTimer:
		e := s.rec(it.side, it.rec)
		if e.due(&it) { // timers.go
			e.timers[it.timer].armed = false
			e.fire(it.timer)
		}
	case itemAction:
		if !s.waits(it.idx) { // sndbuf.go
			s.act(&s.cfg.Timeline[it.idx])
		}
	case itemInject:
		f := &s.cfg.Faults[it.idx]
		s.inject(f)
	case itemRead:
		s.periodicRead(s.rec(it.side, it.rec))
	}
}

// deliver hands an arriving segment to the record it is for (demux.go).
func (s *Sim) deliver(f *flight) {
	to := f.from.Peer()
	e, own, borrowed := s.demux(to, f.ports)
	if e == nil {
		return // no record left to answer it
	}
	i := e.Next()
	ev := e.Add(trace.KDeliver)
	ev.Seg, ev.ID, ev.Dup, ev.Injected, ev.From = f.seg, f.id, f.dup, f.injected, e.conn.State()
	ev.Ports = s.shownPorts(f.from, f.ports)
	if !s.discardSYN(f.from, &f.seg) { // else silently (address.go)
		r := e.conn.Arrive(f.seg)
		e.Ruled(i, r)
		s.resumeWrite(to) // sndbuf.go: an ACK may free send buffer room
		s.quickSYN(e, r)  // synsent.go
		if e.cfg.Read == ReadPeriodic {
			s.scheduleRead(e)
		}
	}
	if borrowed && e.conn.State() == fsm.Closed {
		e.ports = own // the CLOSED record lent its ports to the answer
	}
}

// shownPorts is what a segment event records of its ports: nothing when
// they are the trace's Ends, as every run with one record per side.
func (s *Sim) shownPorts(from trace.Side, ports [2]uint16) [2]uint16 {
	if ports[0] == s.trace.Ends[from].Port && ports[1] == s.trace.Ends[from.Peer()].Port {
		return [2]uint16{}
	}
	return ports
}

// final is the state of the record each application holds.
func (s *Sim) final() [2]fsm.State {
	return [2]fsm.State{s.app(trace.A).conn.State(), s.app(trace.B).conn.State()}
}

func (s *Sim) act(a *Action) {
	e := s.app(a.Side)
	if a.Op == trace.OpLink && a.Link != nil {
		s.links = *a.Link
	}
	n := uint32(len(a.Data))
	if a.Op == trace.OpRead {
		n = a.N
	}
	var refuse fsm.Signal
	if a.Op == trace.OpConnect && !s.badRemote(a.Side) {
		e, refuse = s.openRecord(a.Side, a.Port) // demux.go
	}
	i := e.User(a.Op, n)
	var r *fsm.Row // the row that answered the call; none for a link change
	switch a.Op {
	case trace.OpListen:
		e.closed = false
		r = e.conn.Open(false)
	case trace.OpConnect:
		if s.badRemote(a.Side) {
			e.Signal(fsm.ErrBadRemote, nil) // address.go
			break
		}
		if refuse != fsm.NoSignal {
			e.Signal(refuse, nil)
			break
		}
		e.ports[1] = s.cfg.endpoint(a.Side.Peer()).Port
		e.isn, e.hasISN = a.ISN, a.HasISN // ISS reads it (endpoint.go)
		r = e.conn.Open(true)
	case trace.OpSend:
		r = e.conn.Send(a.Data, 0)
	case trace.OpClose:
		e.closed = true
		r = e.conn.Close()
	case trace.OpAbort:
		e.closed = true
		r = e.conn.Abort()
	case trace.OpCrash:
		r = s.reboot(a.Side, e)
	case trace.OpShutdown:
		r = e.conn.Shutdown()
	case trace.OpRead, trace.OpStopReading:
		r = s.userRead(a)
	case trace.OpShutRead:
		r = s.shutRead(e)
	}
	e.Ruled(i, r)
}

// record appends a prepared event.
func (s *Sim) record(ev *trace.Event) {
	p := s.rec(ev.Side, ev.Conn).Add(ev.Kind)
	tcb := p.TCB
	*p = *ev
	p.T, p.TCB = s.now, tcb
}

// stateChanged runs conditional actions waiting for this state.
func (s *Sim) stateChanged(side trace.Side, to fsm.State) {
	for _, i := range s.when.waiting(side, to) {
		if a := &s.cfg.Timeline[i]; !s.fired[i] {
			s.fired[i] = true
			s.push(item{at: addTime(s.now, a.After), kind: itemAction, idx: int32(i)})
		}
	}
}

// ---- the link ----

func (s *Sim) faultMatches(f *Fault, from trace.Side, seg *fsm.Segment, state fsm.State) bool {
	if f.From != from {
		return false
	}
	if !f.AnyFlags {
		if f.Contains {
			if !seg.Flags.Has(f.Flags) {
				return false
			}
		} else if seg.Flags&^fsm.PSH != f.Flags&^fsm.PSH {
			return false
		}
	}
	if f.HasState && f.State != state {
		return false
	}
	return f.rangeMatches(seg)
}

// transmit puts a segment on the link from side, deciding its fate now.
// ev is the send event, its segment in ev.Seg: passed by pointer, as an
// Event is large and a lean run makes one per segment.
func (s *Sim) transmit(from trace.Side, ev *trace.Event, ports [2]uint16) {
	id := s.nextID
	s.nextID++
	ev.ID = id
	seg := &ev.Seg
	ev.Ports = s.shownPorts(from, ports)
	link := &s.links[from]
	state := ev.From
	arrive := addTime(s.now, link.Delay)
	if link.Jitter > 0 {
		arrive = addTime(arrive, time.Duration(s.rng.Int64N(int64(link.Jitter)+1)))
	}
	var bits uint8
	if draws(link) {
		bits = draw(s.rng, link) // share.go
		if s.share {
			s.drawn = append(s.drawn, Draw{Link: uint8(from), Bits: bits})
		}
	}
	var drop trace.DropReason
	if bits&1 != 0 {
		drop = trace.DropLoss
	}
	dup, reorder := bits&2 != 0, bits&4 != 0
	for i := range s.cfg.Faults {
		f := &s.cfg.Faults[i]
		switch f.Kind {
		case FaultDropID:
			if f.ID == id {
				drop = trace.DropUser
			}
		case FaultDupID:
			dup = dup || f.ID == id
		case FaultReorderID:
			reorder = reorder || f.ID == id
		case FaultVanish:
			if (f.Both || f.From == from) && s.now >= f.At && (f.Until == 0 || s.now < f.Until) {
				drop = trace.DropFault
			}
		case FaultDrop, FaultHold:
			if ev.Injected || !s.faultMatches(f, from, seg, state) {
				continue
			}
			s.matches[i]++
			nth := f.Nth
			if nth <= 0 {
				nth = 1
			}
			if s.matches[i] != nth {
				continue
			}
			if f.Kind == FaultDrop {
				drop = trace.DropFault
			} else {
				arrive = addTime(arrive, f.For)
				ev.Held = true
			}
		}
	}
	if reorder {
		// Held back by one extra link delay, it lets later segments overtake it.
		arrive = addTime(arrive, addTime(link.Delay, link.Jitter))
		ev.Reorder = true
	} else if !ev.Held && arrive < s.lastArr[from] {
		arrive = s.lastArr[from] // the link keeps order unless told otherwise
	}
	if drop == trace.DropNone && !ev.Reorder && !ev.Held {
		s.lastArr[from] = arrive
	}
	ev.Arrive = arrive
	ev.Lost = drop != trace.DropNone
	s.record(ev)
	if drop != trace.DropNone {
		s.record(&trace.Event{Kind: trace.KDrop, Side: from, Conn: ev.Conn, Ports: ev.Ports, Seg: *seg, ID: id, Drop: drop, Arrive: arrive, From: state})
		return
	}
	s.flights = append(s.flights, flight{seg: *seg, id: id, from: from, ports: ports, injected: ev.Injected})
	s.push(item{at: arrive, kind: itemDeliver, idx: int32(len(s.flights) - 1)})
	if dup {
		extra := addTime(link.Delay/10, time.Microsecond)
		s.record(&trace.Event{Kind: trace.KDup, Side: from, Conn: ev.Conn, Ports: ev.Ports, Seg: *seg, ID: id, Arrive: addTime(arrive, extra), Dup: true, From: state})
		s.flights = append(s.flights, flight{seg: *seg, id: id, from: from, ports: ports, dup: true, injected: ev.Injected})
		s.push(item{at: addTime(arrive, extra), kind: itemDeliver, idx: int32(len(s.flights) - 1)})
	}
}

// inject puts a crafted segment on the link. It appears to come from
// the connection the application at f.From holds, on that connection's
// ports unless the fault names others (Fault.Ports): then it is
// demultiplexed on arrival like any segment (§3.10.7), to whatever
// record those ports find, or to none and the CLOSED rule's RST, which
// goes back on the same stray ports and leaves the connection alone.
func (s *Sim) inject(f *Fault) {
	seg := f.Seg       // its window as written: a zero window is a zero window
	e := s.app(f.From) // it appears to come from the connection the application holds
	ports := e.ports
	for i, p := range f.Ports {
		if p != 0 {
			ports[i] = p
		}
	}
	s.transmit(f.From, &trace.Event{Kind: trace.KSend, Side: f.From, Conn: e.idx, Seg: seg, Injected: true, Reason: fsm.ReasonControl, From: e.conn.State()}, ports)
}

// ---- event queue: a binary heap on (at, late, after, seq) ----

func (s *Sim) push(it item) {
	it.seq = s.seq
	s.seq++
	s.insert(it)
}

// insert adds an item that already has its place in the order (seq).
func (s *Sim) insert(it item) {
	s.queue = append(s.queue, it)
	i := len(s.queue) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !less(&s.queue[i], &s.queue[p]) {
			break
		}
		s.queue[i], s.queue[p] = s.queue[p], s.queue[i]
		i = p
	}
}

func (s *Sim) pop() item {
	q := s.queue
	top := q[0]
	n := len(q) - 1
	q[0] = q[n]
	q = q[:n]
	i := 0
	for {
		l := 2*i + 1
		if l >= n {
			break
		}
		m := l
		if r := l + 1; r < n && less(&q[r], &q[l]) {
			m = r
		}
		if !less(&q[m], &q[i]) {
			break
		}
		q[i], q[m] = q[m], q[i]
		i = m
	}
	s.queue = q
	return top
}

func less(a, b *item) bool {
	if a.at != b.at {
		return a.at < b.at
	}
	if a.late != b.late {
		return b.late // a late action waits for all else at its instant
	}
	if a.after != b.after {
		return b.after
	}
	return a.seq < b.seq
}
