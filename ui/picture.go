package ui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/tcpsim/tcpsim/msg"
)

// picture saves the ladder up to the present as SVG, next to the export
// (the P key; p already plays and pauses).
func (m *Model) picture() tea.Cmd {
	if m.opts.SaveSVG == nil {
		m.say(m.t(msg.LabPictureUnavailable, nil), pLost)
		return nil
	}
	path := m.outName(".svg")
	tr, upTo, title, fn := m.tl.tr, m.cur, m.title(), m.opts.SaveSVG
	m.say(m.t(msg.LabSaving, msg.Args{"Path": path}), pDim)
	return func() tea.Msg {
		return pictureMsg{path: path, err: fn(tr, max(upTo, 0), title, path)}
	}
}

type pictureMsg struct {
	path string
	err  error
}

func (m *Model) pictured(pm pictureMsg) tea.Cmd {
	if pm.err != nil {
		m.say(m.t(msg.LabPictureFailed, msg.Args{"Error": pm.err.Error()}), pLost)
	} else {
		m.say(m.t(msg.LabPictured, msg.Args{"Path": pm.path}), pGood)
	}
	return nil
}

// outName is where the lab writes a file of this run: the working
// directory, named after the run, so an export and a picture sit together.
func (m *Model) outName(ext string) string {
	name := m.run.name
	if name == "" {
		name = "run"
	}
	return "./tcpsim-" + name + ext
}
