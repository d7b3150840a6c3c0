package explore

import (
	"fmt"
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

// analyse reduces a trace and checks the invariants on every event.
func analyse(cfg *sim.Config, tr *trace.Trace, r runState, res *result) {
	res.rows = resize(res.rows, len(fsm.Table))
	res.violations, res.retx = res.violations[:0], 0
	var sent, got [2]uint64
	var closes [2]bool
	var last [2]*trace.Event
	var app [2]uint8                      // the record each application holds (trace.Event.Conn; sim/host.go)
	var lastOf [2][maxPaired]*trace.Event // each record's latest event, for quietAgreement
	res.steps = res.steps[:0]
	closeAt, closedAt := time.Duration(-1), time.Duration(-1)
	for i := range tr.Events {
		ev := &tr.Events[i]
		if ev.Kind == trace.KUser || ev.Kind == trace.KState && ev.From == fsm.SynReceived && ev.To == fsm.Established {
			app[ev.Side] = ev.Conn
		}
		if ev.Conn == app[ev.Side] {
			last[ev.Side] = ev
		}
		if ev.Conn < maxPaired {
			lastOf[ev.Side][ev.Conn] = ev
		}
		if ev.Row > 0 && int(ev.Row) < len(res.rows) {
			res.rows[ev.Row] = true
		}
		// RFC 9293 §3.4: SND.UNA =< SND.NXT at all times.
		if !ev.TCB.SndUna.LessEq(ev.TCB.SndNxt) {
			res.violate("snd.una", "SND.UNA %d > SND.NXT %d at %s (event %d, %s)", ev.TCB.SndUna, ev.TCB.SndNxt, ev.T, i+1, ev.Side.Upper())
		}
		switch ev.Kind {
		case trace.KUser:
			if ev.Op == trace.OpSend {
				sent[ev.Side] += uint64(ev.N)
			}
			switch ev.Op {
			case trace.OpClose:
				closes[ev.Side] = true
				if closeAt < 0 {
					closeAt = ev.T
				}
			case trace.OpListen, trace.OpConnect:
				closes[ev.Side] = false // the last call decides: a reopened socket may stay open
			}
		case trace.KData:
			got[ev.Side] += uint64(ev.N)
			// Data arrives once and never ahead of what the peer sent.
			if got[ev.Side] > sent[ev.Side.Peer()] {
				res.violate("data-ahead", "%s received %d bytes but %s sent only %d (t=%s, event %d)", ev.Side.Upper(), got[ev.Side], ev.Side.Peer().Upper(), sent[ev.Side.Peer()], ev.T, i+1)
			}
		case trace.KState:
			if ev.To == fsm.Closed {
				closedAt = ev.T
			}
			if ev.To < fsm.NumStates && ev.From < fsm.NumStates {
				res.steps = append(res.steps, arcOf{ev.Side, ev.From, ev.To, max(1, uint16(ev.Row))})
			}
		case trace.KSend:
			if ev.Reason == fsm.ReasonRetransmit {
				res.retx++
			}
		}
	}
	res.end = tr.End
	res.trans = r.Transmissions()
	res.closeDur = -1
	if closeAt >= 0 && closedAt >= closeAt && tr.Final[0] <= fsm.Listen && tr.Final[1] <= fsm.Listen {
		res.closeDur = closedAt - closeAt
	}
	res.outcome = outcomeOf(tr, sent, got) // lean.go
	if stop := r.Stopped(); stop != nil {
		res.violate("limit", "the run did not end: %v", stop)
	} else if r.Pending() > 0 && cfg.Until == 0 {
		res.violate("until", "the run did not end by %s of virtual time", sim.DefaultUntil)
	}
	quietAgreement(tr, peerOf(last, &lastOf), r.Pending() == 0, res)
	// Both applications' last call was CLOSE and the link loses less than everything:
	// each end reaches CLOSED or is told why not (RFC 9293 §3.10.4, §3.10.8).
	for s := range 2 {
		if closes[0] && closes[1] && tr.Final[s] > fsm.Listen && len(tr.Errors[s]) == 0 {
			res.violate("stuck "+trace.Side(s).Upper()+tr.Final[s].String(), "both applications closed last but %s ends in %s without an error", trace.Side(s).Upper(), tr.Final[s])
		}
	}
}

// maxPaired is how many records per side quietAgreement pairs.
const maxPaired = 8

// peerOf pairs A's application's record with B's record of the same
// connection (B's ISS is A's IRS and the other way round): with several
// records per side, B's application may hold another connection than A's.
func peerOf(last [2]*trace.Event, of *[2][maxPaired]*trace.Event) [2]*trace.Event {
	a := last[0]
	if a == nil {
		return last
	}
	for _, b := range of[1] {
		if b != nil && b.TCB.ISS == a.TCB.IRS && b.TCB.IRS == a.TCB.ISS {
			return [2]*trace.Event{a, b}
		}
	}
	return last
}

// quietAgreement: both ESTABLISHED and nothing in flight means each end's
// SND.NXT is the other's RCV.NXT (RFC 9293 §3.4).
func quietAgreement(tr *trace.Trace, last [2]*trace.Event, quiet bool, res *result) {
	if !quiet || tr.Final[0] != fsm.Established || tr.Final[1] != fsm.Established || last[0] == nil || last[1] == nil {
		return
	}
	a, b := last[0].TCB, last[1].TCB
	if a.SndNxt != b.RcvNxt || b.SndNxt != a.RcvNxt || a.SndUna != a.SndNxt || b.SndUna != b.SndNxt {
		res.violate("disagree", "ESTABLISHED and quiet but the sequence spaces disagree: A snd.una %d snd.nxt %d rcv.nxt %d, B snd.una %d snd.nxt %d rcv.nxt %d",
			a.SndUna, a.SndNxt, a.RcvNxt, b.SndUna, b.SndNxt, b.RcvNxt)
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
type violation struct{ key, what string }

func (res *result) violate(key, format string, args ...any) {
	for _, v := range res.violations {
		if v.key == key {
			return // the first time says enough
		}
	}
	res.violations = append(res.violations, violation{key, fmt.Sprintf(format, args...)})
}
