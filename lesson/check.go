package lesson

import (
	"fmt"

	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// CheckError is the first place a lesson does not match its run.
type CheckError struct {
	File string
	Line int
	Path string
	Msg  string // in English
	ID   msg.ID // the same in the catalogue, for ErrorIn
	Args msg.Args
}

func (e *CheckError) Error() string {
	return fmt.Sprintf("%s:%d: %s: %s", e.File, e.Line, e.Path, e.Msg)
}

// ErrorIn is Error() with the explanation in p's language.
func (e *CheckError) ErrorIn(p *msg.Printer) string {
	return fmt.Sprintf("%s:%d: %s: %s", e.File, e.Line, e.Path, p.T(e.ID, e.Args))
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
			return l.fail(b.Line, b.Path+".when", msg.LessonNoMoment, nil)
		}
		shown := b.When.Shown(tr)
		if shown < last {
			return l.fail(b.Line, b.Path+".when", msg.LessonOutOfOrder, msg.Args{"Shown": shown, "Last": last})
		}
		last = shown
		if b.Ask == nil {
			continue
		}
		if _, ok := b.Ask.Answer(tr, shown); !ok {
			return l.fail(b.Line, b.Path+".ask", unanswered(b.Ask), msg.Args{"Facts": choiceFacts(b.Ask, tr)})
		}
	}
	return nil
}

// choiceFacts says (in English: it names facts as the YAML does), for a choose question, which facts hold and why the
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

func unanswered(q *Question) msg.ID {
	switch q.Kind {
	case AskSends:
		return msg.LessonUnansweredSends
	case AskState, AskNext:
		return msg.LessonUnansweredState
	case AskTimer:
		return msg.LessonUnansweredTimer
	}
	return msg.LessonUnansweredChoose
}

func (l *Lesson) checkGoal(g *Goal, tr *trace.Trace) error {
	if scenarios.Holds(g.Expect, tr) {
		return l.fail(g.Line, "goal.expect", msg.LessonGoalMetAlready, nil)
	}
	if g.Max >= 0 && g.Used > g.Max {
		return l.fail(g.Line, "goal.solution", msg.LessonGoalTooMany, msg.Args{"Used": g.Used, "Max": g.Max})
	}
	if !scenarios.Holds(g.Expect, sim.Run(g.Solution)) {
		return l.fail(g.Line, "goal.solution", msg.LessonGoalUnmet, nil)
	}
	return nil
}

func (l *Lesson) fail(line int, path string, id msg.ID, args msg.Args) error {
	return &CheckError{File: l.File, Line: line, Path: path, Msg: msg.English().T(id, args), ID: id, Args: args}
}
