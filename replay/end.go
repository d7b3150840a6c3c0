package replay

import (
	"time"

	"github.com/tcpsim/tcpsim/trace"

	"github.com/tcpsim/tcpsim/fsm"
)

// This file: each side's fsm.Env: the shared trace.Recorder, plus the
// segments its Conn owes until the capture shows them.

// pending is a segment a Conn asked to send that the capture has not yet
// shown.
type pending struct {
	seg fsm.Segment
	why fsm.SendReason
	row *fsm.Row
}

// end is one side: a Conn and the environment the replay gives it.
type end struct {
	trace.Recorder // Changed, Signal, Deliver and the events
	r              *replayer
	side           trace.Side
	conn           fsm.Conn
	iss            fsm.Seq // what ISS() returns: read off the capture ahead of time
	out            []pending
	shed           int // entries Output has dropped from the front of out, in all
	timers         [fsm.NumTimers]bool
	// For notes and the trace.
	retx    uint16                    // retransmissions since SND.UNA last moved
	sentAt  map[fsm.Seq]time.Duration // when each sequence number was last sent
	firstAt map[fsm.Seq]int           // the first frame that sent each sequence number
	hi      fsm.Seq                   // the end of the sequence space seen sent, with hiSet
	hiSet   bool
	syns    uint8         // synBit of each kind of SYN seen sent in this incarnation
	ackOwed time.Duration // when the delayed-ACK timer started
	wnd     uint32        // the window this side last advertised, scaled
	ws      int           // window scale on its latest SYN; -1: none
}

func synBit(seg *fsm.Segment) uint8 {
	switch seg.Flags & (fsm.SYN | fsm.ACK) {
	case fsm.SYN:
		return 1
	case fsm.SYN | fsm.ACK:
		return 2
	}
	return 0
}

// incarnation forgets what the capture showed of an earlier connection.
func (e *end) incarnation() {
	e.hiSet, e.retx, e.syns = false, 0, 0
	clear(e.sentAt)
	clear(e.firstAt)
}

func (e *end) ISS() fsm.Seq { return e.iss }

func (e *end) Output(seg fsm.Segment, why fsm.SendReason, row *fsm.Row) {
	if len(e.out) >= maxOwed {
		// Owed this long and never seen: the host did otherwise.
		e.dropped(e.out[:maxOwed/2])
		e.out = append(e.out[:0], e.out[maxOwed/2:]...)
		e.shed += maxOwed / 2
	}
	e.out = append(e.out, pending{seg, why, row})
}

// maxOwed bounds the segments a Conn may owe, which keeps matching cheap.
const maxOwed = 256

func (e *end) Timer(t fsm.Timer, op fsm.TimerOp) {
	if t == fsm.TimerDelayedACK && op != fsm.Stop && !e.timers[t] {
		e.ackOwed = e.r.now
	}
	e.timers[t] = op != fsm.Stop
}

func (e *end) Acked(old, una fsm.Seq) { e.retx = 0 }
