package lesson

import (
	"fmt"

	"github.com/tcpsim/tcpsim/trace"
)

// beat reads one beat: its moment, narration and question.
func (ld *loader) beat(r *beatYAML, path string) (Beat, error) {
	b := Beat{Path: path, Line: ld.p.Line(path)}
	if r.When == nil {
		return b, ld.p.Err(path, "a beat needs when: the moment to stop at, e.g. when: {b: CLOSE-WAIT}")
	}
	var err error
	if b.When, err = ld.when(r.When, path+".when"); err != nil {
		return b, err
	}
	if b.Say, err = ld.need(path+".say", "say: what to tell the student here, e.g. say: {en: ..., zh: ...}"); err != nil {
		return b, err
	}
	if r.Ask != nil {
		if b.Ask, err = ld.ask(r.Ask, path+".ask"); err != nil {
			return b, err
		}
	}
	return b, nil
}

// when reads a moment: exactly one of a/b (a state), sends, arrives,
// timer, time, start or end; before may go with any but start.
func (ld *loader) when(r *whenYAML, path string) (When, error) {
	w := When{Nth: 1, Before: r.Before}
	set := 0
	for _, on := range []bool{r.A != "", r.B != "", r.Sends != nil, r.Arrives != nil, r.Timer != nil, r.Time != "", r.Start, r.End} {
		if on {
			set++
		}
	}
	if set != 1 {
		return w, ld.p.Err(path, "expected exactly one moment: a or b (a state entered), sends, arrives, timer, time, start or end")
	}
	if r.Nth != nil && r.A == "" && r.B == "" {
		return w, ld.p.Err(path+".nth", "nth here goes with a state (a: or b:); for sends, arrives and timer put nth inside them")
	}
	var err error
	switch {
	case r.A != "" || r.B != "":
		w.Kind, w.Side = WhenState, trace.A
		name, sp := r.A, path+".a"
		if r.B != "" {
			w.Side, name, sp = trace.B, r.B, path+".b"
		}
		if w.State, err = ld.p.State(name, sp); err != nil {
			return w, err
		}
		w.Nth, err = ld.nth(r.Nth, path+".nth")
	case r.Sends != nil || r.Arrives != nil:
		w.Kind, path = WhenSends, path+".sends"
		if r.Arrives != nil {
			w.Kind, path = WhenArrives, path[:len(path)-len("sends")]+"arrives"
		}
		if w.Seg, err = ld.p.SegMatch(path); err == nil {
			w.Side, w.Nth = w.Seg.From(), w.Seg.Nth
		}
	case r.Timer != nil:
		err = ld.whenTimer(r.Timer, path+".timer", &w)
	case r.Time != "":
		w.Kind = WhenTime
		w.Time, err = ld.p.Duration(r.Time, path+".time")
	case r.Start:
		w.Kind = WhenStart
		if r.Before {
			err = ld.p.Err(path+".before", "start is before the first event already")
		}
	default:
		w.Kind = WhenEnd
	}
	return w, err
}

func (ld *loader) whenTimer(r *timerWhenYAML, path string, w *When) error {
	var err error
	w.Kind = WhenTimer
	if w.Side, err = ld.p.Side(r.Side, path+".side"); err != nil {
		return err
	}
	if r.Timer == "" {
		return ld.p.Err(path, "expected timer: RTO, TIME-WAIT, FIN-WAIT-2 or delayed ACK")
	}
	if w.Timer, err = ld.p.Timer(r.Timer, path+".timer"); err != nil {
		return err
	}
	w.TimerEv = TimerFires
	if r.Event != "" {
		found := false
		for i, n := range timerEventNames {
			if n == r.Event {
				w.TimerEv, found = TimerEvent(i), true
			}
		}
		if !found {
			return ld.p.OneOf(path+".event", "timer event", r.Event, timerEventNames)
		}
	}
	w.Nth, err = ld.nth(r.Nth, path+".nth")
	return err
}

func (ld *loader) nth(n *int, path string) (int, error) {
	if n == nil {
		return 1, nil
	}
	if *n < 1 {
		return 0, ld.p.Err(path, "expected 1 or more (the first is 1), got %d", *n)
	}
	return *n, nil
}

// ask reads a question: exactly one of sends, state, next, timer, choose.
func (ld *loader) ask(r *askYAML, path string) (*Question, error) {
	q := &Question{}
	set := 0
	for _, on := range []bool{r.Sends != "", r.State != "", r.Next != "", r.Timer != "", r.Choose != nil} {
		if on {
			set++
		}
	}
	if set != 1 {
		return nil, ld.p.Err(path, "expected exactly one question: sends, state, next, timer (each naming an endpoint) or choose (a list of choices)")
	}
	var err error
	switch {
	case r.Sends != "":
		q.Kind = AskSends
		q.Side, err = ld.p.Side(r.Sends, path+".sends")
	case r.State != "":
		q.Kind = AskState
		q.Side, err = ld.p.Side(r.State, path+".state")
	case r.Next != "":
		q.Kind = AskNext
		q.Side, err = ld.p.Side(r.Next, path+".next")
	case r.Timer != "":
		q.Kind = AskTimer
		if r.Timer == "any" {
			q.AnySide = true
		} else {
			q.Side, err = ld.p.Side(r.Timer, path+".timer")
		}
	default:
		q.Kind = AskChoose
		err = ld.choices(r.Choose, path+".choose", q)
	}
	if err != nil {
		return nil, err
	}
	if err = ld.askDetails(r, path, q); err != nil {
		return nil, err
	}
	return q, nil
}

// askDetails reads numbers, options and the texts.
func (ld *loader) askDetails(r *askYAML, path string, q *Question) error {
	switch r.Numbers {
	case "":
	case "relative", "raw":
		if q.Kind != AskSends {
			return ld.p.Err(path+".numbers", "numbers goes with sends (seq and ack of the next segment)")
		}
		q.Numbers = NumbersRelative
		if r.Numbers == "raw" {
			q.Numbers = NumbersRaw
		}
	default:
		return ld.p.OneOf(path+".numbers", "kind of numbers", r.Numbers, []string{"relative", "raw"})
	}
	if r.Options != nil && q.Kind != AskState && q.Kind != AskNext {
		return ld.p.Err(path+".options", "options (the states offered) go with state or next")
	}
	for i, name := range r.Options {
		st, err := ld.p.State(name, fmt.Sprintf("%s.options[%d]", path, i))
		if err != nil {
			return err
		}
		q.Options = append(q.Options, st)
	}
	if r.Options != nil && len(q.Options) < 2 {
		return ld.p.Err(path+".options", "offer at least 2 states")
	}
	var err error
	if q.Prompt, err = ld.text(path + ".prompt"); err != nil {
		return err
	}
	if q.Kind == AskChoose && len(q.Prompt) == 0 {
		return ld.p.Err(path, "a choose question needs prompt: the question itself")
	}
	if q.Hint, err = ld.need(path+".hint", "hint: a nudge the student may ask for before answering"); err != nil {
		return err
	}
	q.Explain, err = ld.text(path + ".explain")
	return err
}

// choices reads a multiple choice: 2 to 9 choices (one key each).
func (ld *loader) choices(list []choiceYAML, path string, q *Question) error {
	if len(list) < 2 || len(list) > 9 {
		return ld.p.Err(path, "expected 2 to 9 choices, got %d", len(list))
	}
	facts := 0
	for i := range list {
		cp := fmt.Sprintf("%s[%d]", path, i)
		t, err := ld.need(cp+".text", "text: the choice as the student reads it")
		if err != nil {
			return err
		}
		c := Choice{Text: t}
		if list[i].Fact != nil {
			if c.Fact, err = ld.p.Expect(cp+".fact", ld.l.Scenario.Config); err != nil {
				return err
			}
			facts++
		}
		q.Choices = append(q.Choices, c)
	}
	if facts == 0 {
		return ld.p.Err(path, "no choice has a fact: give the right choice fact: (what the run shows), e.g. fact: {segments: [{from: a, flags: [RST], count: 1}]}")
	}
	return nil
}

// goal reads a challenge.
func (ld *loader) goal(r *goalYAML) error {
	p := ld.p
	g := &Goal{Path: "goal", Line: p.Line("goal"), Max: -1}
	var err error
	if g.Say, err = ld.need("goal.say", "say: the task, as the student reads it"); err != nil {
		return err
	}
	if r.Expect == nil {
		return p.Err("goal", "a goal needs expect: what the run must show, e.g. expect: {final: {a: ESTABLISHED, b: CLOSED}}")
	}
	if g.Expect, err = p.Expect("goal.expect", ld.l.Scenario.Config); err != nil {
		return err
	}
	if r.Interferences != nil {
		if *r.Interferences < 1 {
			return p.Err("goal.interferences", "expected 1 or more, got %d", *r.Interferences)
		}
		g.Max = *r.Interferences
	}
	if r.Solution == nil {
		return p.Err("goal", "a goal needs solution: one way to meet it (faults and timeline steps), so that tcpsim check can prove it can be met")
	}
	if g.Solution, g.Used, err = p.Interfere("goal.solution", ld.l.Scenario.Config); err != nil {
		return err
	}
	ld.l.Goal = g
	return nil
}
