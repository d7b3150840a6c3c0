package scenarios

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// sentYAML states the fields of one sent segment: the nth that matches,
// chosen as segments: chooses them.
type sentYAML struct {
	SegmentYAML `yaml:",inline"`
	Nth         *int    `yaml:"nth"`
	Seq         *uint32 `yaml:"seq"`
	Ack         *uint32 `yaml:"ack"`
	Wnd         *uint32 `yaml:"wnd"`
	Len         *uint32 `yaml:"len"`
	Raw         bool    `yaml:"raw"`
}

// timerYAML states the duration of one arming of a timer, and when it fired.
type timerYAML struct {
	Side     string `yaml:"side" want:"an endpoint, a or b"`
	Timer    string `yaml:"timer" want:"a timer: RTO, TIME-WAIT, FIN-WAIT-2, delayed ACK, persist or keep-alive"`
	Nth      *int   `yaml:"nth"`
	Duration string `yaml:"duration" want:"a duration such as 150ms, 2s or 1m"`
	Fired    string `yaml:"fired" want:"a time such as 4.1s, or never"`
}

// expectMore checks sent segments' numbers and timers.
func (d *doc) expectMore(r *expectYAML, _ *sim.Config) ([]Expectation, *Error) {
	var out []Expectation
	for i := range r.Sent {
		x, e := d.sent(&r.Sent[i], d.expectPath(fmt.Sprintf(".sent[%d]", i)))
		if e != nil {
			return nil, e
		}
		out = append(out, x)
	}
	for i := range r.Timers {
		x, e := d.timer(&r.Timers[i], d.expectPath(fmt.Sprintf(".timers[%d]", i)))
		if e != nil {
			return nil, e
		}
		out = append(out, x)
	}
	return out, nil
}

func (d *doc) nth(n *int, path string) (int, *Error) {
	if n == nil {
		return 1, nil
	}
	if *n < 1 {
		return 0, d.errAt(path, "expected 1 or more (the first is 1), got %d", *n)
	}
	return *n, nil
}

func (d *doc) sent(r *sentYAML, path string) (Expectation, *Error) {
	f, e := d.segMatchOf(&r.SegmentYAML, path)
	if e != nil {
		return Expectation{}, e
	}
	n, e := d.nth(r.Nth, path+".nth")
	if e != nil {
		return Expectation{}, e
	}
	if r.Seq == nil && r.Ack == nil && r.Wnd == nil && r.Len == nil {
		return Expectation{}, d.errAt(path, "expected seq, ack, wnd or len to check")
	}
	var want []string
	kind := "relative"
	if r.Raw {
		kind = "raw"
	}
	for _, v := range []struct {
		name string
		v    *uint32
	}{{"seq", r.Seq}, {"ack", r.Ack}, {"wnd", r.Wnd}, {"len", r.Len}} {
		if v.v != nil {
			want = append(want, fmt.Sprintf("%s=%d", v.name, *v.v))
		}
	}
	kindID := msg.ExpectRelative
	if kind == "raw" {
		kindID = msg.ExpectRaw
	}
	match := describeMatch(&f)
	what := func(p *msg.Printer) string {
		return p.T(msg.ExpectSent, msg.Args{"Side": f.From.Upper(), "Nth": ordinalIn(p, n), "Match": match(p),
			"Want": strings.Join(want, " "), "Kind": p.T(kindID, nil)})
	}
	return d.expectation(path, what, func(tr *trace.Trace) says {
		ev := nthSent(tr, &f, n)
		if ev == nil {
			return say(msg.GotSentOnly, msg.Args{"N": countSent(tr, &f)})
		}
		seq, ack := uint32(ev.Seg.Seq), uint32(ev.Seg.Ack)
		if !r.Raw {
			// Relative to the sender's ISS and IRS, as Wireshark shows them.
			seq, ack = uint32(ev.Seg.Seq.Sub(ev.TCB.ISS)), uint32(ev.Seg.Ack.Sub(ev.TCB.IRS))
		}
		got := say(msg.GotSentWas, msg.Args{"Seq": seq, "Ack": ack, "Wnd": ev.Seg.Wnd, "Len": ev.Seg.Len, "At": trace.FormatDuration(ev.T)})
		for _, c := range []struct {
			want *uint32
			have uint32
		}{{r.Seq, seq}, {r.Ack, ack}, {r.Wnd, uint32(ev.Seg.Wnd)}, {r.Len, ev.Seg.Len}} {
			if c.want != nil && *c.want != c.have {
				return got
			}
		}
		return nil
	}), nil
}

// nthSent is the nth segment countSent would count, or nil.
func nthSent(tr *trace.Trace, f *segMatch, n int) *trace.Event {
	one := *f
	for i := range tr.Events {
		ev := &tr.Events[i]
		t := trace.Trace{Events: tr.Events[i : i+1]}
		if countSent(&t, &one) == 1 {
			n--
			if n == 0 {
				return ev
			}
		}
	}
	return nil
}

// ordinalIn is n as an ordinal in p's language: "2nd" in English; Chinese
// puts 第 … 个 around the plain number in the sentence itself.
func ordinalIn(p *msg.Printer, n int) string {
	if p.Lang() == "zh" {
		return strconv.Itoa(n)
	}
	return ordinal(n)
}

func ordinal(n int) string {
	switch {
	case n%100 >= 11 && n%100 <= 13:
		return fmt.Sprintf("%dth", n)
	case n%10 == 1:
		return fmt.Sprintf("%dst", n)
	case n%10 == 2:
		return fmt.Sprintf("%dnd", n)
	case n%10 == 3:
		return fmt.Sprintf("%drd", n)
	}
	return fmt.Sprintf("%dth", n)
}

func (d *doc) timer(r *timerYAML, path string) (Expectation, *Error) {
	side, e := d.side(r.Side, path+".side")
	if e != nil {
		return Expectation{}, e
	}
	timer, e := d.timerName(r.Timer, path+".timer")
	if e != nil {
		return Expectation{}, e
	}
	n, e := d.nth(r.Nth, path+".nth")
	if e != nil {
		return Expectation{}, e
	}
	if r.Duration == "" && r.Fired == "" {
		return Expectation{}, d.errAt(path, "expected duration (how long it was set for) or fired (when it expired, or never)")
	}
	var dur, fired time.Duration = -1, -1
	var what []says
	if r.Duration != "" {
		if dur, e = d.duration(r.Duration, path+".duration", 0); e != nil {
			return Expectation{}, e
		}
		what = append(what, say(msg.ExpectTimerSetFor, msg.Args{"D": trace.FormatDuration(dur)}))
	}
	never := r.Fired == "never"
	if r.Fired != "" && !never {
		if fired, e = d.duration(r.Fired, path+".fired", 0); e != nil {
			return Expectation{}, e
		}
		what = append(what, say(msg.ExpectTimerFireAt, msg.Args{"T": trace.FormatDuration(fired)}))
	} else if never {
		what = append(what, say(msg.ExpectTimerNever, nil))
	}
	desc := func(p *msg.Printer) string {
		parts := make([]string, len(what))
		for i, w := range what {
			parts[i] = w(p)
		}
		return p.T(msg.ExpectTimer, msg.Args{"Side": side.Upper(), "Timer": timer.String(), "Nth": ordinalIn(p, n),
			"What": strings.Join(parts, p.T(msg.ExpectAnd, nil))})
	}
	return d.expectation(path, desc, func(tr *trace.Trace) says {
		return checkTimer(tr, side, timer, n, dur, fired, never)
	}), nil
}

// checkTimer finds the nth arming of a timer and what became of it: fired,
// cancelled, re-armed, or still running at the end.
func checkTimer(tr *trace.Trace, side trace.Side, t fsm.Timer, n int, dur, fired time.Duration, never bool) says {
	armed := -1
	for i := range tr.Events {
		ev := &tr.Events[i]
		if ev.Kind != trace.KTimer || ev.Side != side || ev.Timer != t || ev.TimerEv != trace.TimerArmed {
			continue
		}
		if n--; n == 0 {
			armed = i
			break
		}
	}
	if armed < 0 {
		return say(msg.GotTimerNotStarted, nil)
	}
	start := &tr.Events[armed]
	if dur >= 0 && start.Dur != dur {
		return say(msg.GotTimerSetFor, msg.Args{"D": trace.FormatDuration(start.Dur), "T": trace.FormatDuration(start.T)})
	}
	end, how := time.Duration(-1), say(msg.GotTimerRunning, nil)
	for i := armed + 1; i < len(tr.Events); i++ {
		ev := &tr.Events[i]
		if ev.Kind != trace.KTimer || ev.Side != side || ev.Timer != t {
			continue
		}
		switch ev.TimerEv {
		case trace.TimerFired:
			end, how = ev.T, say(msg.GotTimerFired, msg.Args{"T": trace.FormatDuration(ev.T)})
		case trace.TimerCancelled:
			how = say(msg.GotTimerCancelled, msg.Args{"T": trace.FormatDuration(ev.T)})
		case trace.TimerArmed:
			how = say(msg.GotTimerRestarted, msg.Args{"T": trace.FormatDuration(ev.T)})
		}
		break
	}
	switch {
	case never && end >= 0:
		return how
	case fired >= 0 && end != fired:
		return how
	}
	return nil
}
