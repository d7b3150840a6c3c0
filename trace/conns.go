package trace

import "github.com/tcpsim/tcpsim/msg"

// ConnPorts are a connection record's local and remote ports.
type ConnPorts [2]uint16

// Conns is each side's connection records (Event.Conn) with their ports,
// as the trace's segments show them (Event.Ports; zero: Ends).
type Conns [2][]ConnPorts

// ConnsOf learns each side's records from tr.
func ConnsOf(tr *Trace) Conns {
	var cs Conns
	for i := range tr.Events {
		ev := &tr.Events[i]
		if ev.Side > B {
			continue
		}
		s, c := ev.Side, int(ev.Conn)
		for len(cs[s]) <= c {
			cs[s] = append(cs[s], ConnPorts{tr.Ends[s].Port, tr.Ends[s.Peer()].Port})
		}
		switch ev.Kind {
		case KSend, KDrop, KDup:
			if ev.Ports != [2]uint16{} && !ev.Injected {
				cs[s][c] = ConnPorts{ev.Ports[0], ev.Ports[1]}
			}
		case KDeliver:
			if ev.Ports != [2]uint16{} {
				cs[s][c] = ConnPorts{ev.Ports[1], ev.Ports[0]}
			}
		}
	}
	return cs
}

// Multi reports whether side s holds more than one record.
func (cs *Conns) Multi(s Side) bool { return s <= B && len(cs[s]) > 1 }

// EndName names side s's end of a connection with these ports: "A" when
// s holds one record, so a run with one connection per side reads as it
// always did; else by its local port ("A:49153"), or where s's records
// share the local port (a server's) by both ports ("B:80↔49153").
func (cs *Conns) EndName(s Side, ports ConnPorts, p *msg.Printer) string {
	if !cs.Multi(s) {
		return s.Upper()
	}
	n := 0
	for _, c := range cs[s] {
		if c[0] == ports[0] {
			n++
		}
	}
	if n > 1 {
		return p.T(msg.LabConnEndPeer, msg.Args{"Side": s.Upper(), "Port": ports[0], "Peer": ports[1]})
	}
	return p.T(msg.LabConnEnd, msg.Args{"Side": s.Upper(), "Port": ports[0]})
}

// Name names record c of side s (EndName).
func (cs *Conns) Name(s Side, c uint8, p *msg.Printer) string {
	if !cs.Multi(s) || int(c) >= len(cs[s]) {
		return s.Upper()
	}
	return cs.EndName(s, cs[s][c], p)
}
