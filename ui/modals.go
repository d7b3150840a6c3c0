package ui

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/trace"

	tea "charm.land/bubbletea/v2"

	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
)

// modal is what is open over the lab.
type modal uint8

const (
	modalNone modal = iota
	modalHelp
	modalPicker
	modalLink
	modalSend
	// The dialogs of dialog_*.go.
	modalExport
	modalJump
	modalSearch
	modalInfo
	modalMSL
	modalSocket  // dialog_socket.go
	modalExplore // explore.go
)

// modalTyping reports whether the open dialog takes typed text, where
// T is a letter rather than the language key.
func (m *Model) modalTyping() bool {
	switch m.modal {
	case modalLink, modalSend, modalJump, modalSearch, modalMSL:
		return true
	}
	return false
}

// overlay draws a centred box over v and returns its inside.
func overlay(v view, w, h int, title string) view {
	w, h = min(w, v.w), min(h, v.h)
	b := v.sub((v.w-w)/2, (v.h-h)/2, w, h)
	b.clear(pNone)
	return b.box(title, pTitle)
}

// ---- scenario picker ----

type pickItem struct {
	sc   *scenarios.Scenario
	path string // file in the current directory, "" for the bundled library
	err  error
}

type picker struct {
	items   []pickItem
	idx     int
	loading bool
}

func (p *picker) draw(v view, pr *msg.Printer) {
	in := overlay(v, 84, max(v.h-4, 10), pr.T(msg.LabPickerTitle, nil))
	if p.loading {
		in.text(2, 1, pr.T(msg.LabLoading, nil), pDim)
		return
	}
	if len(p.items) == 0 {
		in.text(2, 1, pr.T(msg.LabNoScenarios, nil), pDim)
		return
	}
	// Each item takes up to three lines; keep the chosen one in view.
	per := 3
	fit := max(in.h/per, 1)
	start := max(0, min(p.idx-fit/2, len(p.items)-fit))
	y := 0
	for i := start; i < len(p.items) && y+1 < in.h; i++ {
		it := &p.items[i]
		mark, tp := "  ", pBold
		if i == p.idx {
			mark, tp = "▸ ", pSel
			in.fill(0, y, in.w, 1, ' ', pSel)
		}
		name, title, desc := it.path, "", ""
		if it.sc != nil {
			name = it.sc.Name
			title = it.sc.TitleIn(pr.Lang())
			desc = it.sc.DescriptionIn(pr.Lang())
			if it.path != "" {
				name = it.path
			}
		}
		x := in.text(1, y, mark, tp)
		x = in.textClip(x, y, name, in.w-x-1, tp)
		if title != "" {
			in.textClip(x+2, y, title, in.w-x-3, tp)
		}
		y++
		if it.err != nil {
			// The loader's explanation is English (scenarios/errors.go);
			// the lab says in its own language that the file was refused.
			for _, l := range wrap(pr.T(msg.PolishPickerError, msg.Args{"Error": it.err.Error()}), in.w-6) {
				if y >= in.h {
					break
				}
				in.text(4, y, l, pLost)
				y++
				break
			}
		} else if desc != "" {
			ls := wrap(desc, in.w-6)
			for j := 0; j < len(ls) && j < per-1 && y < in.h; j++ {
				in.text(4, y, ls[j], pDim)
				y++
			}
		}
	}
}

// ---- link editor ----

type field struct {
	label     msg.ID
	unit, val string
}

type linkForm struct {
	fields [3]field
	focus  int
	err    string
}

func newLinkForm(l sim.LinkConfig) linkForm {
	num := func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
	ms := func(d time.Duration) string { return num(float64(d) / float64(time.Millisecond)) }
	return linkForm{fields: [3]field{
		{msg.LabLinkLoss, "%", num(l.Loss * 100)},
		{msg.LabLinkDelay, "ms", ms(l.Delay)},
		{msg.LabLinkJitterField, "ms", ms(l.Jitter)},
	}}
}

// apply reads the form into a link, keeping what the form does not edit.
func (f *linkForm) apply(l sim.LinkConfig, p *msg.Printer) (sim.LinkConfig, bool) {
	var v [3]float64
	for i, fd := range f.fields {
		x, err := strconv.ParseFloat(strings.TrimSpace(fd.val), 64)
		if err != nil || x < 0 {
			f.err = p.T(msg.LabLinkNaN, msg.Args{"Field": p.T(fd.label, nil)})
			f.focus = i
			return l, false
		}
		v[i] = x
	}
	if v[0] > 100 {
		f.err, f.focus = p.T(msg.LabLinkLossMax, nil), 0
		return l, false
	}
	l.Loss = v[0] / 100
	l.Delay = time.Duration(v[1] * float64(time.Millisecond))
	l.Jitter = time.Duration(v[2] * float64(time.Millisecond))
	return l, true
}

// edit handles a key in the focused field; it reports whether it used it.
func (f *linkForm) edit(k string) bool {
	fd := &f.fields[f.focus]
	switch {
	case k == "backspace":
		if fd.val != "" {
			fd.val = fd.val[:len(fd.val)-1]
		}
	case k == "tab" || k == "down":
		f.focus = (f.focus + 1) % len(f.fields)
	case k == "shift+tab" || k == "up":
		f.focus = (f.focus + len(f.fields) - 1) % len(f.fields)
	case len(k) == 1 && (k[0] >= '0' && k[0] <= '9' || k[0] == '.'):
		if len(fd.val) < 8 {
			fd.val += k
		}
	default:
		return false
	}
	f.err = ""
	return true
}

func (f *linkForm) draw(v view, pr *msg.Printer) {
	in := overlay(v, 64, 11, pr.T(msg.LabLinkTitle, nil))
	in.textClip(2, 0, pr.T(msg.LabLinkApplies, nil), in.w-3, pDim)
	for i, fd := range f.fields {
		y := 2 + i
		p := pNone
		if i == f.focus {
			p = pSel
			in.text(1, y, "▸", pAccent)
		}
		in.text(3, y, padRight(pr.T(fd.label, nil), 8), pBold)
		x := in.text(12, y, padRight(fd.val, 9), p)
		if i == f.focus {
			in.set(12+textWidth(fd.val), y, '▏', pAccent)
		}
		in.text(x+1, y, fd.unit, pDim)
	}
	if f.err != "" {
		in.textClip(2, 6, f.err, in.w-3, pLost)
	}
	in.textClip(2, in.h-1, pr.T(msg.LabLinkKeys, nil), in.w-3, pDim)
}

// ---- send data ----

type sendForm struct {
	side trace.Side
	text string
}

// maxSendText bounds what the send dialog holds, whatever the keys or a
// paste bring: every character counts, spaces included.
const maxSendText = 200

func (f *sendForm) edit(k string, text string) bool {
	switch {
	case k == "backspace":
		if f.text != "" {
			r := []rune(f.text)
			f.text = string(r[:len(r)-1])
		}
	case k == "tab":
		f.side = f.side.Peer()
	case k == "space":
		f.add(" ")
	case text != "":
		f.add(text)
	default:
		return false
	}
	return true
}

// add appends what fits under maxSendText; a paste is one call, however
// long, and costs no more than the room left.
func (f *sendForm) add(s string) {
	room := maxSendText - utf8.RuneCountInString(f.text)
	if room <= 0 {
		return
	}
	n := 0
	for i := range s { // stops after room runes: a huge paste is not walked
		if n == room {
			s = s[:i]
			break
		}
		n++
	}
	f.text += strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return ' ' // a pasted newline or tab is a space in a one-line field
		}
		return r
	}, s)
}

// drawSides draws the A and B choice of a dialog from x on row y, the
// chosen side lit in its colour; it returns the column after them.
func drawSides(in view, x, y int, chosen trace.Side) int {
	for s := trace.A; s <= trace.B; s++ {
		p := pDim
		if s == chosen {
			p = pAHi
			if s == trace.B {
				p = pBHi
			}
		}
		x = in.text(x, y, " "+s.Upper()+" ", p) + 1
	}
	return x
}

// paste handles a bracketed paste: text for the send dialog, ignored
// elsewhere (a paste is never taken as a stream of commands).
func (m *Model) paste(msg tea.PasteMsg) {
	if m.modal == modalSend {
		m.send.add(msg.Content)
	}
}

func (f *sendForm) draw(v view, pr *msg.Printer) {
	in := overlay(v, 60, 8, pr.T(msg.LabSendTitle, nil))
	x := drawSides(in, in.text(2, 1, pr.T(msg.LabSendFrom, nil), pDim), 1, f.side)
	in.text(x+1, 1, pr.T(msg.LabSendTab, nil), pFaint)
	x = in.text(2, 3, pr.T(msg.LabSendData, nil), pDim)
	x = in.textClip(x, 3, f.text, in.w-x-2, pBold)
	in.set(x, 3, '▏', pAccent)
	in.textClip(2, 5, pr.N(msg.LabSendKeys, len(f.text), nil), in.w-3, pDim)
}
