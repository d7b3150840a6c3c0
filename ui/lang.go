package ui

import (
	"charm.land/bubbles/v2/key"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/internal/lang"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/trace"
)

// This file: the language the lab speaks. Every sentence on screen comes
// from the catalogue through the Model's Printer; T switches it live, and
// nothing but the words changes (the present, the selection, the forks).

// printerFor is the catalogue's Printer for a language; English for an
// empty or unknown one (the flag was checked where it was read).
func printerFor(l string) *msg.Printer {
	if tag, ok := lang.Parse(l); ok {
		if p, err := msg.New(tag); err == nil {
			return p
		}
	}
	return msg.English()
}

// t is a message in the lab's language.
func (m *Model) t(id msg.ID, args msg.Args) string { return m.p.T(id, args) }

// timelineOf indexes a trace for the screen, in the lab's language.
func (m *Model) timelineOf(tr *trace.Trace) *timeline {
	return newTimelineIn(tr, m.zoom, m.p)
}

// setLang switches the language: every timeline kept for undo speaks it
// too, and labels cached in the old language are dropped.
func (m *Model) setLang(l string) {
	m.p = printerFor(l)
	// Notes wrap by their words: lay every timeline out again (zoom.go).
	if m.tl != nil {
		m.tl = m.tl.in(m.p)
	}
	for i := range m.undo {
		switch tl := m.undo[i].tl; {
		case tl != nil && len(tl.ev) > inlineEvents:
			m.undo[i].tl = nil // a big one: undo computes it in the background (compute.go)
		case tl != nil:
			m.undo[i].tl = tl.in(m.p)
		}
	}
	m.setBranch(m.branchNote)
	m.say(m.t(msg.LabLangNow, nil), pGood)
}

// toggleLang is the T key: English ⇄ Chinese.
func (m *Model) toggleLang() {
	if m.p.Lang() == lang.Chinese {
		m.setLang(lang.English)
	} else {
		m.setLang(lang.Chinese)
	}
}

// keyText is a binding's help in the lab's language. A binding's help
// desc is a message ID (keys.go); one that is not in the catalogue shows
// as written.
func keyText(p *msg.Printer, b key.Binding) (string, string) {
	h := b.Help()
	if p == nil {
		p = msg.English()
	}
	return h.Key, p.Or(msg.ID(h.Desc), h.Desc)
}

// netstatName is how netstat (and ss -t) spell a state, which is what
// many readers know: TIME_WAIT, SYN_RECV. "" when it is the same.
func netstatName(s fsm.State) string {
	switch s {
	case fsm.SynSent:
		return "SYN_SENT"
	case fsm.SynReceived:
		return "SYN_RECV"
	case fsm.FinWait1:
		return "FIN_WAIT1"
	case fsm.FinWait2:
		return "FIN_WAIT2"
	case fsm.CloseWait:
		return "CLOSE_WAIT"
	case fsm.LastAck:
		return "LAST_ACK"
	case fsm.TimeWait:
		return "TIME_WAIT"
	}
	return ""
}

// Status lines said from functions whose argument is named msg (Update,
// key, modalKey), where the catalogue's package is out of reach.

func (m *Model) sayEnd() {
	m.say(m.t(msg.LabEnd, nil), pDim)
	m.sayStop(m.tl)
}
func (m *Model) sayFixed()     { m.say(m.t(msg.LabFixed, nil), pWarn) }
func (m *Model) sayRestarted() { m.say(m.t(msg.LabRestarted, msg.Args{"Name": m.run.name}), pDim) }
func (m *Model) sayOpened(name string) {
	m.say(m.t(msg.LabOpened, msg.Args{"Name": name}), pGood)
}

// eventIDs name the state machine's events that are words rather than
// protocol tokens (SYN, CLOSE... stay as they are).
// eventText is an event of fsm.Table in the lab's language.
func eventText(e fsm.Event, p *msg.Printer) string { return p.Event(e) }

// eventNamed translates an event given by its English name (the state
// diagram's layout keeps names).
func eventNamed(name string, p *msg.Printer) string {
	for e := fsm.Event(1); e < fsm.NumEvents; e++ {
		if e.String() == name {
			return eventText(e, p)
		}
	}
	return name
}

// guardIDs name the conditions of fsm.Table's rows (fsm.Guard).
var guardIDs = [fsm.NumGuards]msg.ID{
	fsm.WithACK:        msg.LabGuardWithACK,
	fsm.WithoutACK:     msg.LabGuardWithoutACK,
	fsm.WithRST:        msg.LabGuardWithRST,
	fsm.WithoutRST:     msg.LabGuardWithoutRST,
	fsm.BadACK:         msg.LabGuardBadACK,
	fsm.BadACKRST:      msg.LabGuardBadACKRST,
	fsm.GoodACK:        msg.LabGuardGoodACK,
	fsm.SYNAcked:       msg.LabGuardSYNAcked,
	fsm.SYNUnacked:     msg.LabGuardSYNUnacked,
	fsm.InWindow:       msg.LabGuardInWindow,
	fsm.Exact:          msg.LabGuardExact,
	fsm.Passive:        msg.LabGuardPassive,
	fsm.Active:         msg.LabGuardActive,
	fsm.AckTooNew:      msg.LabGuardAckTooNew,
	fsm.AckTooOld:      msg.LabGuardAckTooOld,
	fsm.AcksFIN:        msg.LabGuardAcksFIN,
	fsm.ThirdDupACK:    msg.LabGuardThirdDupACK,
	fsm.FINNotAcked:    msg.LabGuardFINNotAcked,
	fsm.InOrder:        msg.LabGuardInOrder,
	fsm.OutOfOrder:     msg.LabGuardOutOfOrder,
	fsm.AfterFIN:       msg.LabGuardAfterFIN,
	fsm.Retransmitted:  msg.LabGuardRetransmitted,
	fsm.NewACK:         msg.LabGuardNewACK,
	fsm.DupACK:         msg.LabGuardDupACK,
	fsm.DataOut:        msg.LabGuardDataOut,
	fsm.FINOut:         msg.LabGuardFINOut,
	fsm.GoodACKRefused: msg.LabGuardGoodACKRefused,
	fsm.FINAtRcvNxt:    msg.LabGuardFINAtRcvNxt,
	fsm.DataQueued:     msg.LabGuardDataQueued,
	fsm.NoDataQueued:   msg.LabGuardNoDataQueued,
	fsm.KeepaliveRST:   msg.LabGuardKeepaliveRST,
	fsm.NoDelayOut:     msg.LabGuardNoDelayOut,
}

// guardText is a row's condition in the lab's language.
func guardText(g fsm.Guard, p *msg.Printer) string {
	if g < fsm.NumGuards && guardIDs[g] != "" {
		return p.T(guardIDs[g], nil)
	}
	return g.String()
}
