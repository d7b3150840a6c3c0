package ui

import (
	"errors"
	"strings"
	"testing"

	"github.com/tcpsim/tcpsim/trace"

	tea "charm.land/bubbletea/v2"

	"github.com/tcpsim/tcpsim/scenarios"
)

func spress(s *Session, keys ...string) tea.Cmd {
	var cmd tea.Cmd
	for _, k := range keys {
		_, cmd = s.Update(keyMsg(k))
	}
	return cmd
}

// A served lab asks its options for the picker and the export, and
// bounds forks.
func TestSessionServices(t *testing.T) {
	sc := scenarioOf("normal-close", normalClose())
	var exported string
	s := NewSession(sc, SessionOptions{
		MaxForks: 1,
		Scenarios: func() []ScenarioEntry {
			return []ScenarioEntry{{Scenario: sc}, {File: "bad.yaml", Err: errors.New("bad.yaml:1:1: nonsense")}}
		},
		Export: func(tr *trace.Trace, name string) (string, error) {
			exported = name
			return "scp -O host:tok/" + name + " .", nil
		},
	})
	s.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	msg := spress(s, "o")()
	lm, ok := msg.(scenarioListMsg)
	if !ok || len(lm.items) != 2 || lm.items[1].path != "bad.yaml" || lm.items[1].err == nil {
		t.Fatalf("picker items: %#v", msg)
	}
	s.Update(lm)
	spress(s, "esc")

	s.Update(spress(s, "e")())
	if v := s.View(); exported != "normal-close.pcapng" || !strings.Contains(v.Content, "scp -O host:tok/normal-close.pcapng .") {
		t.Fatalf("export %q; no command on the screen:\n%s", exported, v.Content)
	}
	spress(s, "x") // any key closes the notice

	spress(s, "space", "end", "up", "x")
	if len(s.m.undo) != 1 {
		t.Fatalf("%d forks after x", len(s.m.undo))
	}
	spress(s, "up", "x")
	if len(s.m.undo) != 1 || !strings.Contains(s.m.msg, "at most 1 forked timelines") {
		t.Fatalf("fork bound not kept: %d forks, %q", len(s.m.undo), s.m.msg)
	}
}

// A follower mirrors the leader and takes no step of its own until
// released.
func TestSessionFollow(t *testing.T) {
	sc := scenarioOf("normal-close", normalClose())
	var last FollowState
	lead := NewSession(sc, SessionOptions{Role: Leader, Publish: func(st FollowState) { last = st }})
	stud := NewSession(scenarios.Bundled()[0], SessionOptions{Role: Follower, Lang: "zh"})
	stud.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	spress(lead, "g", "l", "l", "l")
	stud.Update(FollowMsg{State: last})
	if stud.m.run.sc != sc || stud.m.cur != 2 || stud.Status().Cur != 3 || !stud.Status().Following {
		t.Fatalf("follower at %s %d (%+v)", stud.m.run.name, stud.m.cur, stud.Status())
	}
	spress(stud, "l")
	if stud.m.cur != 2 {
		t.Fatal("a follower stepped on its own")
	}
	spress(lead, "F")
	if last.Following {
		t.Fatal("F did not release the class")
	}
	stud.Update(FollowMsg{State: last})
	spress(stud, "l")
	if stud.m.cur != 3 || stud.Status().Following {
		t.Fatalf("released, the follower did not step: %d", stud.m.cur)
	}
	spress(lead, "F")
	stud.Update(FollowMsg{State: last})
	if stud.m.cur != 2 || !stud.Status().Following || stud.Lang() != "zh" {
		t.Fatalf("gathered, the follower is at %d", stud.m.cur)
	}
}
