package trace

import (
	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
)

// This file is where the trace says what an event means, as msg.Notes:
// IDs and parameters, words chosen by the reader's msg.Printer. A new
// sentence about an event goes into msg/locales and is chosen here, never
// in a view.

// SendNotes says why a segment was sent and what the link did with it.
func SendNotes(e *Event) []msg.Note {
	var out []msg.Note
	switch {
	case e.Injected:
		out = append(out, msg.Note{ID: injectedID(e.Seg.Flags)})
	case e.Reason == fsm.ReasonRetransmit:
		out = append(out, msg.Note{ID: msg.SendRetransmit, Args: msg.Args{"N": e.Retx, "RTO": e.Dur.String()}})
	case e.Reason == fsm.ReasonFastRetransmit:
		out = append(out, msg.Note{ID: msg.SendFastRetransmit})
	case e.Reason == fsm.ReasonDelayedACK:
		out = append(out, msg.Note{ID: msg.SendDelayedACK})
	case e.Reason == fsm.ReasonProbe:
		out = append(out, msg.Note{ID: msg.SendProbe})
	case e.Reason == fsm.ReasonWindowUpdate:
		out = append(out, msg.Note{ID: msg.SendWindowUpdate})
	case e.Reason == fsm.ReasonKeepalive:
		out = append(out, msg.Note{ID: msg.SendKeepalive})
	}
	if r := e.Rule(); r != nil {
		switch {
		case e.Challenge():
			out = append(out, msg.Note{ID: msg.SendChallengeACK})
		case r.On == fsm.EvUnacceptable:
			out = append(out, msg.Note{ID: msg.SendUnacceptableACK})
		case r.On == fsm.EvSegment:
			out = append(out, msg.Note{ID: msg.SendResetNoConnection})
		}
	}
	if e.Held {
		out = append(out, msg.Note{ID: msg.LinkHeld})
	}
	if e.Reorder {
		out = append(out, msg.Note{ID: msg.LinkReordered})
	}
	return out
}

// Note is what the ladder writes beside an event other than a send, and
// whether it writes anything.
func Note(e *Event, p *msg.Printer) (string, bool) { return NoteAs(e, p, e.Side.Upper()) }

// NoteAs is Note naming the event's endpoint side (a connection's name
// where a side holds several, Conns.Name).
func NoteAs(e *Event, p *msg.Printer, side string) (string, bool) {
	switch e.Kind {
	case KUser:
		call := e.Op.String()
		if e.Op == OpSend {
			call = p.N(msg.UserSend, int(e.N), nil)
		}
		return p.T(msg.UserCall, msg.Args{"Side": side, "Call": call}), true
	case KDrop:
		return p.T(msg.DropLost, msg.Args{"Reason": DropText(e.Drop, p)}), true
	case KDup:
		return p.T(msg.LinkDuplicates, nil), true
	case KDeliver:
		switch {
		case e.Dup:
			return p.T(msg.ArriveDuplicate, nil), true
		case e.Injected:
			return p.T(msg.ArriveInjected, nil), true
		}
	case KTimer:
		if e.TimerEv == TimerFired {
			return p.T(msg.TimerExpires, msg.Args{"Side": side, "Timer": TimerText(e.Timer, p)}), true
		}
	case KData:
		if e.EOF {
			return p.T(msg.AppReadsEOF, msg.Args{"Side": side}), true
		}
		return p.N(msg.AppReads, int(e.N), msg.Args{"Side": side}), true
	case KError:
		return p.T(msg.UserError, msg.Args{"Side": side, "Error": SignalText(e.Sig, p)}), true
	}
	return "", false
}

// EventNote is one line about any event, as JSON Lines' "note" gives it:
// why a segment was sent (or, failing a special reason, the rule that
// sent it), what a state change means, what happened to a segment, a
// timer, the application. "" when there is nothing to say.
func EventNote(e *Event, p *msg.Printer) string {
	switch e.Kind {
	case KSend:
		notes := SendNotes(e)
		if len(notes) == 0 {
			if r := e.Rule(); r != nil {
				return RuleText(r, p)
			}
			return ""
		}
		s := p.Say(notes[0])
		for _, n := range notes[1:] {
			s += p.T(msg.NoteSep, nil) + p.Say(n)
		}
		return s
	case KState:
		if r := e.Rule(); r != nil {
			return RuleText(r, p)
		}
		return ""
	}
	n, _ := Note(e, p)
	return n
}

// DropText is why a segment was lost, in words.
func DropText(d DropReason, p *msg.Printer) string {
	switch d {
	case DropLoss:
		return p.T(msg.DropLoss, nil)
	case DropFault:
		return p.T(msg.DropFault, nil)
	case DropUser:
		return p.T(msg.DropUser, nil)
	}
	return ""
}

// RuleText is what a table row means, in words. It is the one place a
// row becomes a sentence: the catalogue's RulePrefix+name, or the row's
// own Explanation where a catalogue lacks the row.
func RuleText(r *fsm.Row, p *msg.Printer) string {
	return p.Or(msg.ID(msg.RulePrefix+r.Name()), r.Explanation)
}

var timerIDs = [fsm.NumTimers]msg.ID{msg.TimerRTO, msg.TimerTimeWait, msg.TimerFinWait2, msg.TimerDelayedACK, msg.TimerPersist, msg.TimerKeepalive}

// TimerText names a timer ("RTO", "TIME-WAIT", ...).
func TimerText(t fsm.Timer, p *msg.Printer) string {
	if t < fsm.NumTimers {
		return p.T(timerIDs[t], nil)
	}
	return t.String()
}

var signalIDs = [fsm.NumSignals]msg.ID{"", msg.SignalReset, msg.SignalRefused, msg.SignalTimedOut, msg.SignalClosing,
	msg.SignalExists, msg.SignalNoConnection, msg.SignalAlreadyClosing, msg.SignalUnspecified,
	fsm.ErrPortInUse: msg.SignalPortInUse}

// SignalText is what the user is told ("connection reset", ...).
func SignalText(s fsm.Signal, p *msg.Printer) string {
	if s < fsm.NumSignals && signalIDs[s] != "" {
		return p.T(signalIDs[s], nil)
	}
	return s.String()
}

// Injected is what a segment crafted by a fault is: a SYN can only be an
// old duplicate (RFC 9293 §3.5, Figure 8), a RST is forged, and anything
// else was put on the link by the scenario, not by the endpoint named as
// its sender. Every view words it from this one decision.
type Injected uint8

const (
	InjectedOldDup Injected = iota
	InjectedForged
	InjectedOther
)

// InjectedKind says which kind of injected segment f makes.
func InjectedKind(f fsm.Flags) Injected {
	switch {
	case f&fsm.SYN != 0:
		return InjectedOldDup
	case f&fsm.RST != 0:
		return InjectedForged
	}
	return InjectedOther
}

func injectedID(f fsm.Flags) msg.ID {
	return [...]msg.ID{msg.SendInjected, msg.SendInjectedRST, msg.SendInjectedOther}[InjectedKind(f)]
}
