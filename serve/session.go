package serve

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/trace"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	bm "charm.land/wish/v2/bubbletea"

	"github.com/tcpsim/tcpsim/ui"
)

// labMiddleware runs one lab per SSH session with a pty: it counts the
// session against the limit, builds its own model and program, and
// removes it from the class when it ends, whatever the reason.
func (s *Server) labMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		req, rerr := s.parseRequest(sess.Command())
		p := printer(req.lang, Lang(sess.Environ(), s.cfg.Lang))
		if rerr != nil {
			wish.Fatalln(sess, lines(sess, rerr.in(p)))
			return
		}
		if req.help {
			wish.Println(sess, lines(sess, p.T(msg.ServeUsage, nil)))
			return
		}
		if _, _, ok := sess.Pty(); !ok {
			wish.Fatalln(sess, "tcpsim: "+p.T(msg.ServeNeedTerminal, nil))
			return
		}
		ss, err := s.register(sess, req)
		if err != nil {
			wish.Fatalln(sess, "tcpsim: "+err.Error())
			return
		}
		defer s.unregister(ss)
		h := bm.MiddlewareWithProgramHandler(func(sess ssh.Session) *tea.Program {
			return s.program(sess, ss, req)
		})
		h(func(ssh.Session) {})(sess)
		if ss.idled.Load() {
			wish.Printf(sess, "tcpsim: no key for %s, the lab closed; ssh again to start over.\r\n", s.cfg.IdleTimeout)
		}
		next(sess)
	}
}

// register admits a session if the class is not full.
func (s *Server) register(sess ssh.Session, req request) (*session, error) {
	pty, _, _ := sess.Pty()
	lang := req.lang
	if lang == "" {
		lang = Lang(sess.Environ(), s.cfg.Lang)
	}
	ss := &session{user: sess.User(), addr: sess.RemoteAddr().String(), lang: lang, since: time.Now()}
	ss.w.Store(int32(pty.Window.Width))
	ss.h.Store(int32(pty.Window.Height))
	ss.lastInput.Store(time.Now().UnixNano())
	s.mu.Lock()
	select {
	case <-s.closed:
		s.mu.Unlock()
		return nil, fmt.Errorf("the class is over (the server is stopping)")
	default:
	}
	if len(s.sessions) >= s.cfg.MaxSessions {
		s.mu.Unlock()
		s.logf("%s@%s refused: the class is full, %d labs", ss.user, ss.addr, s.cfg.MaxSessions)
		return nil, fmt.Errorf("the class is full: %d labs already; try again in a moment", s.cfg.MaxSessions)
	}
	s.nextID++
	ss.id = s.nextID
	s.sessions[ss] = struct{}{}
	n := len(s.sessions)
	s.mu.Unlock()
	s.logf("%s@%s connected (%dx%d, %s, TERM=%s) — %d in class", ss.user, ss.addr, pty.Window.Width, pty.Window.Height, ss.lang, pty.Term, n)
	return ss, nil
}

func (s *Server) unregister(ss *session) {
	s.mu.Lock()
	delete(s.sessions, ss)
	n := len(s.sessions)
	s.mu.Unlock()
	s.hub.leave(ss)
	score := ""
	if ss.lab != nil {
		if st := ss.lab.Status(); st.Lesson != "" {
			score = fmt.Sprintf(" (lesson %s: beat %d/%d, %d of %d answers right)", st.Lesson, st.Beat, st.Beats, st.Correct, st.Asked)
		}
	}
	s.logf("%s@%s left after %s%s — %d in class", ss.user, ss.addr, time.Since(ss.since).Round(time.Second), score, n)
}

// program builds the session's own lab and Bubble Tea program.
func (s *Server) program(sess ssh.Session, ss *session, req request) *tea.Program {
	env := sess.Environ()
	o := ui.SessionOptions{
		Lang:        ss.lang,
		NoColor:     envValue(env, "NO_COLOR") != "",
		MaxForks:    s.cfg.MaxForks,
		MaxEvents:   s.cfg.MaxEvents,
		Scenarios:   s.scenarioList,
		Lessons:     s.lessonList,
		Lesson:      s.cfg.Lesson,
		ListLessons: req.list,
	}
	if s.cfg.Export != nil {
		o.Export = func(tr *trace.Trace, name string) (string, error) {
			return s.exports.save(sess, s.cfg.PublicHost, name, func(path string) error { return s.cfg.Export(tr, path) })
		}
	}
	first := s.cfg.Scenario
	switch {
	case req.scenario != nil:
		first, o.Lesson = req.scenario, nil
	case req.lesson != nil:
		o.Lesson = req.lesson
	}
	if o.Lesson != nil {
		first = o.Lesson.Scenario
	}
	if s.cfg.Follow {
		o.Role = ui.Follower
		if st, ok := s.hub.current(); ok && st.Scenario != nil {
			first = st.Scenario
		}
	}
	lab := ui.NewSession(first, o)
	opts := append(bm.MakeOptions(sess), tea.WithFilter(ss.filter))
	prog := tea.NewProgram(lab, opts...)
	s.mu.Lock()
	ss.lab, ss.prog = lab, prog
	s.mu.Unlock()
	if s.cfg.Follow {
		ss.notify = make(chan struct{}, 1)
		s.hub.join(ss)
	}
	return prog
}

// filter notes input (for the idle timeout) and the window size, and
// keeps a client's ctrl+z from suspending a program that has no shell
// to return to (as wish's own filter does).
func (ss *session) filter(_ tea.Model, msg tea.Msg) tea.Msg {
	switch m := msg.(type) {
	case tea.KeyPressMsg, tea.MouseClickMsg, tea.MouseWheelMsg, tea.PasteMsg:
		ss.lastInput.Store(time.Now().UnixNano())
	case tea.WindowSizeMsg:
		ss.w.Store(int32(m.Width))
		ss.h.Store(int32(m.Height))
	case tea.SuspendMsg:
		return tea.ResumeMsg{}
	}
	return msg
}

// watchIdle closes labs nobody has typed in for IdleTimeout: a forgotten
// session holds a place in the class and memory on the teacher's machine.
func (s *Server) watchIdle() {
	every := min(max(s.cfg.IdleTimeout/4, 50*time.Millisecond), 10*time.Second)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-s.closed:
			return
		case now := <-t.C:
			s.mu.Lock()
			for ss := range s.sessions {
				if ss.prog != nil && now.Sub(time.Unix(0, ss.lastInput.Load())) > s.cfg.IdleTimeout && !ss.idled.Swap(true) {
					s.logf("%s@%s idle for %s, closing", ss.user, ss.addr, s.cfg.IdleTimeout)
					go ss.prog.Quit()
				}
			}
			s.mu.Unlock()
		}
	}
}

// Lang picks the session's language from the client's environment, in
// the order of precedence of POSIX locale variables (TCPSIM_LANG first):
// zh_CN.UTF-8, zh_TW, zh → "zh"; anything else → "en"; none set → def
// (the teacher's --lang), or "en".
func Lang(env []string, def string) string {
	for _, k := range []string{"TCPSIM_LANG", "LC_ALL", "LC_MESSAGES", "LANG"} {
		v := envValue(env, k)
		if v == "" {
			continue
		}
		if v == "zh" || strings.HasPrefix(v, "zh_") || strings.HasPrefix(v, "zh-") || strings.HasPrefix(v, "zh.") {
			return "zh"
		}
		return "en"
	}
	if def == "zh" {
		return def
	}
	return "en"
}

// envValue is the last value of k in env (a later assignment wins).
func envValue(env []string, k string) string {
	for _, kv := range slices.Backward(env) {
		if v, ok := strings.CutPrefix(kv, k+"="); ok {
			return v
		}
	}
	return ""
}

func sortPeers(p []ui.Peer) {
	slices.SortFunc(p, func(a, b ui.Peer) int { return a.Since.Compare(b.Since) })
}

// lines ends lines with CR LF on a pty, where the client's terminal is raw.
func lines(sess ssh.Session, text string) string {
	if _, _, ok := sess.Pty(); ok {
		return strings.ReplaceAll(text, "\n", "\r\n")
	}
	return text
}

// printer speaks the language asked for in the command, else the
// session's.
func printer(asked, session string) *msg.Printer {
	if asked == "" {
		asked = session
	}
	if p, err := msg.New(asked); err == nil {
		return p
	}
	return msg.English()
}
