package ui

import (
	"strconv"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/trace"
)

// Predict mode (key y): before each segment leaves its sender the lab
// stops and asks what it will be, then reveals it and keeps a score. The
// answer is the trace's own KSend event, so the lab can never hold a
// wrong key, and a replayed capture asks what the real kernel sent.

// graded are the flags a prediction is judged on. PSH is left out: it
// only asks the receiver to hand data up promptly, and whether a stack
// sets it says nothing about connection management (the reveal still
// shows it).
const graded = fsm.SYN | fsm.ACK | fsm.FIN | fsm.RST

// Prompt fields, in tab order.
const (
	fieldFlags = iota
	fieldSeq
	fieldAck
	numFields
)

// guess is what the student proposes: flags, and optionally seq and ack
// ("" when not given).
type guess struct {
	flags    fsm.Flags
	seq, ack string
}

// verdict is the outcome of one question, shown until the next one.
type verdict struct {
	ev                  int // the KSend event
	g                   guess
	raw                 bool
	skipped             bool
	flagsOK, seqOK, ack bool // ack: the ack part was right (or not graded)
	ok                  bool
}

// predictor is predict mode's state; its zero value is off.
type predictor struct {
	on    bool
	tl    *timeline    // the timeline done and base belong to
	done  map[int]bool // KSend events already asked on tl
	base  [2]fsm.Seq   // relative numbers: each side's first sequence number
	ask   int          // the KSend event asked about; -1 (or on=false): none
	g     guess
	field int
	raw   bool // numbers as on the wire, not relative
	last  *verdict

	right, asked, skipped int
}

// asking reports whether the prompt is open and takes the keys.
func (p *predictor) asking() bool { return p.on && p.ask >= 0 }

// sync forgets what was asked on another timeline: a fork or a restart
// makes new events.
func (p *predictor) sync(tl *timeline) {
	if p.tl == tl {
		return
	}
	p.tl, p.done, p.last, p.ask = tl, map[int]bool{}, nil, -1
	p.base = relBase(tl.ev)
}

// relBase finds the number each side's sequence space is counted from in
// relative mode, as Wireshark does: the sequence number of its first SYN,
// or else of its first segment (a capture that starts mid-connection, or
// an RST from a closed port). Injected segments are not the endpoint's.
func relBase(evs []trace.Event) [2]fsm.Seq {
	var base [2]fsm.Seq
	var seen, syn [2]bool
	for i := range evs {
		ev := &evs[i]
		if ev.Kind != trace.KSend || ev.Injected || syn[ev.Side] {
			continue
		}
		if !seen[ev.Side] || ev.Seg.Flags.Has(fsm.SYN) {
			base[ev.Side], seen[ev.Side] = ev.Seg.Seq, true
			syn[ev.Side] = ev.Seg.Flags.Has(fsm.SYN)
		}
	}
	return base
}

// askable reports whether event i is a segment the student is asked
// about: one an endpoint sends (not one a fault injects) that was not
// asked before on this timeline.
func (p *predictor) askable(tl *timeline, i int) bool {
	ev := &tl.ev[i]
	return ev.Kind == trace.KSend && !ev.Injected && !p.done[i]
}

// predictHold stops the present before the first askable send in
// (from, to] and opens the prompt; it reports whether it did.
func (m *Model) predictHold(from, to int) bool {
	p := &m.pr
	if !p.on {
		return false
	}
	p.sync(m.tl)
	if lr := m.lesson; lr != nil && lr.phase == lpTo {
		to = min(to, lr.stop) // the lesson's beat comes first (lesson.go)
	}
	for i := max(from+1, 0); i <= to && i < len(m.tl.ev); i++ {
		if !p.askable(m.tl, i) {
			continue
		}
		m.playing = false
		m.seek(i-1, m.tl.ev[i].T)
		m.top = -1
		p.ask, p.g, p.field, p.last = i, guess{}, fieldFlags, nil
		m.msg = ""
		return true
	}
	return false
}

// togglePredict turns predict mode on or off (key y).
func (m *Model) togglePredict() {
	p := &m.pr
	p.on = !p.on
	p.ask = -1
	if !p.on {
		m.say(m.p.T(msg.PredictOff, m.scoreArgs()), pDim)
		return
	}
	p.sync(m.tl)
	m.say(m.p.T(msg.PredictOn, nil), pGood)
}

// answer grades the open question (skip: the student passed), reveals the
// segment and leaves the lab paused on it.
func (m *Model) answer(skip bool) {
	p := &m.pr
	i := p.ask
	v := grade(&m.tl.ev[i], p.g, p.base, p.raw)
	v.ev, v.skipped = i, skip
	p.done[i], p.ask, p.last = true, -1, &v
	switch {
	case skip:
		p.skipped++
	case v.ok:
		p.right++
		p.asked++
	default:
		p.asked++
	}
	m.seek(i, 0)
	m.top, m.sel, m.msg = -1, -1, ""
}

// grade compares a guess with the segment the trace says was sent. Only
// the parts the student gave are graded; ack only when the segment
// carries an ACK (without it the field means nothing).
func grade(ev *trace.Event, g guess, base [2]fsm.Seq, raw bool) verdict {
	v := verdict{g: g, raw: raw, seqOK: true, ack: true}
	seg := &ev.Seg
	v.flagsOK = g.flags&graded == seg.Flags&graded
	seq, ack := predictNumbers(ev, base, raw)
	if g.seq != "" {
		n, err := strconv.ParseUint(g.seq, 10, 32)
		v.seqOK = err == nil && uint32(n) == seq
	}
	if g.ack != "" && seg.Flags.Has(fsm.ACK) {
		n, err := strconv.ParseUint(g.ack, 10, 32)
		v.ack = err == nil && uint32(n) == ack
	}
	v.ok = v.flagsOK && v.seqOK && v.ack
	return v
}

// predictNumbers are a sent segment's seq and ack as the prompt counts them:
// relative to each side's base, or raw.
func predictNumbers(ev *trace.Event, base [2]fsm.Seq, raw bool) (seq, ack uint32) {
	seq, ack = uint32(ev.Seg.Seq), uint32(ev.Seg.Ack)
	if !raw {
		seq -= uint32(base[ev.Side])
		ack -= uint32(base[ev.Side.Peer()])
	}
	return seq, ack
}

func (m *Model) scoreArgs() msg.Args {
	p := &m.pr
	return msg.Args{"Right": p.right, "Asked": p.asked, "Skipped": p.skipped}
}
