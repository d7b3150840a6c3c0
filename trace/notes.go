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
		out = append(out, msg.Note{ID: msg.SendInjected})
	case e.Reason == fsm.ReasonRetransmit:
		out = append(out, msg.Note{ID: msg.SendRetransmit, Args: msg.Args{"N": e.Retx, "RTO": e.Dur.String()}})
	case e.Reason == fsm.ReasonFastRetransmit:
		out = append(out, msg.Note{ID: msg.SendFastRetransmit})
	case e.Reason == fsm.ReasonDelayedACK:
		out = append(out, msg.Note{ID: msg.SendDelayedACK})
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
func Note(e *Event, p *msg.Printer) (string, bool) {
	side := e.Side.Upper()
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
			return p.T(msg.TimerExpires, msg.Args{"Side": side, "Timer": e.Timer.String()}), true
		}
	case KData:
		if e.EOF {
			return p.T(msg.AppReadsEOF, msg.Args{"Side": side}), true
		}
		return p.N(msg.AppReads, int(e.N), msg.Args{"Side": side}), true
	case KError:
		return p.T(msg.UserError, msg.Args{"Side": side, "Error": e.Sig.String()}), true
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
			s += "; " + p.Say(n)
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
// row becomes a sentence.
func RuleText(r *fsm.Row, _ *msg.Printer) string { return r.Explanation }
