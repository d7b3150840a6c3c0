package msg

import "github.com/tcpsim/tcpsim/fsm"

// eventIDs name the events of fsm.Table that are words, not segments or
// calls the reader knows by their RFC names (ABORT, RST, SYN stay).
var eventIDs = map[fsm.Event]ID{
	fsm.EvPassiveOpen: LabEvPassiveOpen, fsm.EvActiveOpen: LabEvActiveOpen, fsm.EvSegment: LabEvSegment,
	fsm.EvUnacceptable: LabEvUnacceptable, fsm.EvNoACK: LabEvNoACK, fsm.EvText: LabEvText,
	fsm.EvOther: LabEvOther, fsm.EvRTO: LabEvRTO, fsm.EvGiveUp: LabEvGiveUp,
	fsm.EvTimeWait: LabEvTimeWait, fsm.EvFinWait2Timeout: LabEvFinWait2, fsm.EvCrash: LabEvCrash,
	fsm.EvOutput: LabEvOutput, fsm.EvNewSYN: LabEvNewSYN, fsm.EvSYNAgain: LabEvSYNAgain,
	fsm.EvReceive: LabEvReceive, fsm.EvPersist: LabEvPersist, fsm.EvCloseUnread: LabEvCloseUnread,
	fsm.EvTextAfterClose: LabEvTextAfterClose, fsm.EvKeepalive: LabEvKeepalive, fsm.EvKeepaliveGone: LabEvKeepaliveGone,
	fsm.EvTextAfterShut: LabEvTextAfterShut, fsm.EvShutRead: LabEvShutRead,
}

// Event is an event of fsm.Table in p's language: the lab's state
// diagram and the pictures name events alike.
func (p *Printer) Event(e fsm.Event) string {
	if id, ok := eventIDs[e]; ok {
		return p.T(id, nil)
	}
	return e.String()
}

// actionIDs name every action of fsm.Table.
var actionIDs = [fsm.NumActions]ID{
	fsm.SendSYN:       ActSendSYN,
	fsm.SendSYNACK:    ActSendSYNACK,
	fsm.SendACK:       ActSendACK,
	fsm.SendACKNow:    ActSendACKNow,
	fsm.SendRSTForACK: ActSendRSTForACK,
	fsm.SendRSTACK:    ActSendRSTACK,
	fsm.SendRSTAbort:  ActSendRSTAbort,
	fsm.QueueData:     ActQueueData,
	fsm.QueueFIN:      ActQueueFIN,
	fsm.Retransmit:    ActRetransmit,
	fsm.StartTimeWait: ActStartTimeWait,
	fsm.StartFinWait2: ActStartFinWait2,
	fsm.StopTimers:    ActStopTimers,
	fsm.Tell:          ActTell,
	fsm.Drop:          ActDrop,
	fsm.SendQueued:    ActSendQueued,
	fsm.CloseLater:    ActCloseLater,
	fsm.UpdateWindow:  ActUpdateWindow,
	fsm.SendProbe:     ActSendProbe,
	fsm.SendKeepalive: ActSendKeepalive,
	fsm.ResendSYNACK:  ActResendSYNACK,
}

// Action is an action of fsm.Table in p's language (the state picture's
// arc labels: "SYN / send SYN,ACK").
func (p *Printer) Action(a fsm.Action) string {
	if a < fsm.NumActions {
		return p.T(actionIDs[a], nil)
	}
	return a.String()
}
