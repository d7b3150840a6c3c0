package diagram

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Bound is one end of a window of the run: a virtual time ("1.5s",
// "200ms") or an event number as the lab counts them (1 is the first
// event; the JSONL trace's line number).
type Bound struct {
	Set     bool
	IsEvent bool
	T       time.Duration
	Event   int
}

// ParseBound reads a --from/--to value.
func ParseBound(s string) (Bound, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Bound{}, nil
	}
	if n, err := strconv.Atoi(s); err == nil {
		if n < 1 {
			return Bound{}, fmt.Errorf("%q: events are numbered from 1", s)
		}
		return Bound{Set: true, IsEvent: true, Event: n}, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return Bound{}, fmt.Errorf("%q: expected a time such as 1.5s or 200ms, or an event number", s)
	}
	return Bound{Set: true, T: d}, nil
}

func (b Bound) after(idx int, t time.Duration) bool { // idx/t is at or after b
	if !b.Set {
		return true
	}
	if b.IsEvent {
		return idx+1 >= b.Event
	}
	return t >= b.T
}

func (b Bound) before(idx int, t time.Duration) bool { // idx/t is at or before b
	if !b.Set {
		return true
	}
	if b.IsEvent {
		return idx+1 <= b.Event
	}
	return t <= b.T
}

// Window keeps what happens between from and to (both inclusive). An arrow
// belongs to the window its sending falls in; a timer is cut to the window.
func (r *Run) Window(from, to Bound) (*Run, error) {
	if !from.Set && !to.Set {
		return r, nil
	}
	in := func(idx int, t time.Duration) bool { return from.after(idx, t) && to.before(idx, t) }
	w := *r
	w.Arrows, w.States, w.Timers, w.Calls = nil, nil, nil, nil
	lo, hi := time.Duration(-1), time.Duration(0)
	see := func(t time.Duration) {
		if lo < 0 || t < lo {
			lo = t
		}
		hi = max(hi, t)
	}
	for _, a := range r.Arrows {
		if in(a.Index, a.Send) {
			w.Arrows = append(w.Arrows, a)
			see(a.Send)
			see(a.Arrive)
		}
	}
	for _, c := range r.Calls {
		if in(c.Index, c.T) {
			w.Calls = append(w.Calls, c)
			see(c.T)
		}
	}
	for _, s := range r.States {
		if in(s.Index, s.T) {
			w.States = append(w.States, s)
			see(s.T)
		} else if !from.after(s.Index, s.T) {
			w.Initial[s.Side] = s.State // the state at the window's start
		}
	}
	if lo < 0 {
		return nil, fmt.Errorf("nothing happens between %s and %s", from.text("the start"), to.text("the end"))
	}
	for _, sp := range r.Timers {
		if in(sp.Index, sp.Start) || sp.Start < lo && sp.End > lo {
			w.Timers = append(w.Timers, sp)
		}
	}
	w.Start, w.End = lo, hi
	return &w, nil
}

func (b Bound) text(unset string) string {
	switch {
	case !b.Set:
		return unset
	case b.IsEvent:
		return fmt.Sprintf("event %d", b.Event)
	}
	return b.T.String()
}
