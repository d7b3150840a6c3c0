package ui

import (
	"testing"

	"github.com/tcpsim/tcpsim/lesson"
)

// A served lab opens the lesson the server asks for, reports its beat for
// the teacher, and W lists what the server offers, not the bundled course.
func TestSessionLessons(t *testing.T) {
	tw, err := lesson.Lookup("time-wait")
	if err != nil {
		t.Fatal(err)
	}
	rst, err := lesson.Lookup("rst")
	if err != nil {
		t.Fatal(err)
	}
	s := NewSession(tw.Scenario, SessionOptions{Lang: "zh", Lesson: tw, Lessons: func() []*lesson.Lesson { return []*lesson.Lesson{rst} }})
	if st := s.Status(); st.Lesson != "time-wait" || st.Beat != 1 || st.Beats != len(tw.Beats) {
		t.Fatalf("status %+v, want time-wait at beat 1 of %d", st, len(tw.Beats))
	}
	if s.m.p.Lang() != "zh" {
		t.Errorf("the lesson speaks %q, want the session's zh", s.m.p.Lang())
	}
	s.Update(keyMsg("n"))
	if st := s.Status(); st.Beat != 2 {
		t.Errorf("after n: beat %d, want 2", st.Beat)
	}
	s.Update(keyMsg("W"))
	if s.m.modal != modalLessons || len(s.m.lessonList.items) != 1 || s.m.lessonList.items[0] != rst {
		t.Fatalf("W lists %d lessons (modal %d), want only the served rst", len(s.m.lessonList.items), s.m.modal)
	}
	s.Update(keyMsg("enter"))
	if st := s.Status(); st.Lesson != "rst" || st.Beat != 1 {
		t.Errorf("after choosing rst: %+v", st)
	}

	// The list at the start; a follower gets neither list nor lesson.
	l := NewSession(tw.Scenario, SessionOptions{ListLessons: true, Lessons: func() []*lesson.Lesson { return []*lesson.Lesson{tw, rst} }})
	if l.m.modal != modalLessons || len(l.m.lessonList.items) != 2 || l.Status().Lesson != "" {
		t.Errorf("ListLessons: modal %d, %d items, lesson %q", l.m.modal, len(l.m.lessonList.items), l.Status().Lesson)
	}
	f := NewSession(tw.Scenario, SessionOptions{Role: Follower, Lesson: tw, ListLessons: true})
	if f.m.modal == modalLessons || f.Status().Lesson != "" {
		t.Errorf("a follower opened a lesson or the list")
	}
}
