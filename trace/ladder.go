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
	mid     string        // arrows and segment
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
// arrival share a line when nothing happens in between.
//
// p chooses the language of the notes; nil is English.
func WriteLadder(w io.Writer, tr *Trace, p *msg.Printer) error {
	if p == nil {
		p = msg.English()
	}
	lines := ladderLines(tr, p)
	var b strings.Builder
	fmt.Fprintf(&b, "      %15s  %-12s %-50s %s\n", "", "A "+tr.Ends[A].String(), "", "B "+tr.Ends[B].String())
	for i, l := range lines {
		num := fmt.Sprintf("%d.", i+1)
		when := FormatDuration(l.t)
		if l.segLine && l.last != l.t {
			// Sent and arrived on one line: show both instants, since the
			// receiver's state is the one after arrival.
			when = strings.TrimSuffix(when, "s") + "→" + FormatDuration(l.last)
		}
		row := fmt.Sprintf("%-5s %15s  %-12s %-50s %-12s", num, when, l.left, l.mid, l.right)
		if len(l.notes) > 0 {
			row += "  " + strings.Join(l.notes, "; ")
		}
		b.WriteString(strings.TrimRight(row, " "))
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	b.WriteString(p.T(msg.LadderFinal, msg.Args{"A": tr.Final[A].String(), "B": tr.Final[B].String(), "T": FormatDuration(tr.End)}))
	b.WriteByte('\n')
	_, err := io.WriteString(w, b.String())
	return err
}

// starts reports whether an event begins its own line.
func starts(ev *Event) bool {
	switch ev.Kind {
	case KUser, KSend, KDeliver:
		return true
	case KTimer:
		return ev.TimerEv == TimerFired && (ev.Timer == fsm.TimerTimeWait || ev.Timer == fsm.TimerFinWait2)
	}
	return false
}

func arrows(from Side, sent, arrived bool, lost bool, seg string) string {
	const w = 42
	pad := seg + strings.Repeat(" ", max(0, w-len(seg)))
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
	return l + " " + pad + " " + r
}

func ladderLines(tr *Trace, p *msg.Printer) []ladderLine {
	evs := tr.Events
	ix := tr.Index()
	var lines []ladderLine
	state := [2]fsm.State{fsm.Closed, fsm.Closed}
	merged := map[int]int{} // deliver event index -> line index
	cur := -1
	open := func(t time.Duration, side Side) *ladderLine {
		lines = append(lines, ladderLine{t: t, last: t})
		cur = len(lines) - 1
		l := &lines[cur]
		l.sides[side] = true
		return l
	}
	show := func(l *ladderLine) {
		if l.sides[A] {
			l.left = state[A].String()
		}
		if l.sides[B] {
			l.right = state[B].String()
		}
	}
	note := func(side Side, t time.Duration, text string) {
		if cur >= 0 && lines[cur].last == t && lines[cur].sides[side] {
			lines[cur].notes = append(lines[cur].notes, text)
			return
		}
		l := open(t, side)
		show(l)
		l.notes = append(l.notes, text)
	}
	for i := range evs {
		ev := &evs[i]
		switch ev.Kind {
		case KUser:
			l := open(ev.T, ev.Side)
			show(l)
			l.notes = append(l.notes, mustNote(ev, p))
		case KSend:
			j := ix.Arrival(ev.ID)
			canMerge := j >= 0 && !ev.Lost
			if canMerge {
				for k := i + 1; k < j; k++ {
					if starts(&evs[k]) {
						canMerge = false
						break
					}
				}
			}
			l := open(ev.T, ev.Side)
			l.segLine = true
			l.mid = arrows(ev.Side, true, canMerge, ev.Lost, segText(ev.Seg))
			show(l)
			if ev.Injected {
				// Not sent by the endpoint: an old duplicate appearing from the network.
				l.sides[ev.Side] = false
				if ev.Side == A {
					l.left = "(duplicate)"
				} else {
					l.right = "(duplicate)"
				}
			}
			if canMerge {
				l.sides[ev.Side.Peer()] = true
				merged[j] = cur
			}
			for _, n := range SendNotes(ev) {
				l.notes = append(l.notes, p.Say(n))
			}
		case KDrop:
			if cur >= 0 {
				lines[cur].notes = append(lines[cur].notes, mustNote(ev, p))
			}
		case KDup:
			if cur >= 0 {
				lines[cur].notes = append(lines[cur].notes, mustNote(ev, p))
			}
		case KDeliver:
			if li, ok := merged[i]; ok {
				cur = li
				lines[li].last = ev.T
				show(&lines[li])
				continue
			}
			l := open(ev.T, ev.Side)
			l.segLine = true
			l.mid = arrows(ev.Side.Peer(), false, true, false, segText(ev.Seg))
			show(l)
			if ev.Dup {
				l.notes = append(l.notes, p.T(msg.ArriveDuplicate, nil))
			}
			if ev.Injected {
				l.notes = append(l.notes, p.T(msg.ArriveInjected, nil))
			}
		case KState:
			state[ev.Side] = ev.To
			if cur >= 0 && lines[cur].last == ev.T && lines[cur].sides[ev.Side] {
				show(&lines[cur])
				continue
			}
			l := open(ev.T, ev.Side)
			show(l)
		case KTimer:
			if starts(ev) {
				l := open(ev.T, ev.Side)
				show(l)
				l.notes = append(l.notes, mustNote(ev, p))
			}
		case KData:
			note(ev.Side, ev.T, mustNote(ev, p))
		case KError:
			note(ev.Side, ev.T, mustNote(ev, p))
		}
	}
	return lines
}

func mustNote(ev *Event, p *msg.Printer) string {
	n, _ := Note(ev, p)
	return n
}
