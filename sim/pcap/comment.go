package pcap

import (
	"strconv"

	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/trace"

	"github.com/tcpsim/tcpsim/fsm"
)

// annotator holds what the comments need beyond the event itself.
type annotator struct {
	tr *trace.Trace
	ix *trace.Index
	p  *msg.Printer
	b  []byte // reused: the comment is written from it, never made a string
	// the words every comment needs, looked up once per export
	sender, receiver, inFlight, linkCopy string
}

func (a *annotator) str(s string) { a.b = append(a.b, s...) }

func annotate(tr *trace.Trace, p *msg.Printer) *annotator {
	if p == nil {
		p = msg.English()
	}
	return &annotator{tr: tr, ix: tr.Index(), p: p,
		sender: p.T(msg.CaptureSender, nil), receiver: p.T(msg.CaptureReceiver, nil),
		inFlight: p.T(msg.CaptureInFlight, nil), linkCopy: p.T(msg.CaptureLinkCopy, nil)}
}

// states renders "X: S1 -> S2", or "X: S" when nothing changed.
func (a *annotator) states(side trace.Side, role string, before, after fsm.State) {
	a.str(role)
	a.b = append(a.b, ' ')
	a.str(side.Upper())
	a.str(": ")
	a.str(before.String())
	if after != before {
		a.str(" -> ")
		a.str(after.String())
	}
}

func (a *annotator) note(s string) {
	a.str("; ")
	a.str(s)
}

// comment describes the packet that event i puts in the capture; the
// bytes are valid until the next call.
func (a *annotator) comment(i int, tap Tap) []byte {
	evs := a.tr.Events
	ev := &evs[i]
	send := i
	if ev.Kind == trace.KDeliver {
		if s := a.ix.Send(ev.ID); s >= 0 {
			send = s
		}
	}
	sev := &evs[send]
	from := sev.Side
	a.b = a.b[:0]
	a.str("tcpsim #")
	a.b = strconv.AppendInt(a.b, int64(sev.ID), 10)
	a.str(" ")
	a.str(from.Upper())
	a.str("->")
	a.str(from.Peer().Upper())
	a.str(": ")
	if sev.Injected {
		a.str(a.p.T(msg.CaptureInjected, msg.Args{"Side": from.Upper()}))
	} else if sev.Kind == trace.KSend {
		before, after := a.ix.StepStates(send)
		a.states(from, a.sender, before, after)
	}
	// The receiver: this arrival, or for a send, its first arrival.
	arr := i
	if ev.Kind == trace.KSend {
		arr = a.ix.Arrival(ev.ID)
	}
	a.str("; ")
	switch {
	case arr >= 0:
		rev := &evs[arr]
		_, after := a.ix.StepStates(arr)
		a.states(rev.Side, a.receiver, rev.From, after)
		if tap != TapLink && ev.Kind == trace.KSend {
			a.b = append(a.b, ' ')
			a.str(a.p.T(msg.CaptureArrivesAt, msg.Args{"T": trace.FormatDuration(rev.T)}))
		}
	case sev.Lost:
		a.str(a.p.T(msg.CaptureDropped, msg.Args{"Reason": trace.DropText(a.ix.Drop(sev.ID), a.p), "Peer": from.Peer().Upper()}))
	default:
		a.str(a.inFlight)
	}
	a.notes(sev)
	if ev.Kind == trace.KDeliver && ev.Dup {
		a.note(a.linkCopy)
	}
	return a.b
}

// notes says why the segment was sent, in the ladder's words, and cites
// the rule.
func (a *annotator) notes(ev *trace.Event) {
	for _, n := range trace.SendNotes(ev) {
		a.note(a.p.Say(n))
	}
	if r := ev.Rule(); r != nil {
		a.note("RFC 9293 §")
		a.str(r.RFC)
	}
}
