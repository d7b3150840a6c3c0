package ui

import (
	"math"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
)

// band is a burst of data from one side: segments sent at most
// bandRows rows apart, drawn as one thick arrow with one label so a busy
// run does not become a lattice of dashes. It opens into its arrows when
// one of them is chosen (↑↓ or a click) or the time is zoomed in.
type band struct {
	first, last int32 // arrows [first, last]
}

const (
	minBand  = 3 // fewer segments are drawn one by one
	bandRows = 2
)

// bandable reports whether an arrow may join a band: data only; a SYN,
// FIN or RST is a moment of its own.
func (tl *timeline) bandable(a int) bool {
	seg := &tl.ev[tl.arrows[a].send].Seg
	return seg.Len > 0 && seg.Flags&(fsm.SYN|fsm.FIN|fsm.RST) == 0
}

func (tl *timeline) findBands() {
	n := len(tl.arrows)
	tl.bands = tl.bands[:0]
	tl.bandOf = make([]int32, n)
	for a := range tl.bandOf {
		tl.bandOf[a] = -1
	}
	for i := 0; i < n; {
		j := i + 1
		if tl.bandable(i) {
			for j < n && tl.bandable(j) && tl.arrows[j].from == tl.arrows[i].from &&
				tl.arrows[j].r0-tl.arrows[j-1].r0 <= bandRows {
				j++
			}
		}
		if j-i >= minBand {
			b := int32(len(tl.bands))
			tl.bands = append(tl.bands, band{first: int32(i), last: int32(j - 1)})
			for k := i; k < j; k++ {
				tl.bandOf[k] = b
			}
		}
		i = j
	}
}

// closedBand is the band an arrow is drawn in, or -1 when it is drawn on
// its own: zoomed in, or its band holds the chosen arrow.
func (l *ladder) closedBand(a int) int {
	b := int(l.tl.bandOf[a])
	if b < 0 || l.tl.zoom > 0 {
		return -1
	}
	if bd := l.tl.bands[b]; l.chosen && l.sel >= int(bd.first) && l.sel <= int(bd.last) {
		return -1
	}
	return b
}

// members are the band's arrows revealed by event cur: [first, last].
func (tl *timeline) members(b, cur int) (int, int) {
	bd := tl.bands[b]
	last := int(bd.first)
	for a := int(bd.first) + 1; a <= int(bd.last) && tl.revealed(a, cur); a++ {
		last = a
	}
	return int(bd.first), last
}

// bandShape is a band's arrow: from its first sending to its last
// arrival, its head where the present is until every segment is done.
func (l *ladder) bandShape(g ladderGeom, b int) arrowShape {
	first, last := l.tl.members(b, l.cur)
	s := l.shape(g, first)
	r1 := int(l.tl.arrows[first].r1)
	done, any := true, false
	for a := first; a <= last; a++ {
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
	first, last := tl.members(b, cur)
	ar := &tl.arrows[first]
	nb := numbering{rel: rel, seq: tl.iss[ar.from], ack: tl.iss[ar.from.Peer()]}
	lo := tl.ev[ar.send].Seg.Seq
	hi := lo
	lost := 0
	for a := first; a <= last; a++ {
		seg := &tl.ev[tl.arrows[a].send].Seg
		if end := seg.Seq.Add(seg.Len); hi.LessThan(end) {
			hi = end
		}
		if tl.arrows[a].lost {
			lost++
		}
	}
	p := tl.p
	n := p.N(msg.LadderBand, last-first+1, nil)
	rng := "seq=" + nb.num(lo, nb.seq) + "–" + nb.num(hi, nb.seq)
	if lost == 0 {
		return []string{n + " " + rng, n}
	}
	l := p.N(msg.LadderBandLost, lost, nil)
	return []string{n + " " + rng + " " + l, n + " " + l, n}
}
