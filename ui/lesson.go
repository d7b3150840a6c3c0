package ui

import (
	"errors"
	"os"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/lesson"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/trace"
)

// A lesson in the lab (issue 11): the run plays to the next beat and
// stops; the beat's narration and question are in the lesson panel
// (lesson_panel.go); n goes on. Everything the lab says about an answer
// is read from the run on screen, so a forked run answers for itself.

// lessonPhase is where the student is in the current beat.
type lessonPhase uint8

const (
	lpTo       lessonPhase = iota // playing to the beat
	lpAt                          // stopped at it: narration, perhaps a question
	lpAnswered                    // the question is answered: right or not, and why
	lpDone                        // after the last beat: score, goal
)

// lessonRun is an open lesson.
type lessonRun struct {
	l *lesson.Lesson // it speaks the lab's language (m.p), which T switches

	beat  int // current beat; len(Beats) once done
	phase lessonPhase
	stop  int            // the event the beat stops at
	ans   *lesson.Answer // the current question's answer, from the run on screen

	hint   bool   // the hint is shown
	typed  string // digits being typed: a choice (more than 9 options) or a number
	choice int    // the option chosen, -1 before
	seq    uint32 // typed seq, when numbers are asked
	ack    uint32 // typed ack
	step   int    // 0: choosing; 1: typing seq; 2: typing ack
	page   int    // 0: the narration first, when it and the question do not fit; 1: the question
	right  bool

	asked, correct, hints int
	goalMet               bool

	follow bool // a follower's: time is the leader's (follow_lesson.go)
}

// RunLesson opens the lab on a lesson, speaking lang in the lesson panel.
func RunLesson(l *lesson.Lesson, lang string, opts Options) error {
	if l == nil || l.Scenario == nil {
		return errors.New("ui: no lesson")
	}
	m := newLessonModel(l, lang, opts, modelOptions{mono: noColor(), dark: true})
	return drive(m, os.Stdout)
}

func newLessonModel(l *lesson.Lesson, lang string, opts Options, mo modelOptions) *Model {
	if lang != "" {
		opts.Lang = lang
	}
	m := newModelOf(simulated(l.Scenario), opts, mo)
	m.openLesson(l)
	return m
}

// openLesson starts a lesson from the beginning of its run.
func (m *Model) openLesson(l *lesson.Lesson) {
	m.load(simulated(l.Scenario))
	m.lesson = &lessonRun{l: l, beat: -1}
	m.say(m.p.T(msg.LessonOpened, msg.Args{"Title": l.Title.In(m.p.Lang())}), pGood)
	m.nextBeat()
}

// nextBeat heads for the next beat whose moment the run on screen has.
func (m *Model) nextBeat() {
	lr := m.lesson
	tr := m.tl.tr
	for lr.beat++; lr.beat < len(lr.l.Beats); lr.beat++ {
		w := &lr.l.Beats[lr.beat].When
		if !w.Found(tr) {
			m.say(m.p.T(msg.LessonSkipped, nil), pDim)
			continue
		}
		lr.stop, lr.phase = w.Shown(tr), lpTo
		if m.cur >= lr.stop {
			m.atBeat()
			return
		}
		m.playing = true
		return
	}
	lr.phase = lpDone
	m.playing = false
	m.checkGoal()
}

// lessonSync stops the run at the beat it plays to; the lab calls it
// after every step of time.
func (m *Model) lessonSync() {
	if lr := m.lesson; lr != nil && lr.phase == lpTo && m.cur >= lr.stop {
		m.atBeat()
	}
}

// atBeat stops at the current beat, highlights what it is about and
// reads its question's answer from the run.
func (m *Model) atBeat() {
	lr := m.lesson
	b := &lr.l.Beats[lr.beat]
	now := m.now
	if lr.stop >= 0 {
		now = m.tl.ev[lr.stop].T
	}
	if m.cur != lr.stop {
		m.seek(lr.stop, now)
	}
	m.playing, m.top = false, -1
	m.sel = m.beatSegment(b)
	lr.phase, lr.ans, lr.hint, lr.typed, lr.choice, lr.step, lr.page = lpAt, nil, false, "", -1, 0, 0
	if b.Ask != nil {
		if a, ok := b.Ask.Answer(m.tl.tr, lr.stop); ok {
			lr.ans = a
		}
	}
}

// beatSegment is the segment a beat is about: the one its moment sends,
// delivers or drops, or the one whose arrival caused its state change.
func (m *Model) beatSegment(b *lesson.Beat) int {
	i := b.When.Find(m.tl.tr)
	if i < 0 || i >= len(m.tl.ev) {
		return -1
	}
	if m.tl.ev[i].Kind == trace.KState {
		i = m.tl.tr.Index().Step(i)
	}
	if i < 0 || m.tl.evArrow[i] < 0 || !m.tl.revealed(int(m.tl.evArrow[i]), m.cur) {
		return -1
	}
	return int(m.tl.evArrow[i])
}

// asking reports whether a question waits for its answer.
func (lr *lessonRun) asking() bool { return lr.phase == lpAt && lr.ans != nil }

// answering reports whether the question is on screen, waiting: asked,
// and shown (when the narration and the question do not fit the panel
// together, the narration comes first, and n turns to the question).
func (m *Model) answering() bool {
	lr := m.lesson
	return lr != nil && lr.asking() && (lr.page > 0 || m.questionFits())
}

// choose takes the student's option; with numbers asked, seq (and ack)
// are typed next.
func (m *Model) choose(k int) {
	lr := m.lesson
	q := lr.l.Beats[lr.beat].Ask
	if k < 0 || k >= len(lr.ans.Options) {
		return
	}
	lr.choice, lr.typed = k, ""
	if q.Kind == lesson.AskSends && q.Numbers != lesson.NumbersNone {
		lr.step = 1
		return
	}
	m.grade(0, 0)
}

// typedNumber takes a typed seq or ack.
func (m *Model) typedNumber(n uint32) {
	lr := m.lesson
	if lr.step == 1 && lesson.FlagOptions[lr.choice].Has(fsm.ACK) {
		lr.seq, lr.step, lr.typed = n, 2, ""
		return
	}
	if lr.step == 1 {
		m.grade(n, 0)
		return
	}
	m.grade(lr.seq, n)
}

func (m *Model) grade(seq, ack uint32) {
	lr := m.lesson
	q := lr.l.Beats[lr.beat].Ask
	lr.seq, lr.ack = seq, ack
	lr.right = lr.ans.Grade(q, lr.choice, seq, ack)
	lr.asked++
	if lr.right {
		lr.correct++
	}
	lr.phase, lr.typed = lpAnswered, ""
	m.showAnswer()
}

// showAnswer plays on to the answer's event, so the ladder and the state
// diagram show what the answer says: the segment leaving, the state
// entered, the timer firing.
func (m *Model) showAnswer() {
	if m.lesson.follow {
		return // the teacher's lab decides when the class sees it
	}
	i := m.lesson.ans.Event
	if i <= m.cur || i >= len(m.tl.ev) {
		return
	}
	m.seek(i, 0)
	m.top = -1
	if a := m.tl.evArrow[i]; a >= 0 {
		m.sel = int(a)
	}
}

// checkGoal tells the student when the run on screen meets the goal.
func (m *Model) checkGoal() {
	lr := m.lesson
	g := lr.l.Goal
	if g == nil || lr.phase != lpDone {
		return
	}
	met := lesson.GoalMet(g, m.tl.tr)
	if met && (g.Max < 0 || len(m.undo) <= g.Max) {
		if !lr.goalMet {
			m.say(m.p.T(msg.LessonGoalMet, nil), pGood)
		}
		lr.goalMet = true
		return
	}
	lr.goalMet = false
}
