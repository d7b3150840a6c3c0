package ui

import (
	"strings"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"github.com/tcpsim/tcpsim/msg"
)

// openDialog pauses playback and opens a dialog: whatever the dialog does
// happens at the instant it was opened, however long the typing takes
// (issue 13: a send typed while playing used to land 0.1 s later).
func (m *Model) openDialog(md modal) {
	m.pause()
	m.modal = md
}

// words is the language the lab speaks (the timeline's printer).
func (m *Model) words() *msg.Printer { return m.tl.p }

// dialogKey handles a key in one of the dialogs of dialog_*.go.
func (m *Model) dialogKey(km tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := km.String()
	switch m.modal {
	case modalExport:
		return m, m.exportKey(k)
	case modalJump:
		m.jumpKey(k, km.Text)
	case modalSearch:
		m.searchKey(k, km.Text)
	case modalInfo:
		m.infoKey(k)
	case modalMSL:
		m.mslKey(k, km.Text)
	case modalSocket:
		m.sockKey(k, km.Text)
	case modalExplore:
		return m, m.exploreKey(k) // explore.go
	}
	return m, nil
}

// drawDialog draws the open dialog of dialog_*.go over v.
func (m *Model) drawDialog(v view) {
	switch m.modal {
	case modalExport:
		m.exporter.draw(v, m)
	case modalJump:
		m.jump.draw(v, m.words())
	case modalSearch:
		m.search.draw(v, m.words())
	case modalInfo:
		m.drawInfo(v)
	case modalMSL:
		m.msl.draw(v, m)
	case modalSocket:
		m.sock.draw(v, m)
	case modalExplore:
		m.drawExplore(v) // explore_view.go
	}
}

// entry is a one-line text field.
type entry struct{ text string }

// maxEntry bounds a field, whatever a paste brings.
const maxEntry = 40

// edit handles a key; it reports whether it used it.
func (e *entry) edit(k, text string) bool {
	switch {
	case k == "backspace":
		if e.text != "" {
			_, n := utf8.DecodeLastRuneInString(e.text)
			e.text = e.text[:len(e.text)-n]
		}
	case k == "space":
		e.add(" ")
	case text != "" && !strings.HasPrefix(k, "ctrl+") && !strings.HasPrefix(k, "alt+"):
		e.add(text)
	default:
		return false
	}
	return true
}

func (e *entry) add(s string) {
	for _, r := range s {
		if utf8.RuneCountInString(e.text) >= maxEntry {
			return
		}
		if r < ' ' || r == 0x7f {
			r = ' '
		}
		e.text += string(r)
	}
}

// draw puts the field at (x, y) with a cursor, within w cells.
func (e *entry) draw(v view, x, y, w int) {
	s := e.text
	for textWidth(s) > w-1 && s != "" { // keep the end, where the cursor is, in view
		_, n := utf8.DecodeRuneInString(s)
		s = s[n:]
	}
	x = v.text(x, y, s, pBold)
	v.set(x, y, '▏', pAccent)
}

// hint writes wrapped dim lines from row y, at most n; it returns the next row.
func hint(v view, y, n int, s string, p pen) int {
	for i, l := range wrap(s, v.w-4) {
		if i >= n || y >= v.h {
			break
		}
		v.text(2, y, l, p)
		y++
	}
	return y
}

// dialogHelp is the help text of a dialog's key. The key map is built
// before the lab knows its language, as the rest of keys.go is, so it is
// the catalogue's English until the key map learns the language.
func dialogHelp(id msg.ID) string { return msg.English().T(id, nil) }
