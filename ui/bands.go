package ui

import (
	"math"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/trace"
)

// band is a burst from one side: the segments it sends, each within
// bandRows rows of the one before, while the first is still on its way.
// It is drawn as one thick arrow with one label so a busy run does not
// become a lattice of dashes; the other side's arrows may cross it. It
// opens into its arrows when one of them is chosen (↑↓ or a click) or
// the time is zoomed in.
type band struct {
	members []int32 // arrows, in order
}

const (
	minBand  = 2 // a lone segment is drawn as itself
	bandRows = 2
)

// Kinds of band: a SYN, FIN or RST is a moment of its own and never
// joins one.
const (
	notBand = iota
	dataBand
	ackBand
)

// bandKind is the kind of band an arrow may join.
func (tl *timeline) bandKind(a int) int {
	seg := &tl.ev[tl.arrows[a].send].Seg
	switch {
	case seg.Flags&(fsm.SYN|fsm.FIN|fsm.RST) != 0:
		return notBand
	case seg.Len > 0:
		return dataBand
	case seg.Flags == fsm.ACK:
		return ackBand
	}
	return notBand
}

func (tl *timeline) findBands() {
	n := len(tl.arrows)
	tl.bands = tl.bands[:0]
	tl.bandOf = make([]int32, n)
	for a := range tl.bandOf {
		tl.bandOf[a] = -1
	}
	var open [2]band // the burst each side is in
	flush := func(s trace.Side) {
		if ms := open[s].members; len(ms) >= minBand {
			for _, a := range ms {
				tl.bandOf[a] = int32(len(tl.bands))
			}
			tl.bands = append(tl.bands, band{members: ms})
		}
		open[s] = band{}
	}
	for a := 0; a < n; a++ {
		ar := &tl.arrows[a]
		s, kind := ar.from, tl.bandKind(a)
		if ms := open[s].members; len(ms) > 0 {
			first, prev := &tl.arrows[ms[0]], &tl.arrows[ms[len(ms)-1]]
			if kind != tl.bandKind(int(ms[0])) || ar.r0-prev.r0 > bandRows || ar.r0-first.r0 > max(first.r1-first.r0, 1) {
				flush(s)
			}
		}
		if kind != notBand {
			open[s].members = append(open[s].members, int32(a))
		}
	}
	flush(trace.A)
	flush(trace.B)
}

// closedBand is the band an arrow is drawn in, or -1 when it is drawn on
// its own: zoomed in, or its band holds the chosen arrow.
func (l *ladder) closedBand(a int) int {
	b := int(l.tl.bandOf[a])
	if b < 0 || l.tl.zoom > 0 || len(l.tl.members(b, l.cur)) < minBand {
		return -1 // a band of one is the arrow itself
	}
	if l.chosen && l.sel >= 0 && int(l.tl.bandOf[l.sel]) == b {
		return -1
	}
	return b
}

// members are the band's arrows revealed by event cur.
func (tl *timeline) members(b, cur int) []int32 {
	ms := tl.bands[b].members
	k := 1
	for k < len(ms) && tl.revealed(int(ms[k]), cur) {
		k++
	}
	return ms[:k]
}

// bandShape is a band's arrow: from its first sending to its last
// arrival, its head where the present is until every segment is done.
func (l *ladder) bandShape(g ladderGeom, b int) arrowShape {
	ms := l.tl.members(b, l.cur)
	s := l.shape(g, int(ms[0]))
	r1 := int(l.tl.arrows[ms[0]].r1)
	done, any := true, false
	for _, a32 := range ms {
		a := int(a32)
		ar := &l.tl.arrows[a]
		r1 = max(r1, int(ar.r1))
		arr := l.tl.arrived(a, l.cur)
		any = any || arr
		done = done && (arr || ar.lost && l.row >= float64(ar.r1))
	}
	s.band, s.n = true, r1-s.r0
	s.arrived, s.cross, s.head = false, false, false
	switch {
	case done && any:
		s.arrived = true
		s.limit, s.limRow = float64(s.span), r1
	case done:
		s.cross = true
		s.limit, s.limRow = float64(s.span)/2, s.r0+s.n/2
	default:
		pos := math.Max(0, math.Min(l.row-float64(s.r0), float64(s.n+1)))
		s.head = true
		s.limit = pos * float64(s.span) / float64(s.n+1)
		s.limRow = s.r0 + min(int(pos), s.n)
	}
	return s
}

// bandLabels are a band's labels, longest first: how many segments, the
// bytes they cover and how many were lost.
func (tl *timeline) bandLabels(b, cur int, rel bool) []string {
	ms := tl.members(b, cur)
	first := int(ms[0])
	ar := &tl.arrows[first]
	nb := tl.numberingOf(ar, rel) // conns.go
	acks := tl.bandKind(first) == ackBand
	num := func(seg *fsm.Segment) (fsm.Seq, fsm.Seq) {
		if acks {
			return seg.Ack, seg.Ack
		}
		return seg.Seq, seg.Seq.Add(seg.Len)
	}
	lo, hi := num(&tl.ev[ar.send].Seg)
	lost := 0
	for _, a := range ms {
		s, e := num(&tl.ev[tl.arrows[a].send].Seg)
		if s.LessThan(lo) {
			lo = s
		}
		if hi.LessThan(e) {
			hi = e
		}
		if tl.arrows[a].lost {
			lost++
		}
	}
	p := tl.p
	n := p.N(msg.LadderBand, len(ms), nil)
	name, base := "seq=", nb.seq
	if acks {
		n = p.N(msg.LadderBandACKs, len(ms), nil)
		name, base = "ack=", nb.ack
	}
	rng := name + nb.num(lo, base)
	if hi != lo {
		rng += "–" + nb.num(hi, base)
	}
	if lost == 0 {
		return []string{n + " " + rng, n}
	}
	l := p.N(msg.LadderBandLost, lost, nil)
	return []string{n + " " + rng + " " + l, n + " " + l, n}
}
