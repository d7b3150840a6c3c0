package ui

import (
	"slices"
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tcpsim/tcpsim/lesson"
	"github.com/tcpsim/tcpsim/msg"
)

// The lesson's keys: W the list of lessons, n the next beat, H the hint,
// digits and Enter to answer. While a question waits, the keys that
// would play past it are held back; all the others work as usual.

// modalLessons is the list of lessons opened by W.
const modalLessons modal = 200

// onKey handles a key: the lesson's first, then the lab's.
func (m *Model) onKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	if cmd, done := m.lessonKey(msg); done {
		return m, cmd
	}
	forks := len(m.undo)
	var cmd tea.Cmd
	if m.modal != modalNone {
		_, cmd = m.modalKey(msg)
	} else {
		prev, tl := m.cur, m.tl
		_, cmd = m.key(msg)
		m.announce(tl, prev, true) // moments.go
	}
	m.afterKey(forks)
	return m, cmd
}

// afterKey follows what a lab key did: a run opened from the picker ends
// the lesson; a fork re-reads the beat from the new run; a step may
// reach the beat.
func (m *Model) afterKey(forks int) {
	lr := m.lesson
	if lr == nil {
		return
	}
	if m.run.sc != lr.l.Scenario {
		m.lesson = nil
		return
	}
	if len(m.undo) != forks {
		if lr.l.Goal != nil && lr.beat >= len(lr.l.Beats)-1 { // the challenge is on
			lr.beat, lr.phase = len(lr.l.Beats), lpDone
		}
		if lr.phase == lpAt || lr.phase == lpAnswered {
			lr.beat--
			cur, now := m.cur, m.now
			m.nextBeat()
			if lr.phase == lpTo { // the beat is later in the new run: stay here
				m.playing = false
				m.seek(cur, now)
			}
		}
		m.checkGoal()
	}
	m.lessonSync()
}

func (m *Model) lessonKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	s := k.String()
	if m.modal == modalLessons {
		return m.lessonListKey(s), true
	}
	if m.modal != modalNone {
		return nil, false
	}
	if s == "W" {
		m.openLessonList()
		return nil, true
	}
	lr := m.lesson
	if lr == nil {
		return nil, false
	}
	m.msg = "" // as the lab's own keys do: a message lasts until the next key
	if m.answering() {
		lr.page = 1 // the question is on screen: a hint must not turn back to the narration
		return nil, m.answerKey(s, k.Text)
	}
	if lr.asking() && (s == "n" || s == "space") { // read; now the question
		lr.page = 1
		return nil, true
	}
	switch s {
	case "n", "space":
		if s == "space" && (lr.phase == lpTo || lr.phase == lpDone) {
			return nil, false // play / pause as usual
		}
		return m.onNext(), true
	case "r":
		m.openLesson(lr.l)
		return m.startTicksIfPlaying(), true
	}
	return nil, false
}

// onNext goes on: to the beat being played to, or to the next one.
func (m *Model) onNext() tea.Cmd {
	lr := m.lesson
	switch lr.phase {
	case lpTo:
		m.seek(lr.stop, 0)
		m.atBeat()
		return nil
	case lpDone:
		m.say(m.p.T(msg.LessonEnd, nil), pDim)
		return nil
	}
	m.nextBeat()
	return m.startTicksIfPlaying()
}

func (m *Model) startTicksIfPlaying() tea.Cmd {
	if m.playing {
		return m.startTicks()
	}
	return nil
}

// answerKey takes a key while a question waits; false lets the lab have it.
func (m *Model) answerKey(s, text string) bool {
	lr := m.lesson
	switch s {
	case "H":
		if !lr.hint {
			lr.hint = true
			lr.hints++
		}
		return true
	case "space", "p", "right", "l", "end", "G", "n":
		m.say(m.p.T(msg.LessonAnswerFirst, nil), pWarn)
		return true
	case "backspace":
		if lr.typed != "" {
			lr.typed = lr.typed[:len(lr.typed)-1]
		}
		return true
	case "esc":
		if lr.step > 0 || lr.typed != "" {
			lr.step, lr.typed = 0, ""
			return true
		}
		return false
	case "enter":
		m.enterTyped()
		return true
	}
	if len(text) != 1 || text[0] < '0' || text[0] > '9' {
		return false
	}
	if lr.step == 0 && len(lr.ans.Options) <= 9 {
		if d := int(text[0] - '0'); d >= 1 {
			m.choose(d - 1)
		}
		return true
	}
	if len(lr.typed) < 10 {
		lr.typed += text
	}
	return true
}

// enterTyped takes the number typed so far.
func (m *Model) enterTyped() {
	lr := m.lesson
	n, err := strconv.ParseUint(lr.typed, 10, 32)
	if err != nil {
		return
	}
	if lr.step == 0 {
		m.choose(int(n) - 1)
		return
	}
	m.typedNumber(uint32(n))
}

// ---- the list of lessons (W) ----

func (m *Model) openLessonList() { m.openLessonListOf(lesson.Bundled()) }

// openLessonListOf opens the W list on the given lessons (a served lab
// offers the server's, never a file a student names).
func (m *Model) openLessonListOf(items []*lesson.Lesson) {
	m.modal = modalLessons
	m.lessonList = lessonList{items: items}
	if lr := m.lesson; lr != nil {
		for i, l := range m.lessonList.items {
			if l.Name == lr.l.Name {
				m.lessonList.idx = i
			}
		}
	}
}

func (m *Model) lessonListKey(s string) tea.Cmd {
	ll := &m.lessonList
	switch s {
	case "esc", "q", "W":
		m.modal = modalNone
	case "T":
		m.toggleLang()
	case "up", "k":
		ll.idx = max(ll.idx-1, 0)
	case "down", "j":
		ll.idx = min(ll.idx+1, max(len(ll.items)-1, 0))
	case "enter":
		if len(ll.items) == 0 {
			return nil
		}
		m.modal = modalNone
		m.openLesson(ll.items[ll.idx])
		return m.startTicksIfPlaying()
	}
	return nil
}

// lessonList is the W dialog.
type lessonList struct {
	items []*lesson.Lesson
	idx   int
}

func (ll *lessonList) draw(v view, p *msg.Printer) {
	lang := p.Lang()
	in := overlay(v, 84, max(v.h-4, 10), p.T(msg.LessonListTitle, nil))
	// Three rows a lesson; scrolled so that the chosen one shows.
	fit := max((in.h-1)/3, 1)
	first := max(ll.idx-fit+1, 0)
	y := 1
	for i := first; i < len(ll.items); i++ {
		l := ll.items[i]
		if y+1 >= in.h {
			break
		}
		pn, mark := pNone, "  "
		if i == ll.idx {
			pn, mark = pAccent, "▸ "
		}
		in.textClip(1, y, mark+l.Title.In(lang), in.w-2, pn)
		info := p.T(msg.LessonListLine, msg.Args{"Minutes": l.Minutes, "Beats": len(l.Beats), "Questions": l.Questions()})
		in.textClip(5, y+1, l.Name+" · "+info, in.w-6, pDim)
		y += 3
	}
}

// lessonBarKeys puts the lesson's keys first in the help bar (after help
// and quit, which stay at the right).
func (m *Model) lessonBarKeys(keys []key.Binding) []key.Binding {
	lr := m.lesson
	if lr == nil || len(keys) < 2 {
		return keys
	}
	p := m.p
	b := func(k string, id msg.ID) key.Binding {
		return key.NewBinding(key.WithKeys(k), key.WithHelp(k, p.T(id, nil)))
	}
	var mine []key.Binding
	switch {
	case m.answering():
		mine = []key.Binding{b("H", msg.LessonKeyHint)}
	case lr.phase != lpDone && !lr.follow: // following, the teacher moves on
		mine = []key.Binding{b("n", msg.LessonKeyNext)}
	}
	if !lr.follow {
		mine = append(mine, b("W", msg.LessonKeyList))
	}
	out := append([]key.Binding{}, keys[:2]...)
	out = append(out, mine...)
	for _, k := range keys[2:] {
		if m.answering() && (slices.Contains(k.Keys(), "space") || slices.Contains(k.Keys(), "right")) {
			continue // held back until the question is answered (answerKey)
		}
		out = append(out, k)
	}
	return out
}
