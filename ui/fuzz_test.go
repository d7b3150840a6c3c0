package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// fuzzKeys are what a byte of fuzz input stands for: every key the lab
// binds, the dialogs' keys, text, pastes and resizes.
var fuzzKeys = []string{"space", "right", "left", "up", "down", "home", "end", "esc", "enter", "tab", "backspace",
	"ctrl+c", "d", "x", "u", "c", "C", "a", "A", "s", "L", "o", "r", "e", "?", "+", "-", "f", "g", "G", "p", "1", "0", ".", "é"}

// FuzzKeys drives the lab with arbitrary key sequences, pastes and
// resizes: it must never panic, never draw past the terminal, and never
// hold more than maxSendText characters in the send dialog.
func FuzzKeys(f *testing.F) {
	f.Add([]byte("s\x05\x05\x05\x08"))
	f.Add([]byte{12, 13, 14, 0, 200, 201, 202})
	f.Add([]byte("\x13\xff\xfe\x08"))
	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) > 64 {
			in = in[:64]
		}
		m := newTest(t, "fuzz", lossyData(), 100, 30)
		m.opts.Export = nil
		w, h := 100, 30
		for i, b := range in {
			switch {
			case b >= 250: // a resize, tiny to large
				w, h = 10+int(b-250)*30, 4+int(in[(i+1)%len(in)]%40)
				m.Update(tea.WindowSizeMsg{Width: w, Height: h})
			case b >= 240:
				m.Update(tea.PasteMsg{Content: strings.Repeat("ab ", int(b-239)*100)})
			default:
				k := fuzzKeys[int(b)%len(fuzzKeys)]
				if k == "ctrl+c" || (k == "e") {
					continue // quit ends the program; export would write a file
				}
				m.Update(keyMsg(k))
			}
			if n := len([]rune(m.send.text)); n > maxSendText {
				t.Fatalf("send dialog holds %d characters", n)
			}
		}
		checkFrame(t, m.render(), w, h)
	})
}
