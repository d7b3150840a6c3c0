package sim

import (
	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/trace"
)

// shutRead is shutdown(SHUT_RD) (fsm/shutread.go): the application stops
// reading, so a periodic reader stops too.
func (s *Sim) shutRead(side trace.Side) *fsm.Row {
	e := &s.ep[side]
	e.stopped = true
	return e.conn.ShutdownRead()
}
