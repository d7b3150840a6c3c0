package ui

import (
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/trace"
)

// The prompt takes every key while it is open, so letters are free:
// S A F R toggle the flags, digits fill seq and ack, tab moves between
// them, # switches relative and raw numbers, enter answers, esc or ?
// skips, y leaves predict mode, T switches the language.

var flagKeys = []struct {
	key  string
	flag fsm.Flags
}{{"s", fsm.SYN}, {"a", fsm.ACK}, {"f", fsm.FIN}, {"r", fsm.RST}}

// maxDigits bounds a typed number: a 32-bit sequence number has 10.
const maxDigits = 10

func (m *Model) predictKey(k tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	p := &m.pr
	s := k.String()
	switch s {
	case "ctrl+c":
		return m, tea.Quit
	case "esc", "?":
		m.answer(true)
		return m, nil
	case "enter":
		if p.g.flags == 0 {
			m.say(m.p.T(msg.PredictNeedFlags, nil), pWarn)
			return m, nil
		}
		m.answer(false)
		return m, nil
	case "tab":
		p.field = (p.field + 1) % numFields
	case "shift+tab":
		p.field = (p.field + numFields - 1) % numFields
	case "#":
		p.raw = !p.raw
	case "y":
		m.togglePredict()
	case "T": // not a flag: the language switches, as everywhere in the lab
		m.toggleLang()
	case "backspace":
		if f := p.num(); f != nil && *f != "" {
			*f = (*f)[:len(*f)-1]
		}
	default:
		m.predictType(strings.ToLower(s))
	}
	return m, nil
}

// predictType handles a flag letter or a digit.
func (m *Model) predictType(s string) {
	p := &m.pr
	for _, fk := range flagKeys {
		if s == fk.key {
			p.g.flags ^= fk.flag
			return
		}
	}
	if len(s) == 1 && s[0] >= '0' && s[0] <= '9' {
		if p.field == fieldFlags {
			p.field = fieldSeq
		}
		if f := p.num(); len(*f) < maxDigits {
			*f += s
		}
	}
}

// num is the number field in focus, or nil.
func (p *predictor) num() *string {
	switch p.field {
	case fieldSeq:
		return &p.g.seq
	case fieldAck:
		return &p.g.ack
	}
	return nil
}

// drawPredict paints predict mode over the lab: the score on the ladder's
// border, and the prompt or the last verdict where the event log (full
// view) or the explanation strip (compact view) is.
func (m *Model) drawPredict(v view) {
	p := &m.pr
	if !p.on {
		return
	}
	l, lessonPanel := m.lessonLayout() // an open lesson takes room (lesson_panel.go)
	pr := m.p
	badge := " " + pr.T(msg.PredictScore, m.scoreArgs()) + " "
	if lv := l.ladder.view(v); lv.w > textWidth(badge)+20 {
		lv.textRight(lv.w-2, 0, badge, pAccent)
	}
	if !p.asking() && p.last == nil {
		return
	}
	area, boxed := l.why, false
	switch {
	case l.full:
		area, boxed = l.log, true
	case lessonPanel.w > 0: // compact, with a lesson: over its panel
		if !p.asking() && m.lesson.phase != lpTo {
			return // the beat's narration and question come first
		}
		area, boxed = lessonPanel, true
	}
	in := area.view(v)
	in.clear(pNone)
	if boxed {
		in = in.box(m.predictTitle(), pTitle).sub(1, 0, area.w-4, area.h-2)
	} else {
		in = in.sub(1, 0, area.w-2, area.h)
	}
	b := &lines{w: in.w}
	if p.asking() {
		m.promptLines(b, boxed, in.h)
		// The lab's keys do not apply while the prompt is open: the help
		// bar says which do.
		hv := l.help.view(v)
		hv.clear(pNone)
		hv.textClip(1, 0, pr.T(msg.PredictKeys, nil), hv.w-2, pKey)
	} else {
		m.verdictLines(b, boxed)
	}
	b.draw(in)
}

func (m *Model) predictTitle() string {
	n := m.pr.asked + m.pr.skipped
	if m.pr.asking() {
		n++
	}
	return m.p.T(msg.PredictTitle, msg.Args{"N": n})
}

// promptLines are the open question: who sends, the flags to toggle, the
// numbers, and the keys.
func (m *Model) promptLines(b *lines, boxed bool, rows int) {
	p, pr := &m.pr, m.p
	ev := &m.tl.ev[p.ask]
	id := msg.PredictAsk
	if !m.run.canChange() {
		id = msg.PredictAskReal
	}
	q := pr.T(id, msg.Args{"Side": ev.Side.Upper(), "State": m.tl.ix.StateBefore(p.ask, ev.Side).String()})
	if boxed {
		b.para(0, q, pBold)
	} else {
		b.add(span{truncate(m.predictTitle()+" · "+q, b.w), pBold})
	}
	var flags, nums []span
	for _, fk := range flagKeys {
		mark, pn := "[ ] ", pNone
		if p.g.flags.Has(fk.flag) {
			mark, pn = "[x] ", pSel
		}
		flags = append(flags, span{mark + fk.flag.String(), pn}, span{"  ", pNone})
	}
	nums = append(nums, m.numSpan(fieldSeq, "seq=")...)
	nums = append(nums, span{" ", pNone})
	nums = append(nums, m.numSpan(fieldAck, "ack=")...)
	mode := pr.T(msg.PredictRelative, nil)
	if p.raw {
		mode = pr.T(msg.PredictRaw, nil)
	}
	nums = append(nums, span{" " + mode, pDim})
	if rows < 3 { // a short terminal: one line for both
		b.add(append(append(flags, span{"  ", pNone}), nums...)...)
		return
	}
	if boxed {
		b.blank()
	}
	b.add(flags...)
	b.add(nums...)
}

// numSpan is one number field: its label and what was typed, marked when
// it has the focus.
func (m *Model) numSpan(field int, label string) []span {
	p := &m.pr
	val := p.g.seq
	if field == fieldAck {
		val = p.g.ack
	}
	pn := pNone
	if p.field == field {
		val += "▏"
		pn = pSel
	} else if val == "" {
		val = "?"
	}
	return []span{{label, pDim}, {val, pn}}
}

// verdictLines reveal the segment, say whether the guess was right, and
// why the endpoint sent it (the inspector's words).
func (m *Model) verdictLines(b *lines, boxed bool) {
	v, pr := m.pr.last, m.p
	ev := &m.tl.ev[v.ev]
	args := msg.Args{"Side": ev.Side.Upper(), "Seg": segText(ev, m.pr.base, v.raw), "Guess": guessText(v.g, pr)}
	id, pn := msg.PredictWrong, pLost
	switch {
	case v.skipped:
		id, pn = msg.PredictSkipped, pDim
	case v.ok:
		id, pn = msg.PredictRight, pGood
	}
	if boxed {
		b.para(0, pr.T(id, args), pn)
	} else {
		b.add(span{truncate(pr.T(id, args), b.w), pn})
	}
	if a := m.tl.evArrow[v.ev]; a >= 0 {
		why := whySent(m.tl, int(a)) // the timeline speaks the lab's language
		if boxed {
			b.para(2, why, pNone)
		} else {
			b.add(span{truncate(why, b.w), pNone})
		}
	}
	b.add(span{pr.T(msg.PredictScore, m.scoreArgs()) + " · " + pr.T(msg.PredictGoOn, nil), pDim})
}

// segText writes a sent segment with the numbers the prompt used.
func segText(ev *trace.Event, base [2]fsm.Seq, raw bool) string {
	seq, ack := predictNumbers(ev, base, raw)
	s := ev.Seg.Flags.String() + " seq=" + strconv.FormatUint(uint64(seq), 10)
	if ev.Seg.Flags.Has(fsm.ACK) {
		s += " ack=" + strconv.FormatUint(uint64(ack), 10)
	}
	if ev.Seg.Len > 0 {
		s += " len=" + strconv.FormatUint(uint64(ev.Seg.Len), 10)
	}
	return s
}

// guessText writes what the student said.
func guessText(g guess, pr *msg.Printer) string {
	s := pr.T(msg.PredictNoFlags, nil)
	if g.flags != 0 {
		s = g.flags.String()
	}
	if g.seq != "" {
		s += " seq=" + g.seq
	}
	if g.ack != "" {
		s += " ack=" + g.ack
	}
	return s
}
