package sim

import (
	"time"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/trace"
)

// A host holds several connection records (RFC 9293 MUST-42: several
// connections, and LISTENs, on one local port at once). Record 0 of each
// side is Sim.ep[side], so a run with one connection per side touches
// nothing else; later records live behind stable pointers (fsm.Conn keeps
// its Env). The application's timeline addresses one record, cur: the
// newest it opened or accepted.
type host struct {
	more  []*endpoint // records 1, 2, ...
	cur   uint8       // the record the timeline's calls address
	next  uint16      // the next ephemeral port to try (0: the configured port + 1)
	clock isnClock    // one ISN clock per host (§3.4.1), not per record
}

// isnClock is the §3.4.1 clock of a host: the first ISS it handed out,
// when, and the latest (isn.go, endpoint.ISS).
type isnClock struct {
	incarnations int
	firstAt      time.Duration
	last         fsm.Seq
}

// maxRecords bounds a host's records: Event.Conn is a byte.
const maxRecords = 255

// rec is record i of side.
func (s *Sim) rec(side trace.Side, i uint8) *endpoint {
	if i == 0 {
		return &s.ep[side]
	}
	return s.hosts[side].more[i-1]
}

// nrec is the number of records side holds.
func (s *Sim) nrec(side trace.Side) int { return 1 + len(s.hosts[side].more) }

// app is the record the application's timeline addresses.
func (s *Sim) app(side trace.Side) *endpoint { return s.rec(side, s.hosts[side].cur) }

// addRecord makes a new, CLOSED record at side on local port port. Its
// memory is reused from an earlier run where there is some.
func (s *Sim) addRecord(side trace.Side, port uint16) *endpoint {
	h := &s.hosts[side]
	var e *endpoint
	if n := len(h.more); n < cap(h.more) && h.more[:n+1][n] != nil {
		e = h.more[:n+1][n]
	} else {
		e = new(endpoint)
	}
	h.more = append(h.more, e)
	cfg := s.cfg.endpoint(side)
	cfg.Port = port
	e.init(s, side, cfg, uint8(len(h.more)))
	return e
}

// full reports that side can hold no more records.
func (s *Sim) full(side trace.Side) bool { return s.nrec(side) >= maxRecords }

// newRecord is a CLOSED record at side on local port port: a new one,
// or, once the host holds maxRecords, the first CLOSED one the
// application no longer holds, made new again (as a kernel frees a
// connection's memory once it is CLOSED). A server that accepts one
// connection after another thus goes on past 255 connections; nil when
// every record is still in use. A reused record keeps its index, so
// views name it by its last ports.
func (s *Sim) newRecord(side trace.Side, port uint16) *endpoint {
	if !s.full(side) {
		return s.addRecord(side, port)
	}
	h := &s.hosts[side]
	for _, e := range h.more {
		if e.conn.State() != fsm.Closed || e.idx == h.cur {
			continue
		}
		var gens [fsm.NumTimers]uint32
		for t := range e.timers {
			gens[t] = e.timers[t].gen
		}
		cfg := s.cfg.endpoint(side)
		cfg.Port = port
		e.init(s, side, cfg, e.idx)
		for t := range e.timers {
			e.timers[t].gen = gens[t] // an old queue entry must not pass for a new one (timers.go)
		}
		return e
	}
	return nil
}

// held reports whether a record of side that is not CLOSED holds local
// port port toward remote port remote.
func (s *Sim) held(side trace.Side, port, remote uint16) bool {
	for i := range s.nrec(side) {
		e := s.rec(side, uint8(i))
		if e.ports[0] == port && e.ports[1] == remote && e.conn.State() != fsm.Closed {
			return true
		}
	}
	return false
}

// ephemeral is the next local port no record of side holds: the ports
// after the configured one, in order, as a host hands out its ephemeral
// ports to successive connect() calls.
func (s *Sim) ephemeral(side trace.Side) uint16 {
	h := &s.hosts[side]
	if h.next == 0 {
		h.next = s.cfg.endpoint(side).Port + 1
	}
	remote := s.cfg.endpoint(side.Peer()).Port
	for h.next == 0 || s.held(side, h.next, remote) || h.next == s.cfg.endpoint(side).Port {
		h.next++
	}
	p := h.next
	h.next++
	return p
}
