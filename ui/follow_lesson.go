package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/tcpsim/tcpsim/msg"
)

// Lessons in follow mode: when the teacher opens a lesson, every
// following lab opens it too, at the teacher's beat. A follower does not
// simulate the lesson again (its run is the teacher's trace, already on
// screen), and it keeps its own answers and score: a beat it is already
// at is left alone, so a teacher answering does not answer for the class,
// and a student's question stays open, the run held at the beat, until
// the student answers it.

// followLesson puts a follower's lesson at the leader's beat; newRun says
// the follower has just taken another trace of the leader's.
func (s *Session) followLesson(st FollowState, newRun bool) {
	m := s.m
	if st.Lesson == nil {
		m.lesson = nil
		return
	}
	lr := m.lesson
	if lr == nil || lr.l != st.Lesson {
		lr = &lessonRun{l: st.Lesson, beat: -1}
		m.lesson = lr
		m.say(m.p.T(msg.LessonOpened, msg.Args{"Title": lr.l.Title.In(m.p.Lang())}), pGood)
		newRun = true
	}
	lr.follow = true
	at := st.beatPhase == lpAt || st.beatPhase == lpAnswered
	mine := lr.phase == lpAt || lr.phase == lpAnswered
	if newRun || lr.beat != st.Beat || at != mine || (st.beatPhase == lpDone) != (lr.phase == lpDone) {
		s.toBeat(st, at)
	}
	if lr.asking() && m.cur > lr.stop { // the answer is further on: not yet
		m.seek(lr.stop, m.tl.ev[lr.stop].T)
	}
}

// toBeat moves a follower's lesson to the leader's beat.
func (s *Session) toBeat(st FollowState, at bool) {
	m, lr := s.m, s.m.lesson
	lr.beat = min(max(st.Beat, 0), len(lr.l.Beats))
	if st.beatPhase == lpDone || lr.beat == len(lr.l.Beats) {
		lr.beat, lr.phase = len(lr.l.Beats), lpDone
		m.checkGoal()
		return
	}
	lr.stop, lr.phase = lr.l.Beats[lr.beat].When.Shown(m.tl.tr), lpTo
	if !at {
		return
	}
	cur, now, row := m.cur, m.now, m.row
	m.atBeat() // reads the question's answer from the run on screen
	if !lr.asking() {
		m.seek(cur, now) // nothing to answer: back at the teacher's present
		m.row = row
	}
	m.playing = st.Playing
}

// lessonKeyWhileFollowing: a follower answers the question on screen
// (digits, Enter, Backspace, Esc, H for the hint) and turns from the
// narration to the question; the keys that move on stay the teacher's.
func (s *Session) lessonKeyWhileFollowing(k tea.KeyPressMsg) bool {
	m := s.m
	lr := m.lesson
	if lr == nil || !lr.follow {
		return false
	}
	ks := k.String()
	if m.answering() {
		switch ks {
		case "H", "enter", "backspace", "esc":
			return true
		}
		return len(k.Text) == 1 && k.Text[0] >= '0' && k.Text[0] <= '9'
	}
	return lr.asking() && (ks == "n" || ks == "space")
}

// answerWhileFollowing gives the key to the lesson, then puts the lab
// back at the teacher's present: once answered, the run need not wait.
func (s *Session) answerWhileFollowing(k tea.KeyPressMsg) tea.Cmd {
	_, cmd := s.m.Update(k)
	if s.lead.Trace != nil {
		s.follow(s.lead)
	}
	return cmd
}

// nextLine ends a beat's text: n goes on, or, following, the teacher does.
func (m *Model) nextLine() span {
	if m.lesson.follow {
		return span{m.p.T(msg.LessonNextTeacher, nil), pDim}
	}
	return span{m.p.T(msg.LessonNext, nil), pKey}
}
