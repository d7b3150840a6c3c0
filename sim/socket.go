package sim

import (
	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/trace"
)

// The application's reading (issue 14): at once, N bytes every interval,
// or only when the timeline says so. fsm keeps the receive buffer; the
// simulator decides when the application calls RECEIVE.

// userRead runs a timeline read or stop reading.
func (s *Sim) userRead(a *Action) *fsm.Row {
	e := s.app(a.Side)
	if a.Op == trace.OpStopReading {
		e.conn.SetReading(false)
		e.stopped = true
		return nil
	}
	if a.N > 0 {
		r := e.conn.Read(a.N)
		s.scheduleRead(e)
		return r
	}
	e.stopped = false
	if r := e.conn.SetReading(true); r != nil {
		return r
	}
	return e.conn.Read(0)
}

// scheduleRead plans the next periodic read once data waits.
func (s *Sim) scheduleRead(e *endpoint) {
	if e.cfg.Read != ReadPeriodic || e.readPending || e.stopped || e.conn.Unread() == 0 {
		return
	}
	e.readPending = true
	s.push(item{at: addTime(s.now, e.cfg.ReadEvery), kind: itemRead, side: e.side, rec: e.idx})
}

// periodicRead is one read of a periodic reader.
func (s *Sim) periodicRead(e *endpoint) {
	e.readPending = false
	if e.stopped || e.conn.Unread() == 0 {
		return
	}
	n := min(e.cfg.ReadBytes, e.conn.Unread())
	if n == 0 {
		n = e.conn.Unread()
	}
	i := e.User(trace.OpRead, n)
	e.Ruled(i, e.conn.Read(n))
	s.scheduleRead(e)
}
