package serve

import (
	"testing"

	tea "charm.land/bubbletea/v2"

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
