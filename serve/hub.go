package serve

import (
	"os"
	"sync"

	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/ui"
)

// hub carries the leader's lab to the followers. It keeps only the latest
// state: a follower that is slow to draw skips to the present instead of
// queueing every frame, and the leader never waits for anyone.
type hub struct {
	mu        sync.Mutex
	state     ui.FollowState
	have      bool
	followers map[*session]struct{}
}

// publish records the leader's state and wakes every follower.
func (h *hub) publish(st ui.FollowState) {
	h.mu.Lock()
	h.state, h.have = st, true
	for ss := range h.followers {
		select {
		case ss.notify <- struct{}{}:
		default: // already woken; it will read the latest state
		}
	}
	h.mu.Unlock()
}

func (h *hub) current() (ui.FollowState, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.state, h.have
}

// join starts delivering to a follower, beginning with the present.
func (h *hub) join(ss *session) {
	h.mu.Lock()
	if h.followers == nil {
		h.followers = map[*session]struct{}{}
	}
	h.followers[ss] = struct{}{}
	if h.have {
		ss.notify <- struct{}{}
	}
	h.mu.Unlock()
	go h.deliver(ss)
}

// deliver runs for each follower; Send blocks until the program takes the
// message or has ended.
func (h *hub) deliver(ss *session) {
	for range ss.notify {
		if st, ok := h.current(); ok {
			ss.prog.Send(ui.FollowMsg{State: st})
		}
	}
}

func (h *hub) leave(ss *session) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.followers[ss]; ok {
		delete(h.followers, ss)
		close(ss.notify)
	}
}

// NewLeader builds the teacher's lab for follow mode: every move in it is
// published to the class, the lesson it opens on too (Config.Lesson).
// Run it with ui.RunSession.
func (s *Server) NewLeader(sc *scenarios.Scenario) *ui.Session {
	if sc == nil {
		sc = s.cfg.Scenario
	}
	if l := s.cfg.Lesson; l != nil { // the class follows the teacher through it
		sc = l.Scenario
	}
	return ui.NewSession(sc, ui.SessionOptions{
		Lesson:    s.cfg.Lesson,
		Lang:      Lang(os.Environ(), s.cfg.Lang), // the teacher's own terminal
		NoColor:   os.Getenv("NO_COLOR") != "",
		MaxForks:  s.cfg.MaxForks,
		MaxEvents: s.cfg.MaxEvents,
		Scenarios: s.scenarioList,
		Lessons:   s.lessonList,
		Role:      ui.Leader,
		Publish:   s.hub.publish,
		Who:       s.Peers,
	})
}
