package diagram

// This is the only file that reads the simulator's trace. When the trace
// moves to its own package, only FromTrace needs re-pointing.

import (
	"fmt"
	"net/netip"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/sim"
)

// FromTrace turns a simulated or replayed run into the pictures' model.
func FromTrace(tr *sim.Trace, title, caption string) *Run {
	r := &Run{Title: title, Caption: caption, End: tr.End, Events: len(tr.Events)}
	if cfg := tr.Config; cfg != nil {
		r.Names = [2]string{name("A", cfg.A.Addr, cfg.A.Port), name("B", cfg.B.Addr, cfg.B.Port)}
	} else {
		r.Names = [2]string{"A", "B"}
	}
	r.Initial = [2]string{fsm.Closed.String(), fsm.Closed.String()}
	seenState := [2]bool{}
	armed := [2][fsm.NumTimers]int{} // index+1 into r.Timers of the running span
	for i := range tr.Events {
		ev := &tr.Events[i]
		side := Side(ev.Side)
		switch ev.Kind {
		case sim.KSend:
			r.noteISS(side, ev)
			r.Arrows = append(r.Arrows, arrow(i, ev, ev.Lost, false))
		case sim.KDup:
			r.Arrows = append(r.Arrows, arrow(i, ev, false, true))
		case sim.KState:
			if !seenState[side] {
				seenState[side] = true
				r.Initial[side] = ev.From.String()
			}
			m := StateMark{Index: i, Side: side, T: ev.T, From: ev.From.String(), State: ev.To.String()}
			if row := ev.Rule(); row != nil {
				m.Event = row.On.String()
			}
			r.States = append(r.States, m)
		case sim.KTimer:
			r.timer(&armed[side], i, ev)
		case sim.KUser:
			r.Calls = append(r.Calls, Call{Index: i, Side: side, T: ev.T, Text: userText(ev)})
		case sim.KError:
			r.Calls = append(r.Calls, Call{Index: i, Side: side, T: ev.T, Text: ev.Sig.String()})
		}
	}
	for s := range 2 {
		for _, j := range armed[s] {
			if j > 0 { // still running when the run stopped
				r.Timers[j-1].End = tr.End
			}
		}
	}
	r.Final = [2]string{tr.Final[0].String(), tr.Final[1].String()}
	return r
}

func name(who string, addr netip.Addr, port uint16) string {
	if !addr.IsValid() {
		return who
	}
	return who + " " + netip.AddrPortFrom(addr, port).String()
}

func userText(ev *sim.Event) string {
	if ev.Op == sim.OpSend {
		return fmt.Sprintf("SEND %d bytes", ev.N)
	}
	// The RFC 9293 §3.10 names of the calls.
	switch ev.Op {
	case sim.OpListen:
		return "passive OPEN"
	case sim.OpConnect:
		return "active OPEN"
	case sim.OpClose:
		return "CLOSE"
	case sim.OpAbort:
		return "ABORT"
	case sim.OpCrash:
		return "crash"
	case sim.OpLink:
		return "link changed"
	}
	return ev.Op.String()
}

// noteISS remembers the sender's first SYN as the base of relative numbers,
// as Wireshark does.
func (r *Run) noteISS(side Side, ev *sim.Event) {
	if !r.HasISS[side] && ev.Seg.Flags&fsm.SYN != 0 {
		r.HasISS[side] = true
		r.ISS[side] = uint32(ev.Seg.Seq)
	}
}

func arrow(i int, ev *sim.Event, lost, dup bool) Arrow {
	a := Arrow{
		Index: i, From: Side(ev.Side), Send: ev.T, Arrive: ev.Arrive,
		Dup: dup, Reorder: ev.Reorder,
		Seg: Segment{Flags: ev.Seg.Flags.String(), Seq: uint32(ev.Seg.Seq), Ack: uint32(ev.Seg.Ack),
			HasAck: ev.Seg.Flags&fsm.ACK != 0, Len: ev.Seg.Len},
	}
	if lost {
		a.Fate = Lost
	}
	if dup {
		a.Notes = []string{"duplicated by the link"}
	} else {
		a.Notes = ev.SendNotes()
	}
	if dup {
		// The copy leaves with its original; its event is recorded then.
		a.Send = ev.T
	}
	return a
}

func (r *Run) timer(armed *[fsm.NumTimers]int, i int, ev *sim.Event) {
	if ev.Timer >= fsm.NumTimers {
		return
	}
	j := armed[ev.Timer]
	if j > 0 { // fired, stopped, or re-armed: the running span ends here
		sp := &r.Timers[j-1]
		sp.End = ev.T
		sp.Fired = ev.TimerEv == sim.TimerFired
		armed[ev.Timer] = 0
	}
	if ev.TimerEv == sim.TimerArmed {
		r.Timers = append(r.Timers, Span{Index: i, Side: Side(ev.Side), Name: timerName(ev),
			Start: ev.T, End: ev.T, Dur: ev.Dur})
		armed[ev.Timer] = len(r.Timers)
	}
}

func timerName(ev *sim.Event) string {
	if ev.Timer == fsm.TimerTimeWait && ev.Dur > 0 {
		return fmt.Sprintf("TIME-WAIT %s", shortDur(ev.Dur))
	}
	return fmt.Sprintf("%s %s", ev.Timer, shortDur(ev.Dur))
}

func shortDur(d time.Duration) string {
	if d%time.Second == 0 {
		return fmt.Sprintf("%ds", d/time.Second)
	}
	if d%time.Millisecond == 0 && d < time.Second {
		return fmt.Sprintf("%dms", d/time.Millisecond)
	}
	return fmt.Sprintf("%.3gs", d.Seconds())
}
