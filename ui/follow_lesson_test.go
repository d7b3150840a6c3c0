package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tcpsim/tcpsim/lesson"
	"github.com/tcpsim/tcpsim/scenarios"
)

// The teacher opens a lesson: a following lab opens it at the same beat;
// the student's answer is their own, and the run waits at the beat for
// it even when the teacher has answered and moved to the answer.
func TestSessionFollowLesson(t *testing.T) {
	l := bundledLesson(t, "why-three-segments")
	var last FollowState
	lead := NewSession(scenarios.Bundled()[0], SessionOptions{Role: Leader, Publish: func(st FollowState) { last = st },
		Lessons: func() []*lesson.Lesson { return []*lesson.Lesson{l} }})
	stud := NewSession(scenarios.Bundled()[0], SessionOptions{Role: Follower, Lang: "zh"})
	lead.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	stud.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	deliver := func() { stud.Update(FollowMsg{State: last}) }

	spress(lead, "W", "enter", "n", "n") // open it, read the first beat, jump to the first question
	deliver()
	sl := stud.m.lesson
	if sl == nil || sl.l != l || sl.beat != 1 || !sl.asking() || stud.m.cur != sl.stop {
		t.Fatalf("follower's lesson: %+v at %d", sl, stud.m.cur)
	}
	if stud.m.run.sc != l.Scenario || stud.m.tl.tr != lead.m.tl.tr {
		t.Fatal("the follower does not show the teacher's run")
	}

	spress(lead, "1") // the teacher answers (wrong): its run moves to the answer
	deliver()
	if lead.m.cur <= sl.stop || stud.m.cur != sl.stop || sl.asked != 0 {
		t.Fatalf("teacher at %d; follower at %d (beat at %d), %d asked", lead.m.cur, stud.m.cur, sl.stop, sl.asked)
	}
	spress(stud, "2") // the student answers (right), then joins the teacher's present
	if st := stud.Status(); st.Asked != 1 || st.Correct != 1 || stud.m.cur != lead.m.cur {
		t.Fatalf("student %+v at %d, teacher at %d", st, stud.m.cur, lead.m.cur)
	}
	if st := lead.Status(); st.Asked != 1 || st.Correct != 0 {
		t.Fatalf("teacher's own score %+v", st)
	}

	spress(lead, "n", "n") // the next beat
	deliver()
	if sl.beat != lead.m.lesson.beat || sl.phase != lpAt || stud.Status().Beat != 3 {
		t.Fatalf("follower at beat %d (%d), teacher at %d", sl.beat, sl.phase, lead.m.lesson.beat)
	}
	spress(stud, "n") // moving on is the teacher's
	if sl.beat != 2 || !strings.Contains(stud.m.msg, "老师") {
		t.Fatalf("a follower moved on: beat %d, %q", sl.beat, stud.m.msg)
	}

	spress(lead, "F") // released, the lesson is the student's own
	deliver()
	spress(stud, "5", "9", "1", "enter", "n", "n")
	if sl.follow || sl.beat != 3 {
		t.Fatalf("released, the student's n did not move on: beat %d", sl.beat)
	}
	spress(lead, "F") // gathered: back at the teacher's beat, score kept
	deliver()
	if sl.beat != 2 || !sl.follow || stud.Status().Asked != 2 {
		t.Fatalf("gathered: beat %d, %+v", sl.beat, stud.Status())
	}

	spress(lead, "o") // another scenario: the lesson closes for the class too
	lead.Update(scenarioListMsg{items: []pickItem{{sc: scenarios.Bundled()[1]}}})
	spress(lead, "enter")
	deliver()
	if stud.m.lesson != nil {
		t.Fatal("the follower kept a lesson the teacher closed")
	}
}

// The teacher's list shows each student's lesson, beat, answers and goal,
// and predict mode's score, in the teacher's language.
func TestWhoScores(t *testing.T) {
	peers := []Peer{{User: "hana", Addr: "127.0.0.1:5000", Lang: "en", Width: 80, Height: 24,
		Status: SessionStatus{Scenario: "rst", Cur: 3, N: 9, Following: true, Lesson: "rst", Beat: 4, Beats: 4,
			Asked: 3, Correct: 2, Challenge: true, GoalMet: true, Predicted: 5, PredictedRight: 4}}}
	for _, c := range []struct {
		lang string
		w, h int
		want []string
	}{
		{"en", 80, 24, []string{"lesson rst: beat 4/4, 2/3 answers right, goal met", "predict mode: 4/5 right"}},
		{"zh", 120, 40, []string{"课程 rst：第 4/4 步，答对 2/3 题，目标已达成", "预测模式：答对 4/5 题"}},
	} {
		s := NewSession(scenarios.Bundled()[0], SessionOptions{Role: Leader, Lang: c.lang, Who: func() []Peer { return peers }})
		w, h := c.w, c.h
		s.Update(tea.WindowSizeMsg{Width: w, Height: h})
		spress(s, "w")
		out := ansi.Strip(s.View().Content)
		for _, want := range c.want {
			if !strings.Contains(out, want) {
				t.Errorf("%s %dx%d: no %q in\n%s", c.lang, w, h, want, out)
			}
		}
		for _, line := range strings.Split(out, "\n") {
			if textWidth(line) > w {
				t.Errorf("%s: line wider than %d: %q", c.lang, w, line)
			}
		}
	}
}

// A class bigger than the screen scrolls in w: the header and the closing
// line stay, the footer says which lines show, End reaches the last
// student and Home the first; no line is wider than the terminal.
func TestWhoScrolls(t *testing.T) {
	var peers []Peer
	for i := range 40 {
		peers = append(peers, Peer{User: fmt.Sprintf("student%02d", i+1), Addr: "127.0.0.1:5000", Lang: "zh", Width: 80, Height: 24,
			Status: SessionStatus{Scenario: "rst", Cur: 3, N: 9, Following: true, Predicted: 2, PredictedRight: 1}})
	}
	for _, c := range []struct {
		lang       string
		w, h       int
		foot, last string
	}{
		{"en", 80, 24, "lines 1–", "of 80: ↑↓ PgUp PgDn scroll"},
		{"zh", 120, 40, "第 1–", "共 80 行"},
	} {
		s := NewSession(scenarios.Bundled()[0], SessionOptions{Role: Leader, Lang: c.lang, Who: func() []Peer { return peers }})
		s.Update(tea.WindowSizeMsg{Width: c.w, Height: c.h})
		spress(s, "w")
		view := func() string {
			out := ansi.Strip(s.View().Content)
			for _, line := range strings.Split(out, "\n") {
				if textWidth(line) > c.w {
					t.Errorf("%s: line wider than %d: %q", c.lang, c.w, line)
				}
			}
			return out
		}
		out := view()
		if !strings.Contains(out, "student01") || strings.Contains(out, "student40") || !strings.Contains(out, c.foot) || !strings.Contains(out, c.last) {
			t.Errorf("%s %dx%d, first screen:\n%s", c.lang, c.w, c.h, out)
		}
		spress(s, "end")
		if out = view(); !strings.Contains(out, "student40") || strings.Contains(out, "student01 ") {
			t.Errorf("%s: End does not show the last student:\n%s", c.lang, out)
		}
		spress(s, "home", "down")
		if out = view(); strings.Contains(out, "student01 ") || !strings.Contains(out, "student02") {
			t.Errorf("%s: Home then down:\n%s", c.lang, out)
		}
		if spress(s, "esc"); s.who {
			t.Errorf("%s: esc left the list open", c.lang)
		}
	}
}
