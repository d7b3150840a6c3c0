package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// keyMap is every binding of the lab. The help bar and the full help
// are generated from it, so they cannot disagree with what the keys do.
type keyMap struct {
	Play, Step, Back, Home, End, Faster, Slower             key.Binding
	Up, Down, Unselect, Follow                              key.Binding
	Drop, WhatIf, Undo                                      key.Binding
	CloseA, CloseB, AbortA, AbortB, Send, Link              key.Binding
	Open, Restart, Export, Help, Quit, ScrollUp, ScrollDown key.Binding
	Picture, Predict                                        key.Binding
}

func newKeyMap() keyMap {
	b := func(keys []string, k, help string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, help))
	}
	return keyMap{
		Play:       b([]string{"space", "p"}, "space", "play / pause"),
		Step:       b([]string{"right", "l"}, "→/l", "step one event"),
		Back:       b([]string{"left", "h"}, "←/h", "step back one event (time travel)"),
		Home:       b([]string{"home", "g"}, "home", "back to the start"),
		End:        b([]string{"end", "G"}, "end", "jump to the end"),
		Faster:     b([]string{"+", "="}, "+", "faster"),
		Slower:     b([]string{"-", "_"}, "-", "slower"),
		Up:         b([]string{"up", "k"}, "↑/k", "select the previous segment"),
		Down:       b([]string{"down", "j"}, "↓/j", "select the next segment"),
		Unselect:   b([]string{"esc"}, "esc", "follow the latest segment again"),
		Follow:     b([]string{"f"}, "f", "scroll back to the present"),
		ScrollUp:   b([]string{"pgup"}, "pgup", "scroll the ladder up"),
		ScrollDown: b([]string{"pgdown"}, "pgdn", "scroll the ladder down"),
		Drop:       b([]string{"d"}, "d", "drop the next segment to arrive (or the selected one in flight)"),
		WhatIf:     b([]string{"x"}, "x", "what if the selected past segment had been lost?"),
		Undo:       b([]string{"u"}, "u", "undo the last change: back to the previous timeline"),
		CloseA:     b([]string{"c"}, "c/C", "A / B calls CLOSE"),
		CloseB:     b([]string{"C"}, "C", "B calls CLOSE"),
		AbortA:     b([]string{"a"}, "a/A", "A / B calls ABORT (sends RST)"),
		AbortB:     b([]string{"A"}, "A", "B calls ABORT"),
		Send:       b([]string{"s"}, "s", "send data (from A or B)"),
		Link:       b([]string{"L"}, "L", "edit the link: loss, delay, jitter"),
		Open:       b([]string{"o"}, "o", "open another scenario"),
		Restart:    b([]string{"r"}, "r", "restart the scenario"),
		Export:     b([]string{"e"}, "e", "export the run as pcapng"),
		Picture:    b([]string{"P"}, "P", "save the ladder so far as SVG"),
		Predict:    b([]string{"y"}, "y", "predict mode: guess each segment before it is sent"),
		Help:       b([]string{"?"}, "?", "all keys"),
		Quit:       b([]string{"q", "ctrl+c"}, "q", "quit"),
	}
}

// barKeys are the keys the help bar shows: help and quit (always, on
// the right), then the most useful first.
// barKeys are the help bar's keys; interference is offered only when the
// run can change.
func (k keyMap) barKeys(playing, canChange bool) []key.Binding {
	play := k.Play
	if playing {
		play.SetHelp("space", "pause")
	} else {
		play.SetHelp("space", "play")
	}
	look := []key.Binding{
		withHelp(k.Help, "?", "help"), withHelp(k.Quit, "q", "quit"),
		play, withHelp(k.Step, "→←", "step"), withHelp(k.Up, "↑↓", "select"),
	}
	if !canChange {
		return append(look, withHelp(k.Open, "o", "open"))
	}
	return append(look,
		withHelp(k.Drop, "d", "drop"), withHelp(k.WhatIf, "x", "what-if"),
		withHelp(k.CloseA, "c/C", "close"), withHelp(k.Send, "s", "send"),
		withHelp(k.Link, "L", "link"), withHelp(k.Open, "o", "open"),
		withHelp(k.Undo, "u", "undo"))
}

// interferes reports whether a key would change the run.
func interferes(k *keyMap, msg tea.KeyPressMsg) bool {
	for _, b := range []key.Binding{k.Drop, k.WhatIf, k.CloseA, k.CloseB, k.AbortA, k.AbortB, k.Send, k.Link} {
		if key.Matches(msg, b) {
			return true
		}
	}
	return false
}

func withHelp(b key.Binding, k, h string) key.Binding {
	b.SetHelp(k, h)
	return b
}

// groups are the sections of the full help.
func (k keyMap) groups() []struct {
	title string
	keys  []key.Binding
} {
	return []struct {
		title string
		keys  []key.Binding
	}{
		{"Time", []key.Binding{k.Play, k.Step, k.Back, k.Home, k.End, k.Faster, k.Slower}},
		{"Look", []key.Binding{k.Up, k.Down, k.Unselect, k.ScrollUp, k.ScrollDown, k.Follow}},
		{"Interfere (each change forks a new timeline)", []key.Binding{k.Drop, k.WhatIf, k.CloseA, k.AbortA, k.Send, k.Link, k.Undo}},
		{"Lab", []key.Binding{k.Open, k.Restart, k.Export, k.Picture, k.Predict, k.Help, k.Quit}},
	}
}
