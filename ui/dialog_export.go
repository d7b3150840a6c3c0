package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/sim/pcap"
)

// exportForm is the e dialog: where the virtual capture is taken and what
// file to write. It is kept between openings, so a second e writes the
// same kind of file again with one key.
type exportForm struct {
	row    int // 0: tap, 1: format
	tap    pcap.Tap
	format int // index in exportFormats
}

// exportFormats are the files e writes; the last is the ladder as SVG.
var exportFormats = [...]string{"pcapng", "pcap", "svg"}

const formatSVG = len(exportFormats) - 1

var exportTaps = [...]string{"a", "b", "link"}

// exportPath names the file: the tap is part of the name unless it is
// A's, the default of tcpsim export.
func (m *Model) exportPath(f *exportForm) string {
	if f.format == formatSVG || f.tap == pcap.TapA {
		return m.outName("." + exportFormats[f.format])
	}
	return m.outName("-" + exportTaps[f.tap] + "." + exportFormats[f.format])
}

func (m *Model) exportKey(k string) tea.Cmd {
	f := &m.exporter
	switch k {
	case "esc", "q":
		m.modal = modalNone
	case "up", "down", "tab", "shift+tab", "k", "j":
		f.row = 1 - f.row
	case "left", "h":
		f.step(-1)
	case "right", "l", "space":
		f.step(1)
	case "a", "b":
		f.tap = map[string]pcap.Tap{"a": pcap.TapA, "b": pcap.TapB}[k]
	case "enter":
		m.modal = modalNone
		return m.exportAs(f)
	}
	return nil
}

// step moves the choice of the focused row, round.
func (f *exportForm) step(d int) {
	if f.row == 0 {
		n := len(exportTaps)
		f.tap = pcap.Tap((int(f.tap) + d + n) % n)
		return
	}
	n := len(exportFormats)
	f.format = (f.format + d + n) % n
}

// exportAs writes the run as the form says, in a command: the files are
// written atomically (pcap.WriteFile, diagram.WriteFile), so an
// interrupted export leaves no partial file under the name.
func (m *Model) exportAs(f *exportForm) tea.Cmd {
	if f.format == formatSVG {
		if m.opts.SaveSVG == nil {
			m.say(m.words().T(msg.DlgExportNoSVG, nil), pLost)
			return nil
		}
		return m.picture()
	}
	if m.opts.Export == nil {
		m.say(m.words().T(msg.DlgExportNone, nil), pLost)
		return nil
	}
	path, tap := m.exportPath(f), f.tap
	tr, fn := m.tl.tr, m.opts.Export
	m.say(m.words().T(msg.DlgExportWriting, msg.Args{"Path": path}), pDim)
	return func() tea.Msg { return exportedMsg{path: path, err: fn(tr, path, tap)} }
}

func (f *exportForm) draw(v view, m *Model) {
	p := m.words()
	in := overlay(v, 66, 13, p.T(msg.DlgExportTitle, nil))
	taps := [...]msg.ID{msg.DlgExportTapA, msg.DlgExportTapB, msg.DlgExportTapLink}
	tapNote, tapPen := p.T(taps[f.tap], nil), pDim
	if f.format == formatSVG {
		tapNote, tapPen = p.T(msg.DlgExportSVG, nil), pFaint
	}
	fmtNote := p.T(msg.DlgExportLinkWhat, nil)
	f.choices(in, 1, 0, p.T(msg.DlgExportTap, nil), exportTaps[:], int(f.tap))
	hint(in, 2, 2, tapNote, tapPen)
	f.choices(in, 5, 1, p.T(msg.DlgExportFormat, nil), exportFormats[:], f.format)
	hint(in, 6, 2, fmtNote, pDim)
	in.textClip(2, 8, p.T(msg.DlgExportFile, msg.Args{"Path": m.exportPath(f)}), in.w-3, pNone)
	in.textClip(2, in.h-1, p.T(msg.DlgExportKeys, nil), in.w-3, pDim)
}

// choices draws one row of the form: its label, then each choice, the
// chosen one marked.
func (f *exportForm) choices(v view, y, row int, label string, opts []string, chosen int) {
	if f.row == row {
		v.text(1, y, "▸", pAccent)
	}
	x := v.textClip(3, y, label, 12, pBold)
	x = max(x+1, 13)
	for i, o := range opts {
		pn := pDim
		if i == chosen {
			pn = pSel
			if f.row != row {
				pn = pBold
			}
		}
		x = v.text(x, y, " "+o+" ", pn) + 1
	}
}

// exported says how an export ended.
func (m *Model) exported(path string, err error) {
	if err != nil {
		m.say(m.t(msg.LabExportFailed, msg.Args{"Error": err.Error()}), pLost)
		return
	}
	m.say(m.t(msg.LabExported, msg.Args{"Path": path}), pGood)
}
