package lesson

import (
	"fmt"

	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// CheckError is the first place a lesson does not match its run.
type CheckError struct {
	File string
	Line int
	Path string
	Msg  string
}

func (e *CheckError) Error() string {
	return fmt.Sprintf("%s:%d: %s: %s", e.File, e.Line, e.Path, e.Msg)
}

// Check runs the lesson's scenario and verifies what the lesson claims
// about it: every beat's moment happens, in the order of the beats; every
// question has exactly one answer among its options; a goal is not met
// without interfering and is met by its solution within its limit.
func (l *Lesson) Check() error {
	tr := l.Run()
	if err := l.CheckTrace(tr); err != nil {
		return err
	}
	if g := l.Goal; g != nil {
		return l.checkGoal(g, tr)
	}
	return nil
}

// CheckTrace checks the beats and questions against a run.
func (l *Lesson) CheckTrace(tr *trace.Trace) error {
	last := -1
	for i := range l.Beats {
		b := &l.Beats[i]
		if !b.When.Found(tr) {
			return l.fail(b.Line, b.Path+".when", "the run has no such moment")
		}
		shown := b.When.Shown(tr)
		if shown < last {
			return l.fail(b.Line, b.Path+".when", fmt.Sprintf("this moment (event %d) comes before the previous beat's (event %d); beats go in the order of the run", shown, last))
		}
		last = shown
		if b.Ask == nil {
			continue
		}
		if _, ok := b.Ask.Answer(tr, shown); !ok {
			return l.fail(b.Line, b.Path+".ask", unanswered(b.Ask)+choiceFacts(b.Ask, tr))
		}
	}
	return nil
}

// choiceFacts says, for a choose question, which facts hold and why the
// others do not, so that an author can see what the run did.
func choiceFacts(q *Question, tr *trace.Trace) string {
	out := ""
	for k := range q.Choices {
		c := &q.Choices[k]
		if c.Fact == nil {
			continue
		}
		why := "holds"
		for i := range c.Fact {
			if m := c.Fact[i].Test(tr); m != "" {
				why = m
				break
			}
		}
		out += fmt.Sprintf("; choice %d: %s", k+1, why)
	}
	return out
}

func unanswered(q *Question) string {
	switch q.Kind {
	case AskSends:
		return "the run does not answer it: the endpoint sends nothing after this moment, or a segment none of the offered flags describe"
	case AskState, AskNext:
		return "the run does not answer it: the state is not among the options, or the endpoint enters no state after this moment"
	case AskTimer:
		return "the run does not answer it: no timer fires after this moment"
	}
	return "the run does not answer it: exactly one choice's fact must hold, and none or more than one does"
}

func (l *Lesson) checkGoal(g *Goal, tr *trace.Trace) error {
	if scenarios.Holds(g.Expect, tr) {
		return l.fail(g.Line, "goal.expect", "the run meets the goal already, without any interference")
	}
	if g.Max >= 0 && g.Used > g.Max {
		return l.fail(g.Line, "goal.solution", fmt.Sprintf("the solution uses %d interferences, more than the %d allowed", g.Used, g.Max))
	}
	if !scenarios.Holds(g.Expect, sim.Run(g.Solution)) {
		return l.fail(g.Line, "goal.solution", "the solution does not meet the goal")
	}
	return nil
}

func (l *Lesson) fail(line int, path, msg string) error {
	return &CheckError{File: l.File, Line: line, Path: path, Msg: msg}
}
