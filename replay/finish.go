package replay

import (
	"github.com/tcpsim/tcpsim/trace"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
)

// ---- after the last segment ----

func (r *replayer) finish() {
	r.tr.Final = [2]fsm.State{r.ends[0].conn.State(), r.ends[1].conn.State()}
	if n := len(r.tr.Events); n > 0 {
		r.tr.End = r.tr.Events[n-1].T
	}
	// later[s][i]: the highest ACK side s sends after packet i.
	var later [2][]fsm.Seq
	var has [2][]bool
	for s := range later {
		later[s], has[s] = make([]fsm.Seq, len(r.pk)), make([]bool, len(r.pk))
	}
	var hi [2]fsm.Seq
	var any [2]bool
	for i := len(r.pk) - 1; i >= 0; i-- {
		for s := range later {
			later[s][i], has[s][i] = hi[s], any[s]
		}
		q := &r.pk[i]
		if s := r.sideOf(q); q.seg.Flags&fsm.ACK != 0 && (!any[s] || hi[s].LessThan(q.seg.Ack)) {
			hi[s], any[s] = q.seg.Ack, true
		}
	}
	last := [2]int{-1, -1}
	for i := range r.pk {
		last[r.sideOf(&r.pk[i])] = i
	}
	for i := range r.pk {
		r.cur, r.now = i, r.sendT[i]
		p := &r.pk[i]
		y := r.sideOf(p).Peer()
		seg := &p.seg
		switch {
		case seg.SegLen() > 0 && seg.Flags&fsm.RST == 0:
			if !has[y][i] || !seg.Seq.LessThan(later[y][i]) {
				r.note(Unseen, msg.ReplayUnacked, msg.Args{"Side": y.Upper()})
			}
		case last[y] < i && seg.Flags&fsm.RST == 0: // a RST gets no answer anyway
			r.note(Unseen, msg.ReplayAssumedArrived, msg.Args{"Side": y.Upper()})
		}
	}
	for s := trace.A; s <= trace.B; s++ {
		for _, o := range r.ends[s].out {
			if o.why != fsm.ReasonRetransmit && (o.seg.SegLen() > 0 || o.seg.Flags&fsm.RST != 0) {
				r.notes = append(r.notes, wholeNote(Unseen, msg.ReplayStillOwed, msg.Args{"Side": s.Upper(), "Seg": o.seg.String()}))
				r.notes[len(r.notes)-1].T = r.tr.End
			}
		}
	}
}
