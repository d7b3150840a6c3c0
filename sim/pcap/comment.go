package pcap

import (
	"strconv"
	"strings"
	"time"

	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/trace"

	"github.com/tcpsim/tcpsim/fsm"
)

// annotator holds what the comments need beyond the event itself.
type annotator struct {
	tr  *trace.Trace
	ix  *trace.Index
	p   *msg.Printer
	tap Tap
	b   []byte // the comment is appended to the caller's buffer, never made a string
	// the words every comment needs, looked up once per export
	sender, receiver, inFlight, linkCopy string
	// parts made once per export and copied after: each side's " A->B: "
	// and the states parts, by side, role and the two states
	arrow [2]string
	parts [][]byte
	// the text around T in "(arrives at T)", when the catalogue's text
	// prints T once as given (else the catalogue speaks every time)
	arrivePre, arrivePost string
	arriveSplit           bool
}

const numStates = int(fsm.NumStates)

func (a *annotator) str(s string) { a.b = append(a.b, s...) }

func annotate(tr *trace.Trace, p *msg.Printer, tap Tap) *annotator {
	if p == nil {
		p = msg.English()
	}
	a := &annotator{tr: tr, ix: tr.Index(), p: p, tap: tap,
		sender: p.T(msg.CaptureSender, nil), receiver: p.T(msg.CaptureReceiver, nil),
		inFlight: p.T(msg.CaptureInFlight, nil), linkCopy: p.T(msg.CaptureLinkCopy, nil),
		parts: make([][]byte, 2*2*numStates*numStates)}
	for s := trace.A; s <= trace.B; s++ {
		a.arrow[s] = " " + s.Upper() + "->" + s.Peer().Upper() + ": "
	}
	const mark = "\x00T\x00"
	if s := p.T(msg.CaptureArrivesAt, msg.Args{"T": mark}); strings.Count(s, mark) == 1 {
		i := strings.Index(s, mark)
		a.arrivePre, a.arrivePost, a.arriveSplit = s[:i], s[i+len(mark):], true
	}
	return a
}

// arrivesAt says when the segment arrives: a time per packet, formatted
// straight into the comment.
func (a *annotator) arrivesAt(t time.Duration) {
	if !a.arriveSplit {
		a.str(a.p.T(msg.CaptureArrivesAt, msg.Args{"T": trace.FormatDuration(t)}))
		return
	}
	a.str(a.arrivePre)
	a.b = appendDuration(a.b, t)
	a.str(a.arrivePost)
}

// appendDuration appends trace.FormatDuration(d) (TestAppendDuration):
// "%.3fs" of the seconds, or "%dm%06.3fs" from a minute on.
func appendDuration(b []byte, d time.Duration) []byte {
	if d < time.Minute {
		return appendSeconds(b, d, 0)
	}
	m := d / time.Minute
	b = strconv.AppendInt(b, int64(m), 10)
	b = append(b, 'm')
	return appendSeconds(b, d-m*time.Minute, 6)
}

// appendSeconds appends d in seconds with three decimals, zero-padded to
// width, and "s". fmt rounds the float64 seconds; a float64 is off by far
// less than a nanosecond below a minute, so rounding the nanoseconds gives
// the same digits except exactly halfway, which goes to strconv as fmt
// does.
func appendSeconds(b []byte, d time.Duration, width int) []byte {
	if d < 0 || d%time.Millisecond == time.Millisecond/2 {
		var f [24]byte
		s := strconv.AppendFloat(f[:0], d.Seconds(), 'f', 3, 64)
		if len(s) < width {
			b = append(b, "000000"[:width-len(s)]...)
		}
		b = append(b, s...)
		return append(b, 's')
	}
	ms := (d + time.Millisecond/2) / time.Millisecond
	sec, frac := int64(ms/1000), int(ms%1000)
	if width > 0 && sec < 10 {
		b = append(b, '0')
	}
	b = strconv.AppendInt(b, sec, 10)
	return append(b, '.', byte('0'+frac/100), byte('0'+frac/10%10), byte('0'+frac%10), 's')
}

// states renders "X: S1 -> S2", or "X: S" when nothing changed, from a
// part made on first use.
func (a *annotator) states(side trace.Side, sender bool, before, after fsm.State) {
	role := a.receiver
	k := int(side)
	if sender {
		role, k = a.sender, k+2
	}
	if side > trace.B || before >= fsm.NumStates || after >= fsm.NumStates {
		a.makeStates(side, role, before, after)
		return
	}
	k = (k*numStates+int(before))*numStates + int(after)
	if a.parts[k] == nil {
		b := a.b
		a.b = nil
		a.makeStates(side, role, before, after)
		a.parts[k], a.b = a.b, b
	}
	a.b = append(a.b, a.parts[k]...)
}

func (a *annotator) makeStates(side trace.Side, role string, before, after fsm.State) {
	a.str(role)
	a.b = append(a.b, ' ')
	a.str(side.Upper())
	a.str(": ")
	a.str(before.String())
	if after != before {
		a.str(" -> ")
		a.str(after.String())
	}
}

func (a *annotator) note(s string) {
	a.str("; ")
	a.str(s)
}

// appendComment appends the comment on the packet that event i puts in
// the capture.
func (a *annotator) appendComment(b []byte, i int) []byte {
	evs := a.tr.Events
	ev := &evs[i]
	send := i
	if ev.Kind == trace.KDeliver {
		if s := a.ix.Send(ev.ID); s >= 0 {
			send = s
		}
	}
	sev := &evs[send]
	from := sev.Side
	a.b = append(b, "tcpsim #"...)
	a.b = appendInt(a.b, sev.ID)
	if from <= trace.B {
		a.str(a.arrow[from])
	} else {
		a.str(" " + from.Upper() + "->" + from.Peer().Upper() + ": ")
	}
	if sev.Injected {
		a.str(a.p.T(msg.CaptureInjected, msg.Args{"Side": from.Upper()}))
	} else if sev.Kind == trace.KSend {
		before, after := a.ix.StepStates(send)
		a.states(from, true, before, after)
	}
	// The receiver: this arrival, or for a send, its first arrival.
	arr := i
	if ev.Kind == trace.KSend {
		arr = a.ix.Arrival(ev.ID)
	}
	a.str("; ")
	switch {
	case arr >= 0:
		rev := &evs[arr]
		_, after := a.ix.StepStates(arr)
		a.states(rev.Side, false, rev.From, after)
		if a.tap != TapLink && ev.Kind == trace.KSend {
			a.b = append(a.b, ' ')
			a.arrivesAt(rev.T)
		}
	case sev.Lost:
		a.str(a.p.T(msg.CaptureDropped, msg.Args{"Reason": trace.DropText(a.ix.Drop(sev.ID), a.p), "Peer": from.Peer().Upper()}))
	default:
		a.str(a.inFlight)
	}
	a.notes(sev)
	if ev.Kind == trace.KDeliver && ev.Dup {
		a.note(a.linkCopy)
	}
	b, a.b = a.b, nil
	return b
}

// appendInt is strconv.AppendInt for the IDs every comment starts with,
// two digits at a time.
func appendInt(b []byte, id int32) []byte {
	if id < 0 {
		return strconv.AppendInt(b, int64(id), 10)
	}
	var d [10]byte
	i, v := len(d), uint32(id)
	for v >= 100 {
		r := v % 100
		v /= 100
		i -= 2
		d[i], d[i+1] = digits2[2*r], digits2[2*r+1]
	}
	if v >= 10 {
		i -= 2
		d[i], d[i+1] = digits2[2*v], digits2[2*v+1]
	} else {
		i--
		d[i] = byte('0' + v)
	}
	return append(b, d[i:]...)
}

const digits2 = "00010203040506070809" + "10111213141516171819" + "20212223242526272829" + "30313233343536373839" +
	"40414243444546474849" + "50515253545556575859" + "60616263646566676869" + "70717273747576777879" +
	"80818283848586878889" + "90919293949596979899"

// notes says why the segment was sent, in the ladder's words, and cites
// the rule.
func (a *annotator) notes(ev *trace.Event) {
	for _, n := range trace.SendNotes(ev) {
		a.note(a.p.Say(n))
	}
	if r := ev.Rule(); r != nil {
		a.note("RFC 9293 §")
		a.str(r.RFC)
	}
}
