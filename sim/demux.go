package sim

import (
	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/trace"
)

// demux finds the record an arriving segment is for, RFC 9293 §3.10.7:
// the record whose 4-tuple it carries (ports [src, dst]); else a LISTEN
// record on the destination port, which takes the source as its remote
// port; else a CLOSED record, where the CLOSED rule answers (a RST,
// §3.10.7.1). borrowed is the CLOSED record's own ports when it lends
// them to this arrival, to be given back (restore).
func (s *Sim) demux(side trace.Side, ports [2]uint16) (e *endpoint, borrowed [2]uint16, ok bool) {
	local := [2]uint16{ports[1], ports[0]}
	if len(s.hosts[side].more) == 0 { // one record: the common case
		e = &s.ep[side]
		if st := e.conn.State(); e.ports == local || st == fsm.Listen && e.ports[0] == local[0] {
			e.ports = local
			return e, local, false
		}
	}
	n := s.nrec(side)
	for i := range n {
		e = s.rec(side, uint8(i))
		if st := e.conn.State(); st != fsm.Closed && st != fsm.Listen && e.ports == local {
			return e, local, false
		}
	}
	for i := range n {
		if e = s.rec(side, uint8(i)); e.conn.State() == fsm.Listen && e.ports[0] == local[0] {
			e.ports[1] = local[1]
			return e, local, false
		}
	}
	var spare *endpoint
	for i := range n {
		if e = s.rec(side, uint8(i)); e.conn.State() == fsm.Closed {
			if e.ports == local {
				return e, local, false
			}
			if spare == nil {
				spare = e
			}
		}
	}
	if spare == nil {
		if s.full(side) {
			return nil, local, false
		}
		spare = s.addRecord(side, local[0])
	}
	borrowed, spare.ports = spare.ports, local
	return spare, borrowed, true
}

// openRecord is the record an active OPEN from side uses (port: the
// local port the call names, 0: any). The record the application holds,
// unless it has closed it and the record lingers (TIME-WAIT, say): a
// closed socket is gone, so connect() comes from a new one, on the next
// ephemeral port; or unless the call names another port than the held
// connection's: a second socket, bound to it, beside the first. A named
// port another record still holds toward the same remote port is refused
// as Linux refuses connect() on the same 4-tuple without tcp_tw_reuse
// (EADDRNOTAVAIL): RFC 9293 §3.9.1.1 lets an OPEN name its local port
// (MUST-43) but two connections on one 4-tuple cannot be told apart.
func (s *Sim) openRecord(side trace.Side, port uint16) (*endpoint, fsm.Signal) {
	e := s.app(side)
	remote := s.cfg.endpoint(side.Peer()).Port
	st := e.conn.State()
	fresh := e.closed && st != fsm.Closed || port != 0 && port != e.ports[0] && st != fsm.Closed
	if port != 0 && (fresh || st == fsm.Closed) && s.held(side, port, remote) {
		return e, fsm.ErrPortInUse
	}
	if !fresh {
		if port != 0 && st == fsm.Closed {
			e.ports[0], e.cfg.Port = port, port
		}
		return e, fsm.NoSignal
	}
	if port == 0 {
		port = s.ephemeral(side)
	}
	n := s.newRecord(side, port)
	if n == nil {
		return e, fsm.ErrPortInUse
	}
	s.hosts[side].cur = n.idx
	return n, fsm.NoSignal
}

// spawnListener keeps a listening application listening (Listening):
// the LISTEN record a SYN turned into a connection (§3.10.7.2) is
// replaced at once by a new LISTEN record on the same port, so the next
// SYN from another port finds it (MUST-41: the passive OPEN goes on
// beside the connections it made). The new record's opening is not
// recorded: it is the same listening socket, still open.
func (s *Sim) spawnListener(from *endpoint) {
	l := s.newRecord(from.side, from.ports[0])
	if l == nil {
		return
	}
	l.mute = true
	l.conn.Open(false)
	l.mute = false
}

// reboot is a crash of a whole host: every record forgets its connection.
func (s *Sim) reboot(side trace.Side, app *endpoint) *fsm.Row {
	r := app.conn.Reboot()
	for i := range s.nrec(side) {
		if e := s.rec(side, uint8(i)); e != app && e.conn.State() != fsm.Closed {
			e.conn.Reboot()
		}
	}
	return r
}
