package trace

import "github.com/tcpsim/tcpsim/fsm"

// Index holds the facts every reader of a trace derives from more than one
// event: which events belong to one transmission, where each step of the
// run begins, and each endpoint's state around every event. It is built
// once per trace (Trace.Index) in one pass and only read afterwards, so
// the ladder, the captures, the lab and the notes agree by construction.
//
// A transmission is named by its ID, the segment number every view shows
// (JSON Lines "id", pcapng "tcpsim #", the lab's "Segment #").
type Index struct {
	tr *Trace

	// by transmission ID; -1 where there is none
	send   []int32 // its KSend
	arrive []int32 // its first arrival (not the link's extra copy)
	dup    []int32 // the arrival of the link's extra copy
	drop   []int32 // its KDrop
	copy   []int32 // the link's KDup making an extra copy

	// by event
	step   []int32        // first event of the step the event belongs to (-1: none yet)
	before []fsm.State    // the event's endpoint's state when its step began
	after  []fsm.State    // the event's endpoint's state when its step ended
	states [][2]fsm.State // both endpoints' states after the event
	last   [][2]int32     // per side, the latest event of that side at or before this one (-1)

	conns Conns // each side's connection records (conns.go)
}

// Conns is each side's connection records, learnt once with the index.
func (ix *Index) Conns() *Conns { return &ix.conns }

// Index returns the trace's index, building it on first use. The first
// call writes the trace: make it before sharing a trace between goroutines.
func (tr *Trace) Index() *Index {
	if tr.index == nil || tr.index.tr != tr || len(tr.index.step) != len(tr.Events) {
		tr.index = newIndex(tr)
	}
	return tr.index
}

// StepStart reports whether an event begins a step: what the simulator
// (or replay) does for one stimulus — a user call, an arrival, a timer, an
// injection. The step's other events (state changes, sends) belong to the
// same endpoint, so its "before" and "after" states are that endpoint's
// states around it.
func StepStart(ev *Event) bool {
	switch ev.Kind {
	case KUser, KDeliver:
		return true
	case KTimer:
		return ev.TimerEv == TimerFired
	case KSend:
		return ev.Injected
	}
	return false
}

func newIndex(tr *Trace) *Index {
	evs := tr.Events
	n := len(evs)
	var maxID int32 = -1
	for i := range evs {
		maxID = max(maxID, evs[i].ID)
	}
	ix := &Index{tr: tr,
		send: fill(int(maxID) + 1), arrive: fill(int(maxID) + 1), dup: fill(int(maxID) + 1), drop: fill(int(maxID) + 1), copy: fill(int(maxID) + 1),
		step: make([]int32, n), before: make([]fsm.State, n), after: make([]fsm.State, n),
		states: make([][2]fsm.State, n), last: make([][2]int32, n),
		conns: ConnsOf(tr),
	}
	var rs records
	start := int32(-1)
	for i := range evs {
		ev := &evs[i]
		if StepStart(ev) {
			ix.closeStep(start, int32(i), &rs)
			start = int32(i)
		}
		ix.step[i] = start
		ix.before[i] = *rs.state(ev.Side, ev.Conn)
		if start >= 0 && evs[start].Side == ev.Side && evs[start].Conn == ev.Conn {
			ix.before[i] = ix.before[start]
		}
		rs.seen(ev, int32(i))
		switch id := ev.ID; ev.Kind {
		case KState:
		case KSend:
			setOnce(ix.send, id, i)
		case KDrop:
			setOnce(ix.drop, id, i)
		case KDup:
			setOnce(ix.copy, id, i)
		case KDeliver:
			if ev.Dup {
				setOnce(ix.dup, id, i)
			} else {
				setOnce(ix.arrive, id, i)
			}
		}
		ix.states[i], ix.last[i] = rs.app()
	}
	ix.closeStep(start, int32(n), &rs)
	return ix
}

// closeStep records the state each event of the step [start, end) left
// its connection record in.
func (ix *Index) closeStep(start, end int32, rs *records) {
	if start < 0 {
		return
	}
	evs := ix.tr.Events
	side := evs[start].Side
	for j := start; j < end; j++ {
		if evs[j].Side == side {
			ix.after[j] = *rs.state(side, evs[j].Conn)
		}
	}
}

// records follows each side's connection records (Event.Conn) through a
// trace: a side's state, and its TCB, are those of the record its
// application holds: the one its latest call addressed, or the latest it
// accepted (SYN-RECEIVED → ESTABLISHED), as the simulator's host does. A
// trace with one record per side has only record 0.
type records struct {
	st   [2][]fsm.State
	last [2][]int32 // the record's latest event
	cur  [2]uint8
}

func (rs *records) grow(s Side, c uint8) {
	for len(rs.st[s]) <= int(c) {
		rs.st[s] = append(rs.st[s], fsm.Closed)
		rs.last[s] = append(rs.last[s], -1)
	}
}

// state is record c of side s's state.
func (rs *records) state(s Side, c uint8) *fsm.State {
	rs.grow(s, c)
	return &rs.st[s][c]
}

// seen follows event i.
func (rs *records) seen(ev *Event, i int32) {
	if ev.Side > B {
		return
	}
	s, c := ev.Side, ev.Conn
	rs.grow(s, c)
	rs.last[s][c] = i
	switch ev.Kind {
	case KUser:
		rs.cur[s] = c
	case KState:
		rs.st[s][c] = ev.To
		if ev.From == fsm.SynReceived && ev.To == fsm.Established {
			rs.cur[s] = c
		}
	}
}

// app is each side's state and latest event: its application's record's.
func (rs *records) app() (st [2]fsm.State, last [2]int32) {
	for s := A; s <= B; s++ {
		st[s], last[s] = fsm.Closed, -1
		if c := rs.cur[s]; int(c) < len(rs.st[s]) {
			st[s], last[s] = rs.st[s][c], rs.last[s][c]
		}
	}
	return st, last
}

func fill(n int) []int32 {
	s := make([]int32, n)
	for i := range s {
		s[i] = -1
	}
	return s
}

func setOnce(by []int32, id int32, i int) {
	if id >= 0 && int(id) < len(by) && by[id] < 0 {
		by[id] = int32(i)
	}
}

func at(by []int32, id int32) int {
	if id < 0 || int(id) >= len(by) {
		return -1
	}
	return int(by[id])
}

// Send is the index of transmission id's KSend event, or -1.
func (ix *Index) Send(id int32) int { return at(ix.send, id) }

// Arrival is the index of transmission id's first arrival (not the link's
// extra copy), or -1 if it never arrives.
func (ix *Index) Arrival(id int32) int { return at(ix.arrive, id) }

// DupArrival is the index of the arrival of the link's extra copy of
// transmission id, or -1.
func (ix *Index) DupArrival(id int32) int { return at(ix.dup, id) }

// Copy is the index of the KDup event by which the link duplicated
// transmission id, or -1.
func (ix *Index) Copy(id int32) int { return at(ix.copy, id) }

// Drop is why transmission id was lost (DropNone if it was not).
func (ix *Index) Drop(id int32) DropReason {
	if d := at(ix.drop, id); d >= 0 {
		return ix.tr.Events[d].Drop
	}
	if s := at(ix.send, id); s >= 0 && ix.tr.Events[s].Lost {
		return DropLoss
	}
	return DropNone
}

// Step is the index of the first event of event i's step, or -1 when i
// comes before any stimulus.
func (ix *Index) Step(i int) int { return int(ix.step[i]) }

// StepStates are event i's endpoint's states when its step began and ended.
func (ix *Index) StepStates(i int) (before, after fsm.State) { return ix.before[i], ix.after[i] }

// StateAfter is side's state once event i has happened (i < 0: CLOSED).
func (ix *Index) StateAfter(i int, side Side) fsm.State {
	if i < 0 {
		return fsm.Closed
	}
	return ix.states[i][side]
}

// StateBefore is side's state just before event i.
func (ix *Index) StateBefore(i int, side Side) fsm.State { return ix.StateAfter(i-1, side) }

// TCBAfter is side's TCB once event i has happened: the snapshot of its
// latest event. ok is false before side's first event.
func (ix *Index) TCBAfter(i int, side Side) (tcb Snap, ok bool) {
	if i < 0 {
		return Snap{}, false
	}
	j := ix.last[i][side]
	if j < 0 {
		return Snap{}, false
	}
	return ix.tr.Events[j].TCB, true
}

// TCBBefore is side's TCB just before event i.
func (ix *Index) TCBBefore(i int, side Side) (Snap, bool) { return ix.TCBAfter(i-1, side) }
