package ui

import (
	"strconv"
	"strings"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/lesson"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/trace"
)

// The lesson panel: where the lab tells, asks and answers. In the full
// view it takes the inspector's place; in the compact view it takes the
// bottom rows, as many as its text needs, leaving the ladder minLadderH.

const minLadderH = 10

// layout is the lab's layout, with room made for an open lesson.
func (m *Model) layout() layout {
	l, _ := m.lessonLayout()
	return l
}

// lessonLayout is the layout and the lesson panel's rectangle (empty
// when no lesson is open).
func (m *Model) lessonLayout() (layout, rect) {
	l := computeLayout(m.w, m.h)
	if m.lesson == nil || l.tooSmall {
		return l, rect{}
	}
	if l.full {
		r := l.inspector
		l.inspector = rect{}
		return l, r
	}
	top, bottom := l.ladder.y, l.why.y+l.why.h
	c := m.lessonText(m.w-4, true)
	h := min(max(len(c.head)+len(c.tail)+2, 6), bottom-top-minLadderH)
	h = max(h, l.why.h)
	l.ladder.h, l.diagram.h = bottom-top-h, bottom-top-h
	l.why = rect{}
	return l, rect{0, bottom - h, m.w, h}
}

// panelText is the panel's text: head (narration) may be cut to make
// room, tail (the question, the answer, the keys) is kept.
type panelText struct {
	title      string
	head, tail [][]span
}

// drawLesson draws the panel and, when open, the list of lessons.
func (m *Model) drawLesson(v view) {
	if _, r := m.lessonLayout(); r.w > 0 {
		c := m.lessonContent(r.w - 4)
		in := r.view(v).box(c.title, pTitle).sub(1, 0, r.w-4, r.h-2)
		head := c.head
		if room := in.h - len(c.tail); len(head) > room {
			head = cutLines(head, max(room, 0))
		}
		b := &lines{w: in.w, out: append(append([][]span{}, head...), c.tail...)}
		b.draw(in)
	}
	if m.modal == modalLessons {
		m.lessonList.draw(v, m.p)
	}
}

// cutLines keeps the first n lines, the last of them ending in "…".
func cutLines(ls [][]span, n int) [][]span {
	if n == 0 {
		return nil
	}
	out := append([][]span{}, ls[:n]...)
	last := out[n-1]
	if len(last) > 0 {
		sp := last[len(last)-1]
		out[n-1] = append(append([]span{}, last[:len(last)-1]...), span{strings.TrimRight(sp.s, " ") + "…", sp.p})
	}
	return out
}

// questionFits reports whether the beat's narration and its question fit
// the panel together.
func (m *Model) questionFits() bool {
	_, r := m.lessonLayout()
	c := m.lessonText(r.w-4, true)
	return len(c.head)+len(c.tail) <= r.h-2
}

// lessonContent is the panel's text for a width: the narration alone
// first when it and the question do not fit together.
func (m *Model) lessonContent(w int) panelText {
	lr := m.lesson
	if lr.asking() && lr.page == 0 && !m.questionFits() {
		c := m.lessonText(w, false)
		c.tail = [][]span{{{m.p.T(msg.LessonToQuestion, nil), pKey}}}
		return c
	}
	return m.lessonText(w, true)
}

// lessonText builds the panel's text for a width; whole includes the
// question.
func (m *Model) lessonText(w int, whole bool) panelText {
	lr := m.lesson
	p, lang := m.p, m.p.Lang()
	n := len(lr.l.Beats)
	c := panelText{title: p.T(msg.LessonPanel, msg.Args{"N": min(lr.beat+1, n), "Total": n})}
	hb := &lines{w: w}
	tb := &lines{w: w}
	switch lr.phase {
	case lpTo:
		if lr.beat == 0 {
			prose(hb, lr.l.Title.In(lang), pTitle)
			prose(hb, lr.l.Summary.In(lang), pNone)
		} else { // what was said stays, to read while the run plays
			prose(hb, lr.l.Beats[lr.beat-1].Say.In(lang), pDim)
		}
		tb.add(span{p.T(msg.LessonPlaying, nil), pDim})
	case lpAt:
		b := &lr.l.Beats[lr.beat]
		prose(hb, b.Say.In(lang), pNone)
		if lr.ans == nil || !whole {
			if lr.l.Goal != nil && lr.beat == n-1 {
				m.goal(tb)
			}
			tb.add(m.nextLine())
			break
		}
		tb.blank()
		m.question(tb, b.Ask)
	case lpAnswered:
		m.answered(tb, lr.l.Beats[lr.beat].Ask)
	case lpDone:
		c.title = p.T(msg.LessonPanelDone, nil)
		m.score(tb)
	}
	c.head, c.tail = hb.out, tb.out
	return c
}

// prose adds narration: its line breaks are the author's source
// formatting, so it is reflowed, then wrapped to the panel.
func prose(b *lines, s string, pn pen) {
	for _, l := range wrapProse(reflow(s), b.w) {
		b.add(span{l, pn})
	}
}

// question adds the prompt, the options, what is being typed, the hint
// and the keys.
func (m *Model) question(b *lines, q *lesson.Question) {
	lr := m.lesson
	p := m.p
	prose(b, m.prompt(q), pTitle)
	opts := make([]string, len(lr.ans.Options))
	for i := range opts {
		opts[i] = m.optionLabel(q, &lr.ans.Options[i])
	}
	options(b, opts, lr.choice)
	switch {
	case lr.step == 1:
		b.add(span{p.T(msg.LessonTypeSeq, msg.Args{"Flags": opts[lr.choice]}), pAccent}, span{lr.typed + "▏", pKey})
	case lr.step == 2:
		b.add(span{p.T(msg.LessonTypeAck, nil), pAccent}, span{lr.typed + "▏", pKey})
	case len(opts) > 9:
		b.add(span{p.T(msg.LessonNextQuestion, nil) + " ", pAccent}, span{lr.typed + "▏", pKey})
	}
	if lr.hint {
		prose(b, labelled(p.T(msg.LessonHint, nil), q.Hint.In(m.p.Lang())), pWarn)
	}
	keys := p.T(msg.LessonKeysChoose, msg.Args{"N": len(opts)})
	if len(opts) > 9 || lr.step > 0 {
		keys = p.T(msg.LessonKeysType, nil)
	}
	prose(b, keys, pDim)
}

func (m *Model) prompt(q *lesson.Question) string {
	p := m.p
	if len(q.Prompt) > 0 {
		return q.Prompt.In(m.p.Lang())
	}
	side := msg.Args{"Side": q.Side.Upper()}
	switch q.Kind {
	case lesson.AskSends:
		if q.Numbers == lesson.NumbersNone {
			return p.T(msg.LessonAskSends, side)
		}
		kind := p.T(msg.LessonRelative, nil)
		if q.Numbers == lesson.NumbersRaw {
			kind = p.T(msg.LessonRaw, nil)
		}
		return p.T(msg.LessonAskNumbers, msg.Args{"Side": q.Side.Upper(), "Kind": kind})
	case lesson.AskState:
		return p.T(msg.LessonAskState, side)
	case lesson.AskNext:
		return p.T(msg.LessonAskNext, side)
	case lesson.AskTimer:
		if q.AnySide {
			return p.T(msg.LessonAskTimer, nil)
		}
		return p.T(msg.LessonAskTimerOf, side)
	}
	return ""
}

func (m *Model) optionLabel(q *lesson.Question, o *lesson.Option) string {
	switch q.Kind {
	case lesson.AskSends:
		return o.Flags.String()
	case lesson.AskState, lesson.AskNext:
		return o.State.String()
	case lesson.AskTimer:
		return m.p.T(msg.LessonTimerOption, msg.Args{"Side": o.Side.Upper(), "Timer": trace.TimerText(o.Timer, m.p)})
	}
	return o.Text.In(m.p.Lang())
}

// options lists numbered options: short ones side by side, long ones
// one a line with a hanging indent. chosen is marked.
func options(b *lines, opts []string, chosen int) {
	short := true
	for _, o := range opts {
		short = short && textWidth(o) <= 16
	}
	if short {
		var row []span
		x := 0
		for i, o := range opts {
			num, cell := optNumber(i), o+"   "
			wd := textWidth(num) + textWidth(cell)
			if x > 0 && x+wd > b.w {
				b.add(row...)
				row, x = nil, 0
			}
			pn := pNone
			if i == chosen {
				pn = pAccent
			}
			row = append(row, span{num, pKey}, span{cell, pn})
			x += wd
		}
		b.add(row...)
		return
	}
	for i, o := range opts {
		num := optNumber(i)
		pn := pNone
		if i == chosen {
			pn = pAccent
		}
		for j, l := range wrapProse(o, b.w-textWidth(num)) {
			lead := span{num, pKey}
			if j > 0 {
				lead = span{strings.Repeat(" ", textWidth(num)), pNone}
			}
			b.add(lead, span{l, pn})
		}
	}
}

func optNumber(i int) string { return strconv.Itoa(i+1) + " " }

// answered adds right or not, the answer, the rule behind it and the
// author's explanation.
func (m *Model) answered(b *lines, q *lesson.Question) {
	lr := m.lesson
	p, a := m.p, lr.ans
	if lr.right {
		b.add(span{p.T(msg.LessonRight, nil), pGood})
	} else {
		b.add(span{p.T(msg.LessonWrong, nil), pLost})
		prose(b, p.T(msg.LessonYouSaid, msg.Args{"Answer": m.reply(q)}), pNone)
	}
	right := m.optionLabel(q, &a.Options[a.Right])
	switch {
	case q.Kind == lesson.AskTimer:
		prose(b, p.T(msg.LessonAnswerTimer, msg.Args{"Answer": right, "At": trace.FormatDuration(a.At), "In": trace.FormatDuration(a.In)}), pAccent)
	case q.Kind == lesson.AskSends && q.Numbers != lesson.NumbersNone:
		prose(b, p.T(msg.LessonAnswer, msg.Args{"Answer": numbers(right, a.Seq, a.Ack, a.HasAck)}), pAccent)
	default:
		prose(b, p.T(msg.LessonAnswer, msg.Args{"Answer": right}), pAccent)
	}
	if why := m.answerRule(q); why != "" {
		prose(b, labelled(p.T(msg.LessonWhy, nil), why), pDim)
	}
	if s := q.Explain.In(m.p.Lang()); s != "" {
		prose(b, s, pNone)
	}
	b.add(m.nextLine())
}

// reply is what the student answered, in words.
func (m *Model) reply(q *lesson.Question) string {
	lr := m.lesson
	s := m.optionLabel(q, &lr.ans.Options[lr.choice])
	if q.Kind == lesson.AskSends && q.Numbers != lesson.NumbersNone {
		return numbers(s, lr.seq, lr.ack, lesson.FlagOptions[lr.choice].Has(fsm.ACK))
	}
	return s
}

func numbers(flags string, seq, ack uint32, hasAck bool) string {
	s := flags + " seq=" + strconv.Itoa(int(seq))
	if hasAck {
		s += " ack=" + strconv.Itoa(int(ack))
	}
	return s
}

// answerRule is the rule text the inspector shows for the answer's
// event: why the segment was sent, why the state was entered.
func (m *Model) answerRule(q *lesson.Question) string {
	a := m.lesson.ans
	if a.Event < 0 || a.Event >= len(m.tl.ev) || q.Kind == lesson.AskTimer {
		return ""
	}
	return trace.EventNote(&m.tl.ev[a.Event], m.p)
}

// score adds the score and, for a challenge, the goal and how the run
// on screen stands against it.
func (m *Model) score(b *lines) {
	lr := m.lesson
	p := m.p
	if lr.l.Questions() > 0 {
		s := p.T(msg.LessonScore, msg.Args{"Right": lr.correct, "Asked": lr.l.Questions()})
		if lr.hints > 0 {
			s += " " + p.N(msg.LessonHintsUsed, lr.hints, nil)
		}
		prose(b, s, pAccent)
	}
	m.goal(b)
	prose(b, p.T(msg.LessonEnd, nil), pDim)
}

// goal adds a challenge's goal and how the run on screen stands.
func (m *Model) goal(b *lines) {
	lr := m.lesson
	p := m.p
	if g := lr.l.Goal; g != nil {
		prose(b, labelled(p.T(msg.LessonGoal, nil), g.Say.In(m.p.Lang())), pTitle)
		used := p.T(msg.LessonGoalUsedAny, msg.Args{"N": len(m.undo)})
		if g.Max >= 0 {
			used = p.T(msg.LessonGoalUsed, msg.Args{"N": len(m.undo), "Max": g.Max})
		}
		prose(b, used, pNone)
		met := lesson.GoalMet(g, m.tl.tr)
		switch {
		case lr.goalMet:
			prose(b, p.T(msg.LessonGoalMet, nil), pGood)
		case met:
			prose(b, p.T(msg.LessonGoalOver, msg.Args{"Max": g.Max}), pWarn)
		default:
			prose(b, p.T(msg.LessonGoalNotYet, nil), pDim)
		}
	}
}
