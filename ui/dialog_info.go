package ui

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/trace"
)

// The i dialog: the scenario's title, profile, MSL and TIME-WAIT, its
// description in full and its key moments, scrollable.

// infoBox is the dialog's text and box: at most 80 columns, as tall as
// the text needs up to the screen, so the box is no larger than its text.
func (m *Model) infoBox() (b *lines, bw, bh, pageH int) {
	bw = min(80, m.w)
	b = m.infoLines(max(bw-4, 10))
	bh = max(min(len(b.out)+3, m.h-2), 6)
	return b, bw, bh, bh - 3
}

func (m *Model) infoKey(k string) {
	b, _, _, h := m.infoBox()
	last := max(len(b.out)-h, 0)
	switch k {
	case "esc", "q", "i", "enter":
		m.modal = modalNone
	case "up", "k":
		m.infoTop--
	case "down", "j":
		m.infoTop++
	case "pgup", "b":
		m.infoTop -= h - 1
	case "pgdown", "space", "f":
		m.infoTop += h - 1
	case "home", "g":
		m.infoTop = 0
	case "end", "G":
		m.infoTop = last
	default:
		if len(k) == 1 && k[0] >= '1' && k[0] <= '9' {
			m.gotoMoment(int(k[0] - '1'))
		}
	}
	m.infoTop = min(max(m.infoTop, 0), last)
}

func (m *Model) drawInfo(v view) {
	b, bw, bh, h := m.infoBox()
	p := m.words()
	in := overlay(v, bw, bh, p.T(msg.DlgInfoTitle, nil))
	top := min(m.infoTop, max(len(b.out)-h, 0))
	page := &lines{w: b.w, out: b.out[top:min(top+h, len(b.out))]}
	page.draw(in.sub(1, 0, in.w-2, h))
	foot := p.T(msg.DlgInfoKeys, nil)
	if len(b.out) > h {
		foot += "  " + strconv.Itoa(top+1) + "–" + strconv.Itoa(top+len(page.out)) + "/" + strconv.Itoa(len(b.out))
	}
	in.textClip(1, in.h-1, foot, in.w-2, pDim)
}

// infoLines is the dialog's text, wrapped to w.
func (m *Model) infoLines(w int) *lines {
	p := m.words()
	lang := p.Lang()
	b := &lines{w: w}
	sc := m.run.sc
	title := m.title()
	if sc != nil {
		title = sc.TitleIn(lang)
	}
	b.para(0, title, pTitle)
	b.blank()
	field := func(k, v string) { b.add(span{padRight(k, 11), pDim}, span{v, pNone}) }
	field(p.T(msg.DlgInfoName, nil), m.run.name)
	field(p.T(msg.DlgInfoProfile, nil), m.profileName())
	if m.cfg == nil {
		b.blank()
		b.para(0, p.T(msg.DlgInfoCapture, nil), pNone)
		return b
	}
	field("MSL", shortDur(m.cfg.MSL))
	tw, fixed := timeWaitOf(m.cfg)
	twText := p.T(msg.DlgInfoTW2MSL, msg.Args{"D": shortDur(tw)})
	if fixed {
		twText = p.T(msg.DlgInfoTWFixed, msg.Args{"D": shortDur(tw)})
	}
	field("TIME-WAIT", twText)
	if d := sc.DescriptionIn(lang); d != "" {
		b.blank()
		for _, para := range paragraphs(d) {
			b.para(0, para, pNone)
		}
	}
	b.blank()
	m.infoMoments(b)
	return b
}

// infoMoments lists the key moments, where they are in this timeline.
func (m *Model) infoMoments(b *lines) {
	p := m.words()
	b.add(span{p.T(msg.DlgInfoMoments, nil), pTitle})
	hs := m.run.sc.Highlight
	if len(hs) == 0 {
		b.para(2, p.T(msg.DlgInfoNoMoments, nil), pDim)
		return
	}
	at := m.momentEvents()
	for i := range hs {
		where, pn := p.T(msg.DlgInfoAbsent, nil), pLost
		if k := at[i]; k >= 0 {
			where, pn = p.T(msg.DlgInfoMoment, msg.Args{"N": k + 1, "T": trace.FormatDuration(m.tl.ev[k].T)}), pAccent
		}
		b.add(span{"★ ", pAccent}, span{where, pn})
		b.para(2, hs[i].NoteIn(p.Lang()), pNone)
	}
}

// paragraphs reflows a YAML block: lines join into paragraphs, blank
// lines part them. English lines join with a space; Chinese lines, which
// break between characters, join with nothing.
func paragraphs(s string) []string {
	var out []string
	cur := ""
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		l = strings.TrimSpace(l)
		switch {
		case l == "":
			if cur != "" {
				out = append(out, cur)
			}
			cur = ""
		case cur == "":
			cur = l
		case wide(lastRune(cur)) || wide(firstRune(l)):
			cur += l
		default:
			cur += " " + l
		}
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}

func wide(r rune) bool {
	return unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xff60
}

func firstRune(s string) rune { return []rune(s)[0] }
