package trace

import (
	"fmt"
	"github.com/tcpsim/tcpsim/msg"
	"io"
	"strings"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
)

// ladderLine is one numbered line of the text ladder.
type ladderLine struct {
	t       time.Duration
	last    time.Duration // time of the latest event merged into the line
	left    string        // A's state, or ""
	right   string        // B's state, or ""
	arrow   [2]string     // the arrow heads at A's and B's side, or ""
	seg     string        // the segment, between the arrow heads
	notes   []string
	sides   [2]bool // which endpoints this line speaks for
	segLine bool
}

// segText is the RFC-figure rendering of a segment.
func segText(seg fsm.Segment) string { return seg.String() }

// FormatDuration prints virtual time compactly: 0.150s, 12.000s, 2m0.000s.
func FormatDuration(d time.Duration) string {
	if d < time.Minute {
		return fmt.Sprintf("%.3fs", d.Seconds())
	}
	m := d / time.Minute
	return fmt.Sprintf("%dm%06.3fs", m, (d - m*time.Minute).Seconds())
}

// WriteLadder prints the trace in the style of the RFC 9293 figures: one
// numbered line per event a reader cares about; a segment's sending and
// arrival share a line when nothing happens in between. Lines are as
// long as their notes: WriteLadderWidth fits a terminal.
//
// p chooses the language of the notes; nil is English.
func WriteLadder(w io.Writer, tr *Trace, p *msg.Printer) error {
	return WriteLadderWidth(w, tr, p, 0)
}

// when is the line's time: both instants when sent and arrived on one
// line, since the receiver's state is the one after arrival.
func (l *ladderLine) when() string {
	when := FormatDuration(l.t)
	if l.segLine && l.last != l.t {
		when = strings.TrimSuffix(when, "s") + "→" + FormatDuration(l.last)
	}
	return when
}

// starts reports whether an event begins its own line.
func starts(ev *Event) bool {
	switch ev.Kind {
	case KUser, KSend, KDeliver:
		return true
	case KTimer:
		return ev.TimerEv == TimerFired && (ev.Timer == fsm.TimerTimeWait || ev.Timer == fsm.TimerFinWait2 || ev.Timer == fsm.TimerKeepalive)
	}
	return false
}

// arrows are the heads at A's and B's ends of a segment's line.
func arrows(from Side, sent, arrived bool, lost bool) [2]string {
	l, r := "   ", "   "
	if from == A {
		if sent {
			l = "-->"
		} else {
			l = "..."
		}
		switch {
		case lost:
			r = "-X "
		case arrived:
			r = "-->"
		default:
			r = "..."
		}
	} else {
		if sent {
			r = "<--"
		} else {
			r = "..."
		}
		switch {
		case lost:
			l = " X-"
		case arrived:
			l = "<--"
		default:
			l = "..."
		}
	}
	return [2]string{l, r}
}

// ladderBuilder turns events into ladder lines, one event at a time.
type ladderBuilder struct {
	tr     *Trace
	ix     *Index
	p      *msg.Printer
	lines  []ladderLine
	state  [2]fsm.State
	merged map[int]int // deliver event index -> the line of its sending
	cur    int         // the latest line, -1: none
	conns  *Conns      // each side's connection records, named in notes (Index.Conns)
}

func ladderLines(tr *Trace, p *msg.Printer) []ladderLine {
	ix := tr.Index()
	lb := &ladderBuilder{tr: tr, ix: ix, p: p, merged: map[int]int{}, cur: -1, conns: ix.Conns()}
	for i := range tr.Events {
		lb.add(i)
	}
	return lb.lines
}

// open starts a line for side at t.
func (lb *ladderBuilder) open(t time.Duration, side Side) *ladderLine {
	lb.lines = append(lb.lines, ladderLine{t: t, last: t})
	lb.cur = len(lb.lines) - 1
	l := &lb.lines[lb.cur]
	l.sides[side] = true
	lb.show(l)
	return l
}

// show writes the states of the sides a line speaks for.
func (lb *ladderBuilder) show(l *ladderLine) {
	if l.sides[A] {
		l.left = lb.state[A].String()
	}
	if l.sides[B] {
		l.right = lb.state[B].String()
	}
}

// note adds text to the latest line if it is side's at t, else to a new one.
func (lb *ladderBuilder) note(side Side, t time.Duration, text string) {
	if c := lb.cur; c >= 0 && lb.lines[c].last == t && lb.lines[c].sides[side] {
		lb.lines[c].notes = append(lb.lines[c].notes, text)
		return
	}
	l := lb.open(t, side)
	l.notes = append(l.notes, text)
}

// noteLast adds text to the latest line, if any.
func (lb *ladderBuilder) noteLast(text string) {
	if lb.cur >= 0 {
		lb.lines[lb.cur].notes = append(lb.lines[lb.cur].notes, text)
	}
}

func (lb *ladderBuilder) add(i int) {
	ev := &lb.tr.Events[i]
	switch ev.Kind {
	case KUser:
		l := lb.open(ev.T, ev.Side)
		l.notes = append(l.notes, lb.mustNote(ev))
	case KSend:
		lb.send(i)
	case KDrop, KDup:
		lb.noteLast(lb.mustNote(ev))
	case KDeliver:
		lb.deliver(i)
	case KState:
		lb.state[ev.Side] = ev.To
		if c := lb.cur; c >= 0 && lb.lines[c].last == ev.T && lb.lines[c].sides[ev.Side] {
			lb.show(&lb.lines[c])
			return
		}
		lb.open(ev.T, ev.Side)
	case KTimer:
		if starts(ev) {
			l := lb.open(ev.T, ev.Side)
			l.notes = append(l.notes, lb.mustNote(ev))
		}
	case KData, KError:
		lb.note(ev.Side, ev.T, lb.mustNote(ev))
	}
}

// send draws a segment leaving; it shares the line with its arrival when
// nothing that starts a line happens in between.
func (lb *ladderBuilder) send(i int) {
	evs := lb.tr.Events
	ev := &evs[i]
	j := lb.ix.Arrival(ev.ID)
	canMerge := j >= 0 && !ev.Lost
	for k := i + 1; canMerge && k < j; k++ {
		canMerge = !starts(&evs[k])
	}
	l := lb.open(ev.T, ev.Side)
	l.segLine = true
	l.arrow, l.seg = arrows(ev.Side, true, canMerge, ev.Lost), segText(ev.Seg)
	if ev.Injected {
		// Not sent by the endpoint: the sender's column says what it is.
		l.sides[ev.Side] = false
		what := lb.p.T([...]msg.ID{msg.LadderDuplicate, msg.LadderForged, msg.LadderInjected}[InjectedKind(ev.Seg.Flags)], nil)
		if ev.Side == A {
			l.left = what
		} else {
			l.right = what
		}
	}
	if ev.Ports != [2]uint16{} { // not the endpoints' ports: say whose they are
		l.notes = append(l.notes, lb.p.T(msg.LadderPorts, msg.Args{"From": ev.Ports[0], "To": ev.Ports[1]}))
		if !ev.Injected { // the state of the connection that sent it, which may not be the application's
			l.sides[ev.Side] = false
			if ev.Side == A {
				l.left = ev.From.String()
			} else {
				l.right = ev.From.String()
			}
		}
	}
	if canMerge {
		l.sides[ev.Side.Peer()] = true
		lb.merged[j] = lb.cur
	}
	for _, n := range SendNotes(ev) {
		l.notes = append(l.notes, lb.p.Say(n))
	}
}

// deliver draws an arrival, on its sending's line if they were merged.
func (lb *ladderBuilder) deliver(i int) {
	ev := &lb.tr.Events[i]
	if li, ok := lb.merged[i]; ok {
		lb.cur = li
		lb.lines[li].last = ev.T
		lb.show(&lb.lines[li])
		return
	}
	l := lb.open(ev.T, ev.Side)
	l.segLine = true
	l.arrow, l.seg = arrows(ev.Side.Peer(), false, true, false), segText(ev.Seg)
	if ev.Dup {
		l.notes = append(l.notes, lb.p.T(msg.ArriveDuplicate, nil))
	}
	if ev.Injected {
		l.notes = append(l.notes, lb.p.T(msg.ArriveInjected, nil))
	}
}

func (lb *ladderBuilder) mustNote(ev *Event) string {
	n, _ := NoteAs(ev, lb.p, lb.conns.Name(ev.Side, ev.Conn, lb.p))
	return n
}
