package ui

import (
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/trace"
)

// findConns learns each side's connection records from the trace
// (trace.Event.Conn): a side that holds more than one is named with each
// record's local port ("A:49153"), one that holds one just "A", so a run
// with one connection per side reads as it always did.
func (tl *timeline) findConns() {
	for i := range tl.ev {
		ev := &tl.ev[i]
		if ev.Side > trace.B {
			continue
		}
		s, c := ev.Side, int(ev.Conn)
		for len(tl.conns[s]) <= c {
			tl.conns[s] = append(tl.conns[s], tl.tr.Ends[s].Port)
		}
		switch ev.Kind {
		case trace.KSend, trace.KDrop, trace.KDup:
			if ev.Ports[0] != 0 && !ev.Injected {
				tl.conns[s][c] = ev.Ports[0]
			}
		case trace.KDeliver:
			if ev.Ports[1] != 0 {
				tl.conns[s][c] = ev.Ports[1]
			}
		}
	}
}

// multi reports whether side s holds more than one connection record.
func (tl *timeline) multi(s trace.Side) bool { return s <= trace.B && len(tl.conns[s]) > 1 }

// endName names side s's end of a connection with local port port.
func (tl *timeline) endName(s trace.Side, port uint16) string {
	if !tl.multi(s) {
		return s.Upper()
	}
	return tl.p.T(msg.LabConnEnd, msg.Args{"Side": s.Upper(), "Port": port})
}

// connName names record conn of side s.
func (tl *timeline) connName(s trace.Side, conn uint8) string {
	if !tl.multi(s) || int(conn) >= len(tl.conns[s]) {
		return s.Upper()
	}
	return tl.endName(s, tl.conns[s][conn])
}

// segDir is a segment's direction, "A → B", or with its ends' ports where
// a side holds several connections ("A:49153 → B").
func (tl *timeline) segDir(ev *trace.Event, from trace.Side) string {
	src, dst := ev.Ports[0], ev.Ports[1]
	if src == 0 && dst == 0 {
		src, dst = tl.tr.Ends[from].Port, tl.tr.Ends[from.Peer()].Port
	}
	return tl.endName(from, src) + " → " + tl.endName(from.Peer(), dst)
}
