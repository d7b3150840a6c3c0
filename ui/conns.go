package ui

import (
	"slices"
	"strconv"
	"strings"

	"github.com/tcpsim/tcpsim/trace"
)

// findConns learns each side's connection records from the trace
// (trace.Conns): a side with several is named by port ("A:49153"), one
// with one record just "A", so single-connection runs look as before.
func (tl *timeline) findConns() {
	tl.conns = tl.ix.Conns() // learnt once per trace, with its index
	tl.nameW = 1
	for s := trace.A; s <= trace.B; s++ {
		for c := range tl.conns[s] {
			tl.nameW = max(tl.nameW, textWidth(tl.connName(s, uint8(c))))
		}
	}
}

// connName names record conn of side s.
func (tl *timeline) connName(s trace.Side, conn uint8) string { return tl.conns.Name(s, conn, tl.p) }

// segDir is a segment's direction, "A → B", or with its ends' ports where
// a side holds several connections ("A:49153 → B:80↔49153").
func (tl *timeline) segDir(ev *trace.Event, from trace.Side) string {
	src, dst := ev.Ports[0], ev.Ports[1]
	if src == 0 && dst == 0 {
		src, dst = tl.tr.Ends[from].Port, tl.tr.Ends[from.Peer()].Port
	}
	return tl.conns.EndName(from, trace.ConnPorts{src, dst}, tl.p) + " → " + tl.conns.EndName(from.Peer(), trace.ConnPorts{dst, src}, tl.p)
}

// numberingOf is the base of an arrow's relative numbers: each side's
// first ISS, or where a side holds several connections, the sending
// record's own ISS and IRS, so each connection counts from its own SYN.
func (tl *timeline) numberingOf(ar *arrow, rel bool) numbering {
	if tl.conns.Multi(trace.A) || tl.conns.Multi(trace.B) {
		if ev := &tl.ev[ar.send]; !ev.Injected {
			return numbering{rel: rel, seq: ev.TCB.ISS, ack: ev.TCB.IRS}
		}
	}
	return numbering{rel: rel, seq: tl.iss[ar.from], ack: tl.iss[ar.from.Peer()]}
}

// endTitle heads side s's lifeline: "A 10.0.0.1:49152", or with every
// local port the side's connections used ("A 10.0.0.1:49152,49153"), so
// the header does not name only the first connection.
func (tl *timeline) endTitle(s trace.Side) string {
	title := s.Upper() + " " + tl.tr.Ends[s].String()
	if !tl.conns.Multi(s) {
		return title
	}
	var ports []string
	for _, c := range tl.conns[s] {
		if p := strconv.Itoa(int(c[0])); !slices.Contains(ports, p) {
			ports = append(ports, p)
		}
	}
	i := strings.LastIndexByte(title, ':')
	if i < 0 || len(ports) < 2 {
		return title
	}
	return title[:i+1] + strings.Join(ports, ",")
}
