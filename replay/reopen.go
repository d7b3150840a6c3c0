package replay

import (
	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/trace"
)

// reopen handles a SYN that meets y's TIME-WAIT when the capture shows y
// answering it with a SYN,ACK (next): where the state machine's MAY-2 rule
// (fsm/timewait.go) can explain it, with the ISN the capture shows above
// the old SND.NXT, y's Conn reopens itself when the SYN arrives, so the
// ladder shows TIME-WAIT → SYN-RECEIVED as Linux does (capture r2). It
// reports false where the rule cannot, and the caller falls back to
// ending TIME-WAIT before a new LISTEN.
func (r *replayer) reopen(y trace.Side, syn, next *fsm.Segment) bool {
	e := r.ends[y]
	c := &e.conn
	if next.Flags&(fsm.SYN|fsm.ACK) != fsm.SYN|fsm.ACK || !c.TCB().SndNxt.LessThan(next.Seq) || !c.Reopens(syn, fsm.TimeWaitReopen) {
		return false
	}
	c.Cfg.TimeWaitSYN = fsm.TimeWaitReopen // the Conn's ISS() is the captured one, above the old SND.NXT
	e.iss = next.Seq
	e.incarnation()
	c.MirrorSYN(next)
	r.note(Inferred, msg.ReplayReopensTimeWait, msg.Args{"Side": y.Upper()})
	return true
}
