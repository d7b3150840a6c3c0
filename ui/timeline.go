package ui

import (
	"math"
	"sort"
	"time"

	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"

	"github.com/tcpsim/tcpsim/fsm"
)

// timeline is a trace plus everything the screen needs to find in it
// without walking it: built once per run (O(n)), then every frame reads
// only what is visible.
//
// Time runs down the ladder in rows. Events at the same virtual time form
// a group; inside a group every endpoint gets one slot (row) per thing
// written on its lifeline (an arriving segment, a state change, a call).
// Between groups the gap is proportional to the time elapsed, measured in
// quarters of the link delay, and capped: long waits (RTO, 2MSL) are
// compressed and drawn with dashed lifelines.
type timeline struct {
	tr        *trace.Trace
	stop      *sim.LimitError // the limit that stopped the run (limits.go), or nil
	labBudget bool            // that limit was the lab's own event budget
	ev        []trace.Event
	unit      time.Duration // time worth one row in a gap

	groups  []group
	evGroup []int32 // event -> group
	evRow   []int32 // event -> row of its slot
	present []int32 // event -> the present row once it is revealed (monotonic)

	arrows  []arrow
	evArrow []int32      // send, dup, deliver and drop events -> arrow (-1)
	blocks  []arrowBlock // the rows each run of arrowBlockLen arrows spans (arrowsIn)
	rows    int          // total rows

	ix  *trace.Index // the trace's own index: arrivals, states, TCBs
	p   *msg.Printer // the language the lab speaks
	idx []evIndex    // per event: where to find what only the lab draws

	labelCache [2][][]string // [raw, relative] arrow -> labels, filled as arrows come on screen
	iss        [2]fsm.Seq    // each side's ISS, the base of relative numbers (numbers.go)
	wscale     [2]int8       // each side's window scale shift, -1: none
	zoom       int           // time zoom the rows were laid out for (zoom.go)
	bands      []band        // bursts of data drawn as one arrow (bands.go)
	bandOf     []int32       // arrow -> its band, -1

	restarts map[int32]bool // 2MSL timer restarted in TIME-WAIT (a retransmitted FIN)
	conns    *trace.Conns   // each side's connection records (conns.go)
	nameW    int            // the widest connName: 1 ("A") with one record per side
}

// labels returns an arrow's labels, longest first (cached), with raw or
// relative numbers.
func (tl *timeline) labels(a int, rel bool) []string {
	r := 0
	if rel {
		r = 1
	}
	if tl.labelCache[r] == nil {
		tl.labelCache[r] = make([][]string, len(tl.arrows))
	}
	if tl.labelCache[r][a] == nil {
		tl.labelCache[r][a] = arrowLabels(tl, a, rel)
	}
	return tl.labelCache[r][a]
}

// group is the events at one virtual time.
type group struct {
	t          time.Duration
	first, end int32 // events [first, end)
	start      int32 // first row
	rows       int32
	gap        int32 // rows of gap before it
	compressed bool  // the gap before it is shorter than the time it stands for
}

// arrow is one segment on the ladder: a transmission, or the extra copy
// of a duplicated one.
type arrow struct {
	send   int32 // the KSend (or KDup) event
	recv   int32 // the KDeliver event, -1 if it never arrives
	r0, r1 int32 // rows at the sender and at (or where it would reach) the receiver
	from   trace.Side
	lost   bool
	dup    bool // the link's extra copy
}

// evIndex locates, after an event, the latest of each kind of record.
type evIndex struct {
	state [2]int32                // last state change per side
	trans int32                   // last state change of either side
	timer [2][fsm.NumTimers]int32 // last timer event per side and timer
	arrow int32                   // last arrow revealed
	sent  [2]int32                // last KSend per side
	fin   [2]int32                // last KSend carrying a FIN per side
	links int32                   // last OpLink call
}

const (
	chunkRows = 32
	maxGap    = 4 // rows a long wait is compressed to
)

// rowUnit picks the time one gap row stands for: a quarter of the
// shortest positive link delay, so a typical crossing spans four rows.
func rowUnit(delay [2]time.Duration) time.Duration {
	d := time.Duration(0)
	for _, l := range delay {
		if l > 0 && (d == 0 || l < d) {
			d = l
		}
	}
	if d == 0 {
		return 10 * time.Millisecond
	}
	return max(d/4, time.Microsecond)
}

// noteTimer reports whether a timer event is written on the lifeline.
func noteTimer(ev *trace.Event) bool {
	return ev.TimerEv == trace.TimerFired && ev.Timer != fsm.TimerDelayedACK
}

// maxGap is the rows a long wait is compressed to: more when zoomed in,
// so a zoom spreads a busy stretch rather than dashing its gaps.
func (tl *timeline) maxGap() int64 { return maxGap << max(tl.zoom, 0) }

func newTimeline(tr *trace.Trace) *timeline { return newTimelineIn(tr, 0, msg.English()) }

// newTimelineIn lays a trace out with a time zoom (each step in makes a
// row stand for half the time) and a language: the rows a lifeline note
// takes depend on its words.
func newTimelineIn(tr *trace.Trace, zoom int, p *msg.Printer) *timeline {
	evs := tr.Events
	n := len(evs)
	tl := &timeline{
		tr: tr, ev: evs, unit: zoomUnit(rowUnit(tr.Delay), zoom), zoom: zoom, p: p, ix: tr.Index(),
		evGroup: make([]int32, n), evRow: make([]int32, n), present: make([]int32, n),
		evArrow: make([]int32, n), idx: make([]evIndex, n),
	}
	tl.restarts = map[int32]bool{}
	tl.findConns() // before the notes are measured: they name connections
	for i := 0; i < n; {
		j := i
		for j < n && evs[j].T == evs[i].T {
			j++
		}
		tl.groups = append(tl.groups, tl.layGroup(i, j))
		i = j
	}
	tl.endArrows()
	tl.buildIndex()
	tl.findISS()
	tl.findScales()
	tl.findBands()
	return tl
}

// slots hands out rows on each lifeline within one group.
type slots struct {
	slot                   [2]int32
	hasIn, hasOut, hasNote [2]bool
	entered                [2]bool  // entered TIME-WAIT in this group
	wrapped                [2]int32 // rows a wrapped note still holds below its slot
}

func (sl *slots) next(s trace.Side, atLeast int32) {
	sl.slot[s] = max(sl.slot[s]+1+sl.wrapped[s], atLeast)
	sl.wrapped[s] = 0
	sl.hasIn[s], sl.hasOut[s], sl.hasNote[s] = false, false, false
}

func (sl *slots) note(s trace.Side) {
	if sl.slot[s] < 0 || sl.hasNote[s] {
		sl.next(s, 0)
	}
	sl.hasNote[s] = true
}

// layGroup places the events [i, j), which share one virtual time: a gap
// after the previous group, then a row per thing on each lifeline.
func (tl *timeline) layGroup(i, j int) group {
	evs := tl.ev
	g := group{t: evs[i].T, first: int32(i), end: int32(j)}
	row := int32(0)
	if k := len(tl.groups); k > 0 {
		prev := &tl.groups[k-1]
		ideal := int64(math.Round(float64(g.t-prev.t) / float64(tl.unit)))
		extra := ideal - 1
		if cap := tl.maxGap(); extra > cap {
			extra, g.compressed = cap, true
		}
		g.gap = int32(max(extra, 0))
		row = prev.start + prev.rows + g.gap
	}
	g.start = row
	sl := slots{slot: [2]int32{-1, -1}}
	gi := int32(len(tl.groups))
	runMax := row
	for k := i; k < j; k++ {
		tl.evArrow[k] = -1
		tl.slotFor(&sl, k, row, gi)
		r := row + sl.slot[evs[k].Side]
		tl.evGroup[k] = gi
		tl.evRow[k] = r
		runMax = max(runMax, r)
		tl.present[k] = runMax
		tl.addArrow(k, r)
	}
	g.rows = max(sl.slot[0]+sl.wrapped[0], sl.slot[1]+sl.wrapped[1]) + 1
	return g
}

// slotFor moves event k's lifeline to the slot the event is drawn in.
func (tl *timeline) slotFor(sl *slots, k int, row, gi int32) {
	ev := &tl.ev[k]
	s := ev.Side
	switch ev.Kind {
	case trace.KDeliver:
		// An arrival in the same group as its sending must not be drawn
		// above it.
		atLeast := int32(0)
		if a, ok := tl.arrowOf(tl.ix, ev); ok && tl.evGroup[tl.arrows[a].send] == gi {
			atLeast = tl.arrows[a].r0 - row
		}
		sl.next(s, atLeast)
		sl.hasIn[s] = true
	case trace.KSend:
		// A reply starts below the arrival that caused it, so the two
		// arrows never share cells at the lifeline.
		if sl.slot[s] < 0 || sl.hasOut[s] || sl.hasIn[s] {
			sl.next(s, 0)
		}
		sl.hasOut[s] = true
	case trace.KDrop, trace.KDup:
		if sl.slot[s] < 0 {
			sl.next(s, 0)
		}
	case trace.KUser:
		if sl.slot[s] < 0 || sl.hasNote[s] || sl.hasIn[s] || sl.hasOut[s] {
			sl.next(s, 0)
		}
		sl.hasNote[s] = true
	case trace.KState, trace.KData, trace.KError:
		sl.note(s)
		sl.wrapped[s] = tl.noteRows(k) - 1
		if ev.Kind == trace.KState {
			sl.entered[s] = ev.To == fsm.TimeWait
		}
	case trace.KTimer:
		if ev.Timer == fsm.TimerTimeWait && ev.TimerEv == trace.TimerArmed && tl.ix.StateBefore(k, s) == fsm.TimeWait && !sl.entered[s] {
			tl.restarts[int32(k)] = true
			sl.note(s)
			sl.wrapped[s] = tl.noteRows(k) - 1
		} else if noteTimer(ev) {
			sl.note(s)
			sl.wrapped[s] = tl.noteRows(k) - 1
		} else if sl.slot[s] < 0 {
			sl.next(s, 0)
		}
	}
}

// addArrow indexes event k, drawn at row r: a send or the link's copy
// starts an arrow; an arrival or a drop belongs to one.
func (tl *timeline) addArrow(k int, r int32) {
	ev := &tl.ev[k]
	switch ev.Kind {
	case trace.KSend:
		tl.evArrow[k] = int32(len(tl.arrows))
		tl.arrows = append(tl.arrows, arrow{send: int32(k), recv: -1, r0: r, from: ev.Side, lost: ev.Lost})
	case trace.KDup:
		tl.evArrow[k] = int32(len(tl.arrows))
		tl.arrows = append(tl.arrows, arrow{send: int32(k), recv: -1, r0: r, from: ev.Side, dup: true})
	case trace.KDrop:
		if a := tl.ix.Send(ev.ID); a >= 0 && a < k {
			tl.evArrow[k] = tl.evArrow[a]
		}
	case trace.KDeliver:
		if a, ok := tl.arrowOf(tl.ix, ev); ok {
			tl.arrows[a].recv = int32(k)
			tl.arrows[a].r1 = r
			tl.evArrow[k] = a
		}
	}
}

// endArrows ends segments that never arrive where they would have, and
// notes the rows each block of arrows spans. (Filing every arrow under
// each chunk of rows it crossed cost memory in proportion to arrows times
// segments in flight: 500 MB for a 300,000-event run at MSS 1.)
func (tl *timeline) endArrows() {
	tl.rows = 0
	if k := len(tl.groups); k > 0 {
		tl.rows = int(tl.groups[k-1].start + tl.groups[k-1].rows)
	}
	tl.blocks = make([]arrowBlock, (len(tl.arrows)+arrowBlockLen-1)/arrowBlockLen)
	for a := range tl.arrows {
		ar := &tl.arrows[a]
		if ar.recv < 0 {
			ar.r1 = max(ar.r0, int32(math.Round(tl.rowAt(tl.ev[ar.send].Arrive))))
			tl.rows = max(tl.rows, int(ar.r1)+1)
		}
		b := &tl.blocks[a/arrowBlockLen]
		if a%arrowBlockLen == 0 || ar.r0 < b.r0 {
			b.r0 = ar.r0
		}
		b.r1 = max(b.r1, ar.r1)
	}
}

// arrowOf is the arrow an arrival (or drop) belongs to: its transmission,
// or the link's extra copy of it.
func (tl *timeline) arrowOf(ix *trace.Index, ev *trace.Event) (int32, bool) {
	k := ix.Send(ev.ID)
	if ev.Dup {
		k = ix.Copy(ev.ID)
	}
	if k < 0 || tl.evArrow[k] < 0 {
		return -1, false
	}
	return tl.evArrow[k], true
}

func (tl *timeline) buildIndex() {
	cur := evIndex{state: [2]int32{-1, -1}, trans: -1, arrow: -1, sent: [2]int32{-1, -1}, fin: [2]int32{-1, -1}, links: -1}
	for s := range cur.timer {
		for t := range cur.timer[s] {
			cur.timer[s][t] = -1
		}
	}
	for i := range tl.ev {
		ev := &tl.ev[i]
		k := int32(i)
		switch ev.Kind {
		case trace.KState:
			cur.state[ev.Side] = k
			cur.trans = k
		case trace.KTimer:
			if ev.Timer < fsm.NumTimers {
				cur.timer[ev.Side][ev.Timer] = k
			}
		case trace.KSend:
			cur.sent[ev.Side] = k
			cur.arrow = tl.evArrow[i]
			if ev.Seg.Flags.Has(fsm.FIN) && !ev.Injected {
				cur.fin[ev.Side] = k
			}
		case trace.KDup:
			cur.arrow = tl.evArrow[i]
		case trace.KUser:
			if ev.Op == trace.OpLink {
				cur.links = k
			}
		}
		tl.idx[i] = cur
	}
}

// rowAt maps a virtual time to a (fractional) row: the start of its group,
// or between groups in proportion to the time elapsed.
func (tl *timeline) rowAt(t time.Duration) float64 {
	gs := tl.groups
	if len(gs) == 0 {
		return 0
	}
	g := sort.Search(len(gs), func(i int) bool { return gs[i].t > t }) - 1
	if g < 0 {
		return float64(gs[0].start) - float64(gs[0].t-t)/float64(tl.unit)
	}
	if gs[g].t == t {
		return float64(gs[g].start)
	}
	end := float64(gs[g].start + gs[g].rows - 1)
	if g+1 >= len(gs) {
		return end + float64(t-gs[g].t)/float64(tl.unit)
	}
	frac := float64(t-gs[g].t) / float64(gs[g+1].t-gs[g].t)
	return end + frac*(float64(gs[g+1].start)-end)
}

// timeAtRow is the inverse of rowAt, used while playing: the present
// moves down the ladder at a steady number of rows per second.
func (tl *timeline) timeAtRow(r float64) time.Duration {
	gs := tl.groups
	if len(gs) == 0 || r <= float64(gs[0].start) {
		return 0
	}
	g := sort.Search(len(gs), func(i int) bool { return float64(gs[i].start) > r }) - 1
	end := float64(gs[g].start + gs[g].rows - 1)
	if r <= end || g+1 >= len(gs) {
		return gs[g].t
	}
	frac := (r - end) / (float64(gs[g+1].start) - end)
	return gs[g].t + time.Duration(frac*float64(gs[g+1].t-gs[g].t))
}

// revealedAt is the last event revealed when the present is at row r.
func (tl *timeline) revealedAt(r float64) int {
	return sort.Search(len(tl.present), func(i int) bool { return float64(tl.present[i]) > r }) - 1
}

// presentRow is the row of the present for a cursor and a time.
func (tl *timeline) presentRow(cur int, now time.Duration) float64 {
	if cur < 0 || len(tl.ev) == 0 {
		return -1
	}
	g := &tl.groups[tl.evGroup[cur]]
	if now <= g.t || int32(cur) != g.end-1 {
		return float64(tl.present[cur])
	}
	return math.Max(float64(tl.present[cur]), tl.rowAt(now))
}

// lastRow is the row the present reaches at the end of the trace.
func (tl *timeline) lastRow() float64 {
	if len(tl.present) == 0 {
		return 0
	}
	return float64(tl.present[len(tl.present)-1])
}

// groupsIn returns the groups overlapping rows [top, bottom).
func (tl *timeline) groupsIn(top, bottom int) (int, int) {
	gs := tl.groups
	lo := sort.Search(len(gs), func(i int) bool { return int(gs[i].start+gs[i].rows) > top })
	hi := sort.Search(len(gs), func(i int) bool { return int(gs[i].start) >= bottom })
	return lo, hi
}

// arrowBlock is the rows a run of arrowBlockLen consecutive arrows spans.
type arrowBlock struct{ r0, r1 int32 }

const arrowBlockLen = 64

// arrowsIn returns the arrows overlapping rows [top, bottom), each once,
// in the order of the chunk of rows where each first shows, then by
// number. Only the blocks that reach the rows are looked into.
func (tl *timeline) arrowsIn(top, bottom int, buf []int32) []int32 {
	buf = buf[:0]
	if top < 0 {
		top = 0
	}
	for bi, b := range tl.blocks {
		if int(b.r1) < top || int(b.r0) >= bottom {
			continue
		}
		for a := bi * arrowBlockLen; a < min((bi+1)*arrowBlockLen, len(tl.arrows)); a++ {
			if ar := &tl.arrows[a]; int(ar.r1) >= top && int(ar.r0) < bottom {
				buf = append(buf, int32(a))
			}
		}
	}
	first := func(a int32) int { return max(int(tl.arrows[a].r0), top) / chunkRows }
	sort.SliceStable(buf, func(i, j int) bool { return first(buf[i]) < first(buf[j]) })
	return buf
}
