package ui

// The scenario's key moments on the ladder: a ★ at the left edge of the
// time column, on the row of the moment's event (its note or its
// arrow), once the run has reached it. It takes only a blank cell, so
// it never covers a time or a label; the event log and i say the rest.

func (l *ladder) drawMoments(v view, g ladderGeom, top, bottom int) {
	if g.timeW == 0 {
		return
	}
	for _, k := range l.moments {
		if k < 0 || k > l.cur || k >= len(l.tl.evRow) {
			continue
		}
		r := int(l.tl.evRow[k])
		if r < top || r >= bottom {
			continue
		}
		for _, x := range []int{0, g.timeW - 1} { // the edge, else the gap before the notes
			if v.get(x, r-top).r == ' ' {
				v.set(x, r-top, '★', pAccent)
				break
			}
		}
	}
}
