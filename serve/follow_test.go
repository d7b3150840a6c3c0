package serve

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tcpsim/tcpsim/lesson"
	"github.com/tcpsim/tcpsim/ui"
)

// The teacher's lab leads: students' labs show the teacher's present and
// refuse to move on their own until the class is released; gathered
// again, they jump back to the teacher.
func TestFollowMode(t *testing.T) {
	t.Parallel()
	ts := startServer(t, Config{Follow: true})
	lead := ts.NewLeader(nil)
	press := func(keys ...string) { // the teacher's lab runs on the test goroutine
		for _, k := range keys {
			lead.Update(keyPress(k))
		}
	}
	lead.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	press("g", "l", "l", "l") // the teacher rewinds and steps to event 3

	tm := newTmux(t)
	tm.open(ts, "s1", 120, 40, "hana")
	tm.open(ts, "s2", 100, 30, "ivan", "LANG=zh_CN.UTF-8")
	tm.waitFor("s1", "event 3/")
	tm.waitFor("s1", "following the teacher")

	press("l", "l")
	tm.waitFor("s1", "event 5/")

	// A student's own step is refused while following.
	tm.keys("s1", "l")
	tm.waitFor("s1", "the teacher releases the class")
	if st := peer(t, ts, "hana").Status; st.Cur != 5 || !st.Following {
		t.Fatalf("hana: %+v, want event 5, following", st)
	}

	// Released, a student explores; the teacher's moves no longer reach them.
	press("F")
	tm.waitFor("s1", "released the class")
	tm.keys("s1", "g")
	tm.waitFor("s1", "event 0/")
	press("l")
	tm.keys("s1", "l")
	tm.waitFor("s1", "event 1/")

	// Gathered again, everyone is back at the teacher's present.
	press("F")
	tm.waitFor("s1", "event 6/")
	tm.waitFor("s2", "跟随老师") // ivan's lab speaks Chinese
	if p := peer(t, ts, "ivan"); p.Lang != "zh" || p.Status.Cur != 6 {
		t.Fatalf("ivan: %+v", p)
	}
	tm.keys("s1", "q")
	tm.keys("s2", "q")
	eventually(t, "the labs to end", func() bool { return ts.Count() == 0 })
}

func peer(t *testing.T, ts *testServer, user string) ui.Peer {
	t.Helper()
	for _, p := range ts.Peers() {
		if p.User == user {
			return p
		}
	}
	t.Fatalf("%s is not connected", user)
	return ui.Peer{}
}

// keyPress is the message Bubble Tea makes of a key name.
func keyPress(k string) tea.KeyPressMsg {
	switch k {
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// The teacher's lesson reaches the class: a following student sees the
// lesson panel at the teacher's beat, answers the question on their own,
// and the teacher's list (w) shows the student's score.
func TestFollowLesson(t *testing.T) {
	t.Parallel()
	l, err := lesson.Lookup("why-three-segments")
	if err != nil {
		t.Fatal(err)
	}
	ts := startServer(t, Config{Follow: true, Lesson: l})
	lead := ts.NewLeader(nil)
	lead.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	for _, k := range []string{"n", "n"} { // the first question
		lead.Update(keyPress(k))
	}

	tm := newTmux(t)
	tm.open(ts, "s1", 120, 40, "hana")
	tm.open(ts, "s2", 80, 24, "ivan", "LANG=zh_CN.UTF-8")
	tm.waitFor("s1", "Lesson · beat 2 of")
	tm.waitFor("s2", "第 2 步")
	tm.keys("s1", "2") // hana answers (right); ivan has not answered
	tm.waitFor("s1", "Right!")

	lead.Update(keyPress("w"))
	want := "lesson why-three-segments: beat 2/"
	eventually(t, "hana's score in the teacher's list", func() bool {
		v := ansi.Strip(lead.View().Content)
		return strings.Contains(v, want) && strings.Contains(v, "1/1 answers right") && strings.Contains(v, "0/0 answers right")
	})
	tm.keys("s1", "q")
	tm.keys("s2", "q")
	eventually(t, "the labs to end", func() bool { return ts.Count() == 0 })
}
