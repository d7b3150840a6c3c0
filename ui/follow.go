package ui

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/tcpsim/tcpsim/msg"
)

// Follow mode: the leader publishes its present after every change; a
// follower puts its own lab at that same present. Nothing is simulated
// twice for a move: the leader's trace is shared (read-only), and a
// follower only indexes it again when the leader forks or opens another
// scenario. A follower draws its own frames at its own size, so the class
// sees the teacher's moment on every terminal.

// state is the leader's lab as published.
func (s *Session) state() FollowState {
	m := s.m
	st := FollowState{
		Scenario: m.run.sc, Config: m.cfg, Trace: m.tl.tr, Branch: m.branch, BranchNote: m.branchNote,
		Cur: m.cur, Now: m.now, Row: m.row, Playing: m.playing, Following: s.gathered,
	}
	if lr := m.lesson; lr != nil {
		st.Lesson, st.Beat, st.beatPhase = lr.l, lr.beat, lr.phase
	}
	return st
}

// publish sends the state when it changed (or always, when forced).
func (s *Session) publish(force bool) {
	if s.o.Publish == nil {
		return
	}
	st := s.state()
	if !force && st == s.last {
		return
	}
	s.last = st
	s.o.Publish(st)
}

// follow applies a leader's state to a follower.
func (s *Session) follow(st FollowState) {
	m := s.m
	if st.Scenario == nil || st.Config == nil || st.Trace == nil {
		return
	}
	s.lead = st
	if !st.Following {
		if m.lesson != nil {
			m.lesson.follow = false // the lesson is the student's own now
		}
		if s.following {
			s.following = false
			m.playing = false
			m.say(m.t(msg.LabReleased, nil), pGood)
		}
		return
	}
	if !s.following {
		s.following = true
		m.modal = modalNone
		m.say(m.t(msg.LabFollowingAgain, nil), pWarn)
	}
	newRun := m.cfg != st.Config || m.run.sc != st.Scenario
	if newRun {
		if st.Scenario != nil {
			m.run = simulated(st.Scenario)
		}
		m.cfg = st.Config
		m.tl = m.timelineOf(st.Trace)
		m.undo = nil
		m.sel, m.top = -1, -1
	}
	m.setBranch(st.BranchNote)
	// Ticks stay the leader's: a follower never runs its own clock.
	m.tickGen++
	m.seek(st.Cur, st.Now)
	m.row = st.Row
	m.playing = st.Playing
	s.followLesson(st, newRun)
	if m.msg == "" {
		m.say(m.t(msg.LabFollowing, nil), pDim)
	}
}

// View draws the lab, and a leader's who-is-connected overlay over it.
func (s *Session) View() tea.View {
	if !s.who && s.notice == nil {
		return s.m.View()
	}
	m := s.m
	c := m.frame()
	if m.w > 0 && m.h > 0 && s.who {
		s.drawWho(c.full())
	} else if m.w > 0 && m.h > 0 {
		s.drawNotice(c.full())
	}
	v := tea.NewView(c.String(m.th))
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "tcpsim · " + m.title()
	return v
}

// drawNotice shows a message whole, wrapped to the screen.
func (s *Session) drawNotice(v view) {
	w := min(v.w, 100)
	var ls []string
	for _, p := range s.notice {
		if p == "" {
			ls = append(ls, "")
			continue
		}
		ls = append(ls, wrap(p, w-4)...)
	}
	in := overlay(v, w, len(ls)+2, s.m.t(msg.LabExportTitle, nil))
	for i, l := range ls {
		in.textClip(1, i, l, in.w-2, pNone)
	}
}

func (s *Session) drawWho(v view) {
	var peers []Peer
	if s.o.Who != nil {
		peers = s.o.Who()
	}
	t := s.m.t
	state := t(msg.LabWhoFollows, nil)
	if !s.gathered {
		state = t(msg.LabWhoReleased, nil)
	}
	b := &lines{w: min(v.w, 100) - 4} // the overlay's inside, less a margin
	from := func(s string) string {   // the address gives way first on a narrow screen
		if b.w < 90 {
			return ""
		}
		return padRight(truncate(s, 21), 22)
	}
	head := span{padRight(t(msg.LabWhoUser, nil), 12) + from(t(msg.LabWhoFrom, nil)) + padRight(t(msg.LabWhoSize, nil), 9) +
		padRight(t(msg.LabWhoLang, nil), 5) + padRight(t(msg.LabWhoFor, nil), 7) + t(msg.LabWhoLab, nil), pTitle}
	if len(peers) == 0 {
		b.add(span{t(msg.LabWhoNobody, nil), pDim})
	}
	for _, p := range peers {
		lab := fmt.Sprintf("%s %d/%d", p.Status.Scenario, p.Status.Cur, p.Status.N)
		if !p.Status.Following && s.o.Role == Leader && s.gathered {
			lab += t(msg.LabWhoOwn, nil)
		}
		b.add(span{padRight(truncate(p.User, 11), 12) + from(p.Addr) +
			padRight(fmt.Sprintf("%dx%d", p.Width, p.Height), 9) + padRight(p.Lang, 5) +
			padRight(since(p.Since), 7) + lab, pNone})
		for _, l := range s.scoreLines(p.Status) {
			b.para(2, l, pDim)
		}
	}
	in := overlay(v, 100, min(len(b.out)+5, v.h), t(msg.LabWhoTitle, msg.Args{"N": len(peers), "State": state}))
	// The header and the closing line stay; the list between scrolls.
	rows := max(1, in.h-3)
	s.whoTop = min(max(s.whoTop, 0), max(0, len(b.out)-rows))
	out := &lines{w: b.w}
	out.add(head)
	out.out = append(out.out, b.out[s.whoTop:min(len(b.out), s.whoTop+rows)]...)
	for len(out.out) < rows+1 {
		out.blank()
	}
	out.blank()
	foot := t(msg.LabWhoClose, nil)
	if len(b.out) > rows {
		foot = t(msg.LabWhoScroll, msg.Args{"From": s.whoTop + 1, "To": min(len(b.out), s.whoTop+rows), "N": len(b.out)})
	}
	out.add(span{foot, pDim})
	out.draw(in.sub(1, 0, in.w-2, in.h))
}

// whoKey scrolls the who list or closes it.
func (s *Session) whoKey(ks string) tea.Cmd {
	page := max(1, s.m.h-8)
	switch ks {
	case "ctrl+c":
		return tea.Quit
	case "esc", "w", "q", "enter":
		s.who = false
	case "up", "k":
		s.whoTop--
	case "down", "j":
		s.whoTop++
	case "pgup":
		s.whoTop -= page
	case "pgdown", "space":
		s.whoTop += page
	case "home":
		s.whoTop = 0
	case "end":
		s.whoTop = 1 << 30 // drawWho clamps it to the last screenful
	}
	s.whoTop = max(s.whoTop, 0)
	return nil
}

// scoreLines are a student's progress under their line: the lesson, its
// beat and answers, the goal; predict mode's score.
func (s *Session) scoreLines(st SessionStatus) []string {
	t := s.m.t
	var out []string
	if st.Lesson != "" {
		l := t(msg.LabWhoLesson, msg.Args{"Lesson": st.Lesson, "Beat": st.Beat, "Beats": st.Beats, "Right": st.Correct, "Asked": st.Asked})
		if st.Challenge && st.GoalMet {
			l += t(msg.LabWhoGoalMet, nil)
		} else if st.Challenge && st.Beat >= st.Beats {
			l += t(msg.LabWhoGoalOpen, nil)
		}
		out = append(out, l)
	}
	if st.Predicted > 0 {
		out = append(out, t(msg.LabWhoPredict, msg.Args{"Right": st.PredictedRight, "Asked": st.Predicted}))
	}
	return out
}

// since is a short duration for the list: 42s, 7m, 2h.
func since(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	d := time.Since(t)
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d.Minutes()))
	}
	return fmt.Sprintf("%dh", int(d.Hours()))
}
