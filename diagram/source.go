package diagram

// This is the only file that reads the simulator's trace. When the trace
// moves to its own package, only FromTrace needs re-pointing.

import (
	"fmt"
	"net/netip"
	"time"

	"github.com/tcpsim/tcpsim/msg"

	"github.com/tcpsim/tcpsim/trace"

	"github.com/tcpsim/tcpsim/fsm"
)

// FromTrace turns a simulated or replayed run into the pictures' model.
func FromTrace(tr *trace.Trace, title, caption string) *Run {
	r := &Run{Title: title, Caption: caption, End: tr.End, Events: len(tr.Events)}
	if a, b := tr.Ends[trace.A], tr.Ends[trace.B]; a.Addr.IsValid() && b.Addr.IsValid() {
		r.Names = [2]string{name("A", a.Addr, a.Port), name("B", b.Addr, b.Port)}
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
		case trace.KSend:
			r.noteISS(side, ev)
			r.Arrows = append(r.Arrows, arrow(i, ev, ev.Lost, false))
		case trace.KDup:
			r.Arrows = append(r.Arrows, arrow(i, ev, false, true))
		case trace.KState:
			if !seenState[side] {
				seenState[side] = true
				r.Initial[side] = ev.From.String()
			}
			m := StateMark{Index: i, Side: side, T: ev.T, From: ev.From.String(), State: ev.To.String()}
			if row := ev.Rule(); row != nil {
				m.Event = row.On.String()
			}
			r.States = append(r.States, m)
		case trace.KTimer:
			r.timer(&armed[side], i, ev)
		case trace.KUser:
			r.Calls = append(r.Calls, Call{Index: i, Side: side, T: ev.T, Text: userText(ev)})
		case trace.KError:
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

func userText(ev *trace.Event) string {
	if ev.Op == trace.OpSend {
		return fmt.Sprintf("SEND %d bytes", ev.N)
	}
	// The RFC 9293 §3.10 names of the calls.
	switch ev.Op {
	case trace.OpListen:
		return "passive OPEN"
	case trace.OpConnect:
		return "active OPEN"
	case trace.OpClose:
		return "CLOSE"
	case trace.OpAbort:
		return "ABORT"
	case trace.OpCrash:
		return "crash"
	case trace.OpLink:
		return "link changed"
	}
	return ev.Op.String()
}

// noteISS remembers the sender's first SYN as the base of relative numbers,
// as Wireshark does.
func (r *Run) noteISS(side Side, ev *trace.Event) {
	if !r.HasISS[side] && ev.Seg.Flags&fsm.SYN != 0 {
		r.HasISS[side] = true
		r.ISS[side] = uint32(ev.Seg.Seq)
	}
}

func arrow(i int, ev *trace.Event, lost, dup bool) Arrow {
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
		p := msg.English()
		for _, n := range trace.SendNotes(ev) {
			a.Notes = append(a.Notes, p.Say(n))
		}
	}
	if dup {
		// The copy leaves with its original; its event is recorded then.
		a.Send = ev.T
	}
	return a
}

func (r *Run) timer(armed *[fsm.NumTimers]int, i int, ev *trace.Event) {
	if ev.Timer >= fsm.NumTimers {
		return
	}
	j := armed[ev.Timer]
	if j > 0 { // fired, stopped, or re-armed: the running span ends here
		sp := &r.Timers[j-1]
		sp.End = ev.T
		sp.Fired = ev.TimerEv == trace.TimerFired
		armed[ev.Timer] = 0
	}
	if ev.TimerEv == trace.TimerArmed {
		r.Timers = append(r.Timers, Span{Index: i, Side: Side(ev.Side), Name: timerName(ev),
			Start: ev.T, End: ev.T, Dur: ev.Dur})
		armed[ev.Timer] = len(r.Timers)
	}
}

func timerName(ev *trace.Event) string {
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
