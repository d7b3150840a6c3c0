package ui

import (
	"github.com/tcpsim/tcpsim/trace"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

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
)

// overlay draws a centred box over v and returns its inside.
func overlay(v view, w, h int, title string) view {
	w, h = min(w, v.w), min(h, v.h)
	b := v.sub((v.w-w)/2, (v.h-h)/2, w, h)
	b.clear(pNone)
	return b.box(title, pTitle)
}

// ---- help ----

type helpView struct {
	keys keyMap
}

func (hv *helpView) draw(v view) {
	in := overlay(v, 78, 40, "tcpsim — keys")
	b := &lines{w: in.w - 2}
	for _, g := range hv.keys.groups() {
		b.add(span{g.title, pTitle})
		for _, k := range g.keys {
			hk := k.Help()
			b.add(span{"  " + padRight(hk.Key, 8), pKey}, span{hk.Desc, pNone})
		}
		b.blank()
	}
	b.add(span{"On the ladder", pTitle})
	b.add(span{"  ───▶  ", pA}, span{"a segment, from its sending to its arrival", pNone})
	b.add(span{"  ──✕ lost", pLost}, span{"  lost on the way (the link dropped it)", pNone})
	b.add(span{"  ╌╌╌▶  ", pA}, span{"reordered or held back;  ┄┄┄▶ a duplicate copy", pNone})
	b.add(span{"  ┊      ", pFaint}, span{"time compressed (a long wait: RTO, 2MSL)", pNone})
	b.blank()
	b.add(span{"esc or ? closes this help", pDim})
	b.draw(in.sub(1, 0, in.w-2, in.h))
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

func (p *picker) draw(v view) {
	in := overlay(v, 84, max(v.h-4, 10), "Open a scenario — ↑↓ choose · enter open · esc cancel")
	if p.loading {
		in.text(2, 1, "loading…", pDim)
		return
	}
	if len(p.items) == 0 {
		in.text(2, 1, "no scenarios found", pDim)
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
			title = it.sc.Title
			desc = it.sc.Description
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
			for _, l := range wrap(it.err.Error(), in.w-6) {
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
	label, unit, val string
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
		{"loss", "%", num(l.Loss * 100)},
		{"delay", "ms", ms(l.Delay)},
		{"jitter", "ms", ms(l.Jitter)},
	}}
}

// apply reads the form into a link, keeping what the form does not edit.
func (f *linkForm) apply(l sim.LinkConfig) (sim.LinkConfig, bool) {
	var v [3]float64
	for i, fd := range f.fields {
		x, err := strconv.ParseFloat(strings.TrimSpace(fd.val), 64)
		if err != nil || x < 0 {
			f.err = fd.label + ": not a number ≥ 0"
			f.focus = i
			return l, false
		}
		v[i] = x
	}
	if v[0] > 100 {
		f.err, f.focus = "loss: at most 100%", 0
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

func (f *linkForm) draw(v view) {
	in := overlay(v, 64, 11, "Edit the link (both directions)")
	in.textClip(2, 0, "Applies from now on; segments already sent keep their fate.", in.w-3, pDim)
	for i, fd := range f.fields {
		y := 2 + i
		p := pNone
		if i == f.focus {
			p = pSel
			in.text(1, y, "▸", pAccent)
		}
		in.text(3, y, padRight(fd.label, 8), pBold)
		x := in.text(12, y, padRight(fd.val, 9), p)
		if i == f.focus {
			in.set(12+textWidth(fd.val), y, '▏', pAccent)
		}
		in.text(x+1, y, fd.unit, pDim)
	}
	if f.err != "" {
		in.textClip(2, 6, f.err, in.w-3, pLost)
	}
	in.textClip(2, in.h-1, "tab/↑↓ field · type digits · enter apply · esc cancel", in.w-3, pDim)
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

// paste handles a bracketed paste: text for the send dialog, ignored
// elsewhere (a paste is never taken as a stream of commands).
func (m *Model) paste(msg tea.PasteMsg) {
	if m.modal == modalSend {
		m.send.add(msg.Content)
	}
}

func (f *sendForm) draw(v view) {
	in := overlay(v, 60, 8, "Send data")
	x := in.text(2, 1, "from ", pDim)
	for s := trace.A; s <= trace.B; s++ {
		p := pDim
		if s == f.side {
			p = pAHi
			if s == trace.B {
				p = pBHi
			}
		}
		x = in.text(x, 1, " "+s.Upper()+" ", p) + 1
	}
	in.text(x+1, 1, "(tab switches)", pFaint)
	x = in.text(2, 3, "data ", pDim)
	x = in.textClip(x, 3, f.text, in.w-x-2, pBold)
	in.set(x, 3, '▏', pAccent)
	in.textClip(2, 5, strconv.Itoa(len(f.text))+" bytes · enter send · esc cancel", in.w-3, pDim)
}
