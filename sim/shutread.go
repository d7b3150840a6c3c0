package sim

import "github.com/tcpsim/tcpsim/fsm"

// shutRead is shutdown(SHUT_RD) (fsm/shutread.go): the application stops
// reading, so a periodic reader stops too.
func (s *Sim) shutRead(e *endpoint) *fsm.Row {
	e.stopped = true
	return e.conn.ShutdownRead()
}
