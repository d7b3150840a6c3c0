package ui

import (
	"github.com/tcpsim/tcpsim/lesson"
)

// Lessons in a served lab (tcpsim serve): the server says which lessons
// exist (the bundled course and the teacher's directory) and which one a
// session starts on; each session keeps its own progress and score.

// startLesson opens the lesson the session starts on, or the list of
// lessons, as SessionOptions ask.
func (s *Session) startLesson() {
	m := s.m
	if l := s.o.Lesson; l != nil && l.Scenario != nil && s.o.Role != Follower {
		m.openLesson(l) // in the session's language, set by NewSession
	}
	if s.o.ListLessons && s.o.Role != Follower {
		s.openLessons()
	}
}

// openLessons is W in a served lab: the server's list.
func (s *Session) openLessons() {
	var items []*lesson.Lesson
	if s.o.Lessons != nil {
		items = s.o.Lessons()
	} else {
		items = lesson.Bundled()
	}
	s.m.openLessonListOf(items)
}

// lessonStatus fills in the open lesson and its score for the teacher.
func (s *Session) lessonStatus(st *SessionStatus) {
	lr := s.m.lesson
	if lr == nil {
		return
	}
	st.Lesson = lr.l.Name
	st.Asked, st.Correct = lr.asked, lr.correct
	st.Beat, st.Beats = min(lr.beat+1, len(lr.l.Beats)), len(lr.l.Beats)
	st.Challenge, st.GoalMet = lr.l.Goal != nil, lr.goalMet
}
