package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tcpsim/tcpsim/trace"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
)

// inspector explains the present: the selected segment field by field,
// both TCBs, the running timers and the last transition with its rule.
type inspector struct {
	th     *theme
	tl     *timeline
	cur    int
	now    time.Duration
	sel    int  // arrow shown (-1 none)
	chosen bool // sel was picked by the user (else: the latest)
}

// span is a piece of styled text.
type span struct {
	s string
	p pen
}

// lines is a block of styled lines, wrapped to a width as it is built.
type lines struct {
	w   int
	out [][]span
}

func (b *lines) add(sp ...span) { b.out = append(b.out, sp) }

// para wraps a sentence with an indent.
func (b *lines) para(indent int, s string, p pen) {
	pad := fmt.Sprintf("%*s", indent, "")
	for _, l := range wrap(s, b.w-indent) {
		b.add(span{pad + l, p})
	}
}

// paraParts wraps pieces of a sentence joined by " · ", breaking only
// between pieces ("seq 1 (rel 0)" is never split) unless one alone is
// too wide.
func (b *lines) paraParts(indent int, parts []string, p pen) {
	w := b.w - indent
	line := ""
	for _, part := range parts {
		switch {
		case line == "":
			line = part
		case textWidth(line)+3+textWidth(part) <= w:
			line += " · " + part
		default:
			b.para(indent, line, p)
			line = part
		}
	}
	if line != "" {
		b.para(indent, line, p)
	}
}

func (b *lines) blank() { b.out = append(b.out, nil) }

// cut keeps the first n lines; a sentence cut short ends with "…".
func (b *lines) cut(n int) {
	if n >= len(b.out) || n <= 0 {
		return
	}
	b.out = b.out[:n]
	last := b.out[n-1]
	if k := len(last) - 1; k >= 0 {
		sp := append([]span(nil), last...)
		sp[k].s = strings.TrimRight(sp[k].s, " ") + "…"
		b.out[n-1] = sp
	}
}

func (b *lines) draw(v view) {
	if len(b.out) > v.h {
		b.cut(v.h)
	}
	for y, l := range b.out {
		if y >= v.h {
			return
		}
		x := 0
		for _, sp := range l {
			x = v.textClip(x, y, sp.s, v.w-x, sp.p)
		}
	}
}

// Render draws the inspector into a width × height block.
func (in *inspector) Render(w, h int) string {
	c := newCanvas(w, h)
	in.draw(c.full())
	return c.String(in.th)
}

func (in *inspector) draw(v view) {
	secs := []func(*lines){in.segment, in.transition, in.tcbs, in.timers}
	parts := make([]*lines, len(secs))
	total := 0
	for i, f := range secs {
		parts[i] = &lines{w: v.w}
		f(parts[i])
		total += len(parts[i].out)
	}
	// Blank lines between sections only when everything fits with them;
	// then the segment's explanation gives way to the rest.
	gaps := total+len(parts)-1 <= v.h
	if over := total - v.h; !gaps && over > 0 {
		seg := parts[0]
		seg.cut(max(len(seg.out)-over, min(len(seg.out), 4)))
	}
	b := &lines{w: v.w}
	for i, p := range parts {
		if i > 0 && gaps {
			b.blank()
		}
		b.out = append(b.out, p.out...)
	}
	b.draw(v)
}

func (in *inspector) segment(b *lines) {
	tl := in.tl
	p := tl.p
	if in.sel < 0 || !tl.revealed(in.sel, in.cur) {
		b.add(span{p.T(msg.InspectSegment, nil), pTitle})
		b.add(span{"  " + p.T(msg.InspectNoSegment, nil), pDim})
		return
	}
	a := in.sel
	ar := &tl.arrows[a]
	ev := &tl.ev[ar.send]
	seg := &ev.Seg
	dir := tl.segDir(ev, ar.from) // "A → B"; with several connections, their ports (conns.go)
	which := p.T(msg.InspectLatest, nil)
	if in.chosen {
		which = p.T(msg.InspectSelected, nil)
	}
	b.add(span{p.T(msg.InspectSegmentID, msg.Args{"ID": ev.ID}) + " ", pTitle},
		span{dir, sidePen(uint8(ar.from), true)}, span{"  " + which, pFaint})
	b.add(span{"  " + segLabels(seg)[0], sidePen(uint8(ar.from), true)})
	rel := ev.From != fsm.Closed && ev.From != fsm.Listen
	number := func(name string, n fsm.Seq, base fsm.Seq, withRel bool) string {
		if !withRel {
			return name + " " + strconv.FormatUint(uint64(n), 10)
		}
		return p.T(msg.PolishInspectRel, msg.Args{"Name": name, "N": uint64(n), "Rel": int64(n.Sub(base))})
	}
	parts := []string{number("seq", seg.Seq, ev.TCB.ISS, rel)}
	if seg.Flags.Has(fsm.ACK) {
		parts = append(parts, number("ack", seg.Ack, ev.TCB.IRS, rel && ev.TCB.IRS != 0))
	}
	b.paraParts(2, parts, pNone)
	parts = []string{p.T(msg.PolishInspectFlags, msg.Args{"Flags": seg.Flags.String()}),
		p.T(msg.PolishInspectLen, msg.Args{"N": seg.Len}), in.window(ar.from, seg)}
	if seg.MSS > 0 {
		parts = append(parts, p.T(msg.PolishInspectMSS, msg.Args{"N": seg.MSS}))
	}
	parts = append(parts, fmt.Sprintf("SEG.LEN %d", seg.SegLen()))
	b.paraParts(2, parts, pNone)
	if seg.Flags.Has(fsm.ACK) {
		b.para(2, p.T(msg.InspectAcks, msg.Args{"What": in.acks(ev)}), pNone)
	}
	ft, fp := fate(tl, a, in.cur)
	b.para(2, p.T(msg.InspectSent, msg.Args{"T": trace.FormatDuration(ev.T), "State": ev.From.String(), "Fate": ft}), fp)
	b.para(2, p.T(msg.InspectWhy, msg.Args{"Why": whySent(tl, a)}), pDim)
}

// acks says what an ACK acknowledges, from the sender's point of view.
func (in *inspector) acks(ev *trace.Event) string {
	p := in.tl.p
	peer := ev.Side.Peer().Upper()
	ack := ev.Seg.Ack
	irs := ev.TCB.IRS
	if ev.From == fsm.Closed || ev.From == fsm.Listen || ev.From == fsm.SynSent && !ev.Seg.Flags.Has(fsm.SYN) {
		return p.T(msg.InspectAckNothing, msg.Args{"Ack": uint64(ack)})
	}
	if ack == irs.Add(1) {
		return p.T(msg.InspectAckSYN, msg.Args{"Peer": peer, "ISS": uint64(irs)})
	}
	if fin, ok := in.tl.finOf(ev.Side.Peer(), in.cur); ok && ack == fin.Add(1) {
		n := fin.Sub(irs) - 1
		if n > 0 {
			return p.N(msg.InspectAckDataFIN, int(n), msg.Args{"Peer": peer})
		}
		return p.T(msg.InspectAckSYNFIN, msg.Args{"Peer": peer})
	}
	n := ack.Sub(irs) - 1
	return p.N(msg.InspectAckData, int(n), msg.Args{"Peer": peer, "Next": uint64(ack)})
}

func (in *inspector) tcbs(b *lines) {
	tl := in.tl
	col := max((b.w-10)/2, 12)
	p := tl.p
	head := []span{{padRight(p.T(msg.InspectTCB, nil), 10), pTitle}}
	var snaps [2]trace.Snap
	var ok [2]bool
	for s := trace.A; s <= trace.B; s++ {
		snaps[s], ok[s] = tl.tcb(in.cur, s)
		st := tl.stateOf(in.cur, s)
		head = append(head, span{padRight(truncate(s.Upper()+" "+st.String(), col-1), col), sidePen(uint8(s), true)})
	}
	b.add(head...)
	// A value too wide for its column wraps within it, never cut.
	row := func(name string, get func(sn trace.Snap) string) {
		var vals [2][]string
		n := 1
		for s := trace.A; s <= trace.B; s++ {
			val := "—"
			if ok[s] && tl.stateOf(in.cur, s) != fsm.Closed {
				val = get(snaps[s])
			}
			vals[s] = wrap(val, col-1)
			n = max(n, len(vals[s]))
		}
		for i := 0; i < n; i++ {
			label := ""
			if i == 0 {
				label = "  " + name
			}
			sp := []span{{padRight(label, 10), pDim}}
			for s := trace.A; s <= trace.B; s++ {
				v := ""
				if i < len(vals[s]) {
					v = vals[s][i]
				}
				sp = append(sp, span{padRight(v, col), pNone})
			}
			b.add(sp...)
		}
	}
	u := func(x fsm.Seq) string { return strconv.FormatUint(uint64(x), 10) }
	row("SND.UNA", func(sn trace.Snap) string { return u(sn.SndUna) })
	row("SND.NXT", func(sn trace.Snap) string {
		inflight := sn.SndNxt.Sub(sn.SndUna)
		if inflight > 0 {
			return p.T(msg.InspectOutstanding, msg.Args{"Seq": u(sn.SndNxt), "Count": inflight})
		}
		return u(sn.SndNxt)
	})
	row("SND.WND", func(sn trace.Snap) string { return strconv.FormatUint(uint64(sn.SndWnd), 10) })
	row("RCV.NXT", func(sn trace.Snap) string { return u(sn.RcvNxt) })
	row("RCV.WND", func(sn trace.Snap) string { return strconv.FormatUint(uint64(sn.RcvWnd), 10) })
	// ISS/IRS share a row while both fit (scenarios' small ISNs); a
	// capture's ten-digit ones get a row each.
	both := func(sn trace.Snap) string { return u(sn.ISS) + "/" + u(sn.IRS) }
	if textWidth(both(snaps[0])) < col && textWidth(both(snaps[1])) < col {
		row("ISS/IRS", both)
	} else {
		row("ISS", func(sn trace.Snap) string { return u(sn.ISS) })
		row("IRS", func(sn trace.Snap) string { return u(sn.IRS) })
	}
}

func (in *inspector) timers(b *lines) {
	p := in.tl.p
	ts := in.tl.timersAt(in.cur)
	if len(ts) == 0 {
		b.add(span{p.T(msg.InspectTimers, nil) + " ", pTitle}, span{p.T(msg.InspectNoTimers, nil), pDim})
		return
	}
	b.add(span{p.T(msg.InspectTimers, nil), pTitle})
	for _, t := range ts {
		left := t.deadline - in.now
		name := trace.TimerText(t.timer, p)
		extra := ""
		switch t.timer {
		case fsm.TimerRTO:
			if k := in.tl.idx[in.cur].sent[t.side]; k >= 0 {
				if e := &in.tl.ev[k]; e.Reason == fsm.ReasonRetransmit {
					extra = p.T(msg.InspectBackoff, msg.Args{"Factor": 1 << min(e.Retx, 16)})
				}
			}
		}
		b.add(span{"  " + t.side.Upper() + " ", sidePen(uint8(t.side), true)},
			span{fmt.Sprintf("%s %s%s", name, fmtShort(t.dur), extra), pNone},
			span{"  " + p.T(msg.InspectFiresIn, msg.Args{"T": trace.FormatDuration(max(left, 0))}), pAccent})
	}
}

func (in *inspector) transition(b *lines) {
	p := in.tl.p
	title := p.T(msg.InspectLastTransition, nil) + " "
	ev := lastTransition(in.tl, in.cur)
	if ev == nil {
		b.add(span{title, pTitle}, span{p.T(msg.InspectNoneYet, nil), pDim})
		return
	}
	r := ev.Rule()
	rfc := ""
	if r != nil {
		rfc = p.T(msg.InspectRFC, msg.Args{"Section": r.RFC})
	}
	b.add(span{title, pTitle}, span{rfc, pDim})
	who := "  " + in.tl.connName(ev.Side, ev.Conn) + " "
	change := ev.From.String() + " → " + ev.To.String()
	at := "  " + p.T(msg.InspectAt, msg.Args{"T": trace.FormatDuration(ev.T)})
	if b.w > 0 && textWidth(who+change+at) > b.w { // the time goes below rather than be cut
		b.add(span{who, sidePen(uint8(ev.Side), true)}, span{change, sidePen(uint8(ev.Side), true)})
		b.add(span{at, pDim})
	} else {
		b.add(span{who, sidePen(uint8(ev.Side), true)}, span{change, sidePen(uint8(ev.Side), true)}, span{at, pDim})
	}
	if r != nil {
		on := p.T(msg.InspectOn, msg.Args{"Event": eventText(r.On, p)})
		if r.If != fsm.Always {
			on = p.T(msg.InspectOnGuard, msg.Args{"Event": eventText(r.On, p), "Guard": guardText(r.If, p)})
		}
		if ns := netstatName(ev.To); ns != "" { // the spelling readers know (lang.go)
			on += " · " + p.T(msg.LabNetstat, msg.Args{"Name": ns})
		}
		b.para(2, on, pDim)
		b.para(2, trace.RuleText(r, p), pNone)
	}
}

// finOf is the sequence number of a side's FIN if one was sent by event cur.
func (tl *timeline) finOf(s trace.Side, cur int) (fsm.Seq, bool) {
	if cur < 0 {
		return 0, false
	}
	k := tl.idx[cur].fin[s]
	if k < 0 {
		return 0, false
	}
	return tl.ev[k].Seg.Seq.Add(tl.ev[k].Seg.Len), true
}
