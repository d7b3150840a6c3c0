package explore

import (
	"math"
	"strings"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// Outcome is what a run ended with, the key of an outcome class.
type Outcome struct {
	Final    [2]fsm.State
	Errors   [2]string // connection errors each application got, "none" when none
	Intact   bool      // every byte each side sent reached the other, once
	HalfOpen bool      // one end still holds a synchronized connection the other lost
}

func (o Outcome) String() string { return o.Text(msg.English()) }

// runState is what a finished run says beyond its trace (sim.Runner and
// sim.Sim both do).
type runState interface {
	Pending() int
	Transmissions() int32
	Stopped() *sim.LimitError
}

func resize[T any](v []T, n int) []T {
	if cap(v) < n {
		return make([]T, n)
	}
	v = v[:n]
	clear(v)
	return v
}

// result is one run reduced to what the report needs: no trace is kept.
type result struct {
	drops      []int32 // picks (transmission ID, fault), ascending
	crash      Crash
	crashes    []Crash // crash points below this run (levels only)
	trans      int32   // transmissions the run made
	outcome    Outcome
	closeDur   time.Duration // first CLOSE call to the last end reaching CLOSED (-1: no close)
	end        time.Duration
	violations []violation
	rows       []bool  // fsm rows fired, indexed by Row.ID
	steps      []arcOf // state changes, in order (a few a run: cheaper to fold than arcs)
	retx       int
}

// arcs holds, per side and state change (from, to), the lowest ID of a
// row that made it, 0 if none did: order-free to merge.
type arcs [2][fsm.NumStates][fsm.NumStates]uint16

// arcOf is one state change of a run and the row that made it.
type arcOf struct {
	side     trace.Side
	from, to fsm.State
	row      uint16
}

func (a *arcs) add(side trace.Side, from, to fsm.State, row uint16) {
	p := &a[side][from][to]
	if *p == 0 || row < *p {
		*p = row
	}
}

func (a *arcs) merge(b *arcs) {
	for s := range b {
		for f := range b[s] {
			for t, r := range b[s][f] {
				if r > 0 {
					a.add(trace.Side(s), fsm.State(f), fsm.State(t), r)
				}
			}
		}
	}
}

// analyse reduces a whole trace and checks the invariants on every event.
func analyse(cfg *sim.Config, tr *trace.Trace, r runState, res *result) {
	var a analyser
	a.reset()
	a.read(tr.Events)
	a.finish(cfg, tr, r, res)
}

// analyser reads a run's events in order, as a folding run hands them to
// its observer (sim.RecordSteps) or from a trace, and keeps what the
// report and the checks need of them, so that no trace need be kept: a
// run forked from another starts from a copy of the other's analyser.
type analyser struct {
	counts     sim.Counts // events read, bytes sent and got, retransmissions (as sim counts them)
	closes     [2]bool
	app        [2]uint8      // the record each application holds (trace.Event.Conn; sim/host.go)
	last       [2]trace.Snap // the TCB after its record's latest event, per side
	lastOf     [2][maxPaired]trace.Snap
	has        [2]uint16 // bit c: lastOf[side][c] is set; bit maxPaired: last[side] is
	closeAt    time.Duration
	closedAt   time.Duration
	rows       []bool  // fsm rows fired, indexed by Row.ID
	steps      []arcOf // state changes, in order
	violations []violation
	scan       crashScan     // crash.go
	watch      int32         // a transmission whose send time is wanted (-1: none)
	watchT     time.Duration // when it was sent: MaxInt64 until then, 0 with no watch
}

func (a *analyser) reset() {
	rows, steps, viol := resize(a.rows, len(fsm.Table)), a.steps[:0], a.violations[:0]
	*a = analyser{rows: rows, steps: steps, violations: viol, closeAt: -1, closedAt: -1, watch: -1}
}

// copyFrom makes a the analyser b, keeping a's buffers.
func (a *analyser) copyFrom(b *analyser) {
	rows, steps, viol := a.rows, a.steps, a.violations
	*a = *b
	a.rows = append(rows[:0], b.rows...)
	a.steps = append(steps[:0], b.steps...)
	a.violations = append(viol[:0], b.violations...)
}

// watchFor asks for the time transmission id is sent (id < 0: none).
func (a *analyser) watchFor(id int32) {
	a.watch, a.watchT = id, 0
	if id >= 0 {
		a.watchT = math.MaxInt64
	}
}

func (a *analyser) read(evs []trace.Event) {
	for i := range evs {
		a.event(&evs[i])
	}
}

// event reads one event and checks the invariants that hold after each.
func (a *analyser) event(ev *trace.Event) {
	a.counts.Add(ev)
	n, c := a.counts.Events, &a.counts
	if ev.Kind == trace.KUser || ev.Kind == trace.KState && ev.From == fsm.SynReceived && ev.To == fsm.Established {
		a.app[ev.Side] = ev.Conn
	}
	if ev.Conn == a.app[ev.Side] {
		a.last[ev.Side] = ev.TCB
		a.has[ev.Side] |= 1 << maxPaired
	}
	if ev.Conn < maxPaired {
		a.lastOf[ev.Side][ev.Conn] = ev.TCB
		a.has[ev.Side] |= 1 << ev.Conn
	}
	if ev.Row > 0 && int(ev.Row) < len(a.rows) {
		a.rows[ev.Row] = true
	}
	// RFC 9293 §3.4: SND.UNA =< SND.NXT at all times.
	if !ev.TCB.SndUna.LessEq(ev.TCB.SndNxt) {
		violate(&a.violations, "snd.una", msg.XvViolSndUna, msg.Args{"Una": uint32(ev.TCB.SndUna), "Nxt": uint32(ev.TCB.SndNxt), "T": ev.T, "N": n, "Side": ev.Side.Upper()})
	}
	a.scan.read(ev)
	switch ev.Kind {
	case trace.KUser:
		a.user(ev)
	case trace.KData:
		// Data arrives once and never ahead of what the peer sent.
		if c.Got[ev.Side] > c.Sent[ev.Side.Peer()] {
			violate(&a.violations, "data-ahead", msg.XvViolAhead, msg.Args{"Side": ev.Side.Upper(), "Got": c.Got[ev.Side], "Peer": ev.Side.Peer().Upper(), "Sent": c.Sent[ev.Side.Peer()], "T": ev.T, "N": n})
		}
	case trace.KState:
		if ev.To == fsm.Closed {
			a.closedAt = ev.T
		}
		if ev.To < fsm.NumStates && ev.From < fsm.NumStates {
			a.steps = append(a.steps, arcOf{ev.Side, ev.From, ev.To, max(1, uint16(ev.Row))})
		}
	case trace.KSend:
		if ev.ID == a.watch && a.watchT == math.MaxInt64 {
			a.watchT = ev.T
		}
	}
}

func (a *analyser) user(ev *trace.Event) {
	switch ev.Op {
	case trace.OpClose:
		a.closes[ev.Side] = true
		if a.closeAt < 0 {
			a.closeAt = ev.T
		}
	case trace.OpListen, trace.OpConnect:
		a.closes[ev.Side] = false // the last call decides: a reopened socket may stay open
	}
}

// finish reduces the run, all of whose events a has read, into res, with
// the checks made once it has ended.
func (a *analyser) finish(cfg *sim.Config, tr *trace.Trace, r runState, res *result) {
	res.rows = append(res.rows[:0], a.rows...)
	res.steps = append(res.steps[:0], a.steps...)
	res.violations = append(res.violations[:0], a.violations...)
	res.retx, res.end, res.trans = a.counts.Retx, tr.End, r.Transmissions()
	res.closeDur = -1
	if a.closeAt >= 0 && a.closedAt >= a.closeAt && tr.Final[0] <= fsm.Listen && tr.Final[1] <= fsm.Listen {
		res.closeDur = a.closedAt - a.closeAt
	}
	res.outcome = outcomeOf(tr, a.counts.Sent, a.counts.Got) // lean.go
	if stop := r.Stopped(); stop != nil {
		res.violate("limit", msg.XvViolLimit, msg.Args{"Stop": stop.Error()})
	} else if r.Pending() > 0 && cfg.Until == 0 {
		res.violate("until", msg.XvViolUntil, msg.Args{"Until": sim.DefaultUntil})
	}
	quietAgreement(tr, a.peer(), r.Pending() == 0, res)
	// Both applications' last call was CLOSE and the link loses less than everything:
	// each end reaches CLOSED or is told why not (RFC 9293 §3.10.4, §3.10.8).
	for s := range 2 {
		if a.closes[0] && a.closes[1] && tr.Final[s] > fsm.Listen && len(tr.Errors[s]) == 0 {
			res.violate("stuck "+trace.Side(s).Upper()+tr.Final[s].String(), msg.XvViolStuck, msg.Args{"Side": trace.Side(s).Upper(), "State": tr.Final[s].String()})
		}
	}
}

// maxPaired is how many records per side quietAgreement pairs.
const maxPaired = 8

// peer pairs A's application's record with B's record of the same
// connection (B's ISS is A's IRS and the other way round): with several
// records per side, B's application may hold another connection than A's.
// Otherwise it is each application's record; nil where there is none.
func (a *analyser) peer() [2]*trace.Snap {
	var last [2]*trace.Snap
	for s := range last {
		if a.has[s]&(1<<maxPaired) != 0 {
			last[s] = &a.last[s]
		}
	}
	if last[0] == nil {
		return last
	}
	for c := range a.lastOf[1] {
		if b := &a.lastOf[1][c]; a.has[1]&(1<<c) != 0 && b.ISS == last[0].IRS && b.IRS == last[0].ISS {
			return [2]*trace.Snap{last[0], b}
		}
	}
	return last
}

// quietAgreement: both ESTABLISHED and nothing in flight means each end's
// SND.NXT is the other's RCV.NXT (RFC 9293 §3.4).
func quietAgreement(tr *trace.Trace, last [2]*trace.Snap, quiet bool, res *result) {
	if !quiet || tr.Final[0] != fsm.Established || tr.Final[1] != fsm.Established || last[0] == nil || last[1] == nil {
		return
	}
	a, b := last[0], last[1]
	if a.SndNxt != b.RcvNxt || b.SndNxt != a.RcvNxt || a.SndUna != a.SndNxt || b.SndUna != b.SndNxt {
		res.violate("disagree", msg.XvViolDisagree, msg.Args{"AUna": uint32(a.SndUna), "ANxt": uint32(a.SndNxt), "ARcv": uint32(a.RcvNxt),
			"BUna": uint32(b.SndUna), "BNxt": uint32(b.SndNxt), "BRcv": uint32(b.RcvNxt)})
	}
}

// halfOpen: x keeps a synchronized connection that y no longer has.
func halfOpen(x, y fsm.State) bool {
	return x.Synchronized() && x != fsm.TimeWait && (y == fsm.Closed || y == fsm.Listen || y == fsm.SynSent)
}

func errNames(sigs []fsm.Signal) string {
	if len(sigs) == 0 {
		return "none"
	}
	names := make([]string, len(sigs))
	for i, s := range sigs {
		names[i] = strings.TrimPrefix(s.String(), "connection ")
	}
	return strings.Join(names, "+")
}

// violation is a broken invariant; key groups runs that broke it alike.
// Its words, with the run's figures, are a catalogue entry, so a Chinese
// report gives the figures too.
type violation struct {
	key  string
	id   msg.ID
	args msg.Args
}

func (res *result) violate(key string, id msg.ID, args msg.Args) {
	violate(&res.violations, key, id, args)
}

func violate(vs *[]violation, key string, id msg.ID, args msg.Args) {
	for _, v := range *vs {
		if v.key == key {
			return // the first time says enough
		}
	}
	*vs = append(*vs, violation{key, id, args})
}
