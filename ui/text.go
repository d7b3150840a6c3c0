package ui

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/trace"

	"github.com/tcpsim/tcpsim/fsm"
)

// Words the screen uses for the trace. Everything a student reads is
// built here so the ladder, the log and the inspector say the same thing.

// segLabels returns labels for a segment, longest first:
// "SYN,ACK seq=300 ack=101", "FIN,ACK seq=151 ack=301", "ACK ack=301",
// "PSH,ACK seq=101 ack=301 len=5".
func segLabels(seg *fsm.Segment) []string { return segLabelsIn(seg, numbering{}) }

// numbering is how the ladder writes seq and ack: raw, or relative to
// each side's ISS (as Wireshark does) when rel is set.
type numbering struct {
	rel      bool
	seq, ack fsm.Seq // the bases: the sender's ISS and the receiver's
}

func (nb numbering) num(x, base fsm.Seq) string {
	if nb.rel {
		return strconv.FormatInt(int64(x.Sub(base)), 10)
	}
	return strconv.FormatUint(uint64(x), 10)
}

func segLabelsIn(seg *fsm.Segment, nb numbering) []string {
	flags := seg.Flags.String()
	hasAck := seg.Flags.Has(fsm.ACK)
	showSeq := seg.Len > 0 || seg.Flags&(fsm.SYN|fsm.FIN|fsm.RST) != 0 || !hasAck
	seq := "seq=" + nb.num(seg.Seq, nb.seq)
	ack := "ack=" + nb.num(seg.Ack, nb.ack)
	ln := "len=" + strconv.FormatUint(uint64(seg.Len), 10)
	var full []string
	full = append(full, flags)
	if showSeq {
		full = append(full, seq)
	}
	if hasAck {
		full = append(full, ack)
	}
	if seg.Len > 0 {
		full = append(full, ln)
		return []string{strings.Join(full, " "), seq + " " + ln, ln}
	}
	out := []string{strings.Join(full, " ")}
	if showSeq && hasAck {
		out = append(out, flags+" "+seq)
	}
	return append(out, flags)
}

// arrowTag is the short mark after a label: retransmission, duplicate...
func arrowTag(tl *timeline, a int) string {
	ar := &tl.arrows[a]
	ev := &tl.ev[ar.send]
	p := tl.p
	switch {
	case ar.dup:
		return p.T(msg.TagLinkCopy, nil)
	case ev.Injected:
		return p.T([...]msg.ID{msg.TagInjected, msg.TagForged, msg.TagInjectedOther}[trace.InjectedKind(ev.Seg.Flags)], nil)
	case ev.Reason == fsm.ReasonRetransmit:
		return p.T(msg.TagRetransmit, msg.Args{"N": ev.Retx})
	case ev.Reorder && !ar.lost:
		return p.T(msg.TagReordered, nil)
	case ev.Held && !ar.lost:
		return p.T(msg.TagHeld, nil)
	case ev.Challenge():
		return p.T(msg.TagChallenge, nil)
	}
	return ""
}

// arrowLabels combines segLabels and the tag.
func arrowLabels(tl *timeline, a int, rel bool) []string {
	ar := &tl.arrows[a]
	nb := tl.numberingOf(ar, rel) // conns.go
	ls := segLabelsIn(&tl.ev[ar.send].Seg, nb)
	tag := arrowTag(tl, a)
	if tag == "" {
		return ls
	}
	out := make([]string, 0, len(ls)+1)
	for _, l := range ls {
		out = append(out, l+" ("+tag+")")
	}
	return append(out, ls[len(ls)-1]+" "+strings.Fields(tag)[0], ls[len(ls)-1])
}

// fmtShort prints a duration compactly: 50ms, 1s, 1.5s, 2m0s.
func fmtShort(d time.Duration) string {
	switch {
	case d == 0:
		return "0"
	case d < time.Millisecond:
		return strconv.FormatInt(d.Microseconds(), 10) + "µs"
	case d < time.Second:
		ms := float64(d) / float64(time.Millisecond)
		return strconv.FormatFloat(ms, 'f', -1, 64) + "ms"
	case d < time.Minute:
		return strconv.FormatFloat(d.Seconds(), 'f', -1, 64) + "s"
	}
	return d.Truncate(time.Second).String()
}

// userCall is how a user call is written on a lifeline: the call as a
// program writes it (close(), send(5)), or what happened.
func userCall(ev *trace.Event, p *msg.Printer) string {
	switch ev.Op {
	case trace.OpSend:
		return fmt.Sprintf("send(%d)", ev.N)
	case trace.OpLink:
		return p.T(msg.LabNoteLink, nil)
	case trace.OpCrash:
		return p.T(msg.LabNoteCrash, nil)
	}
	return ev.Op.String() + "()"
}

var signalShortIDs = map[fsm.Signal]msg.ID{
	fsm.SigReset: msg.LabShortReset, fsm.SigRefused: msg.LabShortRefused, fsm.SigTimedOut: msg.LabShortTimedOut,
	fsm.ErrExists: msg.LabShortExists, fsm.ErrNoConn: msg.LabShortNoConn, fsm.ErrClosingCall: msg.LabShortClosing,
	fsm.ErrUnspecified: msg.LabShortNoPeer, fsm.SigTrouble: msg.LabShortTrouble, fsm.ErrBadRemote: msg.LabShortBadAddr,
	fsm.ErrPortInUse: msg.LabShortPortInUse,
}

// signalShort is a user signal in a few words.
func signalShort(s fsm.Signal, p *msg.Printer) string {
	if id, ok := signalShortIDs[s]; ok {
		return p.T(id, nil)
	}
	return trace.SignalText(s, p)
}

// lifelineNote is what an event writes beside its lifeline, with its pen.
func lifelineNote(ev *trace.Event, p *msg.Printer) (string, pen, bool) {
	switch ev.Kind {
	case trace.KUser:
		return userCall(ev, p), pDim, true
	case trace.KState:
		return ev.To.String(), sidePen(uint8(ev.Side), true), true
	case trace.KData:
		if ev.EOF {
			return p.T(msg.LabNoteReadsEOF, nil), pDim, true
		}
		return p.T(msg.LabNoteReads, msg.Args{"N": ev.N}), pDim, true
	case trace.KError:
		return signalShort(ev.Sig, p), pLost, true
	case trace.KTimer:
		if noteTimer(ev) {
			// Lifeline notes are narrow; say it in as few cells.
			switch ev.Timer {
			case fsm.TimerTimeWait:
				return p.T(msg.LabNoteTWEnd, nil), pWarn, true
			case fsm.TimerFinWait2:
				return p.T(msg.LabNoteFW2Timeout, nil), pWarn, true
			}
			return p.T(msg.LabNoteFired, msg.Args{"Timer": trace.TimerText(ev.Timer, p)}), pWarn, true
		}
	}
	return "", pNone, false
}

// describe is one event as a line of the log.
func describe(ev *trace.Event, p *msg.Printer) (string, pen) {
	seg := func() msg.Args { return msg.Args{"Seg": segLabels(&ev.Seg)[0]} }
	switch ev.Kind {
	case trace.KUser:
		return p.T(msg.LogCalls, msg.Args{"Call": userCall(ev, p)}), pNone
	case trace.KSend:
		id, args := msg.LogSends, seg()
		switch {
		case ev.Injected:
			id = [...]msg.ID{msg.LogSendsInjected, msg.LogSendsForged, msg.LogSendsInjectedOther}[trace.InjectedKind(ev.Seg.Flags)]
		case ev.Reason == fsm.ReasonRetransmit:
			id, args["N"] = msg.LogSendsRetransmit, ev.Retx
		case ev.Reason == fsm.ReasonDelayedACK:
			id = msg.LogSendsDelayedACK
		case ev.Challenge():
			id = msg.LogSendsChallenge
		}
		if ev.Lost {
			return p.T(id, args), pLost
		}
		return p.T(id, args), sidePen(uint8(ev.Side), false)
	case trace.KDeliver:
		id := msg.LogReceives
		if ev.Dup {
			id = msg.LogReceivesCopy
		}
		return p.T(id, seg()), sidePen(uint8(ev.Side), false)
	case trace.KDrop:
		args := seg()
		args["Reason"] = trace.DropText(ev.Drop, p)
		return p.T(msg.LogLost, args), pLost
	case trace.KDup:
		return p.T(msg.LogLinkCopy, seg()), pWarn
	case trace.KState:
		s := ev.From.String() + " → " + ev.To.String()
		if r := ev.Rule(); r != nil {
			s += "  §" + r.RFC
		}
		return s, sidePen(uint8(ev.Side), true)
	case trace.KTimer:
		return describeTimer(ev, p)
	case trace.KData:
		if ev.EOF {
			return p.T(msg.LogReadsEOF, nil), pDim
		}
		return p.N(msg.LogReads, int(ev.N), nil), pDim
	case trace.KError:
		return p.T(msg.LogTold, msg.Args{"Error": trace.SignalText(ev.Sig, p)}), pLost
	}
	return ev.Kind.String(), pNone
}

// describeTimer is a timer event as a line of the log.
func describeTimer(ev *trace.Event, p *msg.Printer) (string, pen) {
	name := trace.TimerText(ev.Timer, p)
	switch ev.TimerEv {
	case trace.TimerArmed: // the TIME-WAIT timer's own line: timeWaitArmed
		return p.T(msg.LabLogTimerArmed, msg.Args{"Timer": name, "D": fmtShort(ev.Dur)}), pFaint
	case trace.TimerFired:
		return p.T(msg.LabLogTimer, msg.Args{"Timer": name, "What": p.T(msg.LabTimerFired, nil)}), pWarn
	}
	return p.T(msg.LabLogTimer, msg.Args{"Timer": name, "What": p.T(msg.LabTimerCancelled, nil)}), pFaint
}

// whySent explains why a segment was sent, in a sentence.
func whySent(tl *timeline, a int) string {
	ar := &tl.arrows[a]
	ev := &tl.ev[ar.send]
	p := tl.p
	if ar.dup {
		return p.T(msg.WhyLinkCopy, nil)
	}
	switch {
	case ev.Injected:
		return p.T([...]msg.ID{msg.WhyInjected, msg.WhyForged, msg.WhyInjectedOther}[trace.InjectedKind(ev.Seg.Flags)], nil)
	case ev.Reason == fsm.ReasonRetransmit:
		return p.T(msg.WhyRetransmit, msg.Args{"N": ev.Retx, "RTO": fmtShort(ev.Dur)})
	case ev.Reason == fsm.ReasonDelayedACK:
		return p.T(msg.WhyDelayedACK, nil)
	case ev.Reason == fsm.ReasonACK:
		return p.T(msg.WhyACK, nil)
	case ev.Reason == fsm.ReasonData:
		switch {
		case ev.Seg.Flags.Has(fsm.FIN) && ev.Seg.Len > 0:
			return p.T(msg.WhyDataFIN, nil)
		case ev.Seg.Flags.Has(fsm.FIN):
			return p.T(msg.WhyFIN, nil)
		}
		return p.T(msg.WhyData, nil)
	}
	if r := ev.Rule(); r != nil {
		id := msg.WhyRule
		if ev.Challenge() {
			id = msg.WhyChallengeRule
		}
		return p.T(id, msg.Args{"Rule": trace.RuleText(r, p), "Section": r.RFC})
	}
	return p.T(msg.WhyControl, nil)
}

// fate says what happened (or will) to a segment, as of event cur.
func fate(tl *timeline, a, cur int) (string, pen) {
	ar := &tl.arrows[a]
	ev := &tl.ev[ar.send]
	p := tl.p
	switch {
	case ar.lost:
		return p.T(msg.InspectLost, msg.Args{"Reason": dropWhy(tl, a), "T": trace.FormatDuration(ev.Arrive)}), pLost
	case ar.recv >= 0 && int(ar.recv) <= cur:
		id := msg.InspectDelivered
		if ev.Reorder {
			id = msg.InspectDeliveredReordered
		}
		return p.T(id, msg.Args{"T": trace.FormatDuration(tl.ev[ar.recv].T)}), pGood
	case ar.recv >= 0:
		return p.T(msg.InspectArrives, msg.Args{"T": trace.FormatDuration(tl.ev[ar.recv].T)}), pAccent
	}
	return p.T(msg.InspectInFlightEnd, nil), pDim
}

func dropWhy(tl *timeline, a int) string {
	k := int(tl.arrows[a].send) + 1
	if k < len(tl.ev) && tl.ev[k].Kind == trace.KDrop {
		return trace.DropText(tl.ev[k].Drop, tl.p)
	}
	return "lost"
}

// diagName is a state's name in the state diagram.
func diagName(s fsm.State) string { return s.String() }

// shortState abbreviates the longest state name where room is tight.
func shortState(s string, w int) string {
	if textWidth(s) <= w {
		return s
	}
	switch s {
	case "SYN-RECEIVED":
		s = "SYN-RCVD"
	case "ESTABLISHED":
		s = "ESTAB"
	}
	return truncate(s, w)
}

// fmtGap prints the time a compressed gap stands for, in a few cells.
func fmtGap(d time.Duration) string {
	switch {
	case d < time.Microsecond:
		return strconv.FormatInt(int64(d), 10) + "ns"
	case d < time.Millisecond:
		return strconv.FormatInt(int64(math.Round(float64(d)/float64(time.Microsecond))), 10) + "µs"
	case d < time.Second:
		return strconv.FormatInt(int64(math.Round(float64(d)/float64(time.Millisecond))), 10) + "ms"
	case d < 10*time.Second:
		return strconv.FormatFloat(d.Seconds(), 'f', 2, 64) + "s"
	case d < time.Minute:
		return strconv.FormatFloat(d.Seconds(), 'f', 1, 64) + "s"
	}
	return d.Round(time.Second).String()
}

// fmtClock prints virtual time in at most 8 cells, for narrow columns:
// 0.150s, 12.345s, 9m59.12s, 60m00.1s, 2h05m00s.
func fmtClock(d time.Duration) string {
	switch {
	case d < 100*time.Second:
		return strconv.FormatFloat(d.Seconds(), 'f', 3, 64) + "s"
	case d < 10*time.Minute:
		m := d / time.Minute
		return fmt.Sprintf("%dm%05.2fs", m, (d - m*time.Minute).Seconds())
	case d < 100*time.Minute:
		m := d / time.Minute
		return fmt.Sprintf("%dm%04.1fs", m, (d - m*time.Minute).Seconds())
	}
	h := d / time.Hour
	m := (d - h*time.Hour) / time.Minute
	sec := (d - h*time.Hour - m*time.Minute) / time.Second
	return fmt.Sprintf("%dh%02dm%02ds", h, m, sec)
}

// fitClock is a countdown in at most w cells if it can be: fewer digits
// rather than a cut ("4.000s", "4.00s", "4.0s", "4s").
func fitClock(d time.Duration, w int) string {
	forms := []string{trace.FormatDuration(d), fmtGap(d),
		strconv.FormatFloat(d.Seconds(), 'f', 1, 64) + "s", strconv.FormatFloat(math.Round(d.Seconds()), 'f', 0, 64) + "s"}
	for _, s := range forms {
		if textWidth(s) <= w {
			return s
		}
	}
	return forms[len(forms)-1]
}
