package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tcpsim/tcpsim/msg"
)

// keyMap is every binding of the lab. The help bar and the full help
// are generated from it, so they cannot disagree with what the keys do.
// A binding's help desc is a catalogue ID, put into words by keyText
// (lang.go) in the lab's language.
type keyMap struct {
	Play, Step, Back, Home, End, Faster, Slower             key.Binding
	Up, Down, Unselect, Follow                              key.Binding
	Drop, WhatIf, Undo                                      key.Binding
	CloseA, CloseB, AbortA, AbortB, Send, Link              key.Binding
	Socket                                                  key.Binding // dialog_socket.go
	Open, Restart, Export, Help, Quit, ScrollUp, ScrollDown key.Binding
	Picture, Lang                                           key.Binding
	Numbers, ZoomIn, ZoomOut, Details                       key.Binding
	Jump, Search, SearchNext, Info, MSL                     key.Binding // dialog_*.go
	Predict                                                 key.Binding // predict.go
	Explore                                                 key.Binding // explore.go
	Lessons, Next, Hint                                     key.Binding // lesson_keys.go handles them
}

func newKeyMap() keyMap {
	b := func(keys []string, k string, help msg.ID) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, string(help)))
	}
	return keyMap{
		Play:       b([]string{"space", "p"}, "space", msg.KeyPlay),
		Step:       b([]string{"right", "l"}, "→/l", msg.KeyStep),
		Back:       b([]string{"left", "h"}, "←/h", msg.KeyBack),
		Home:       b([]string{"home", "g"}, "home", msg.KeyHome),
		End:        b([]string{"end", "G"}, "end", msg.KeyEnd),
		Faster:     b([]string{"+", "="}, "+", msg.KeyFaster),
		Slower:     b([]string{"-", "_"}, "-", msg.KeySlower),
		Up:         b([]string{"up", "k"}, "↑/k", msg.KeyUp),
		Down:       b([]string{"down", "j"}, "↓/j", msg.KeyDown),
		Unselect:   b([]string{"esc"}, "esc", msg.KeyUnselect),
		Follow:     b([]string{"f"}, "f", msg.KeyFollow),
		ScrollUp:   b([]string{"pgup"}, "pgup", msg.KeyScrollUp),
		ScrollDown: b([]string{"pgdown"}, "pgdn", msg.KeyScrollDown),
		Drop:       b([]string{"d"}, "d", msg.KeyDrop),
		WhatIf:     b([]string{"x"}, "x", msg.KeyWhatIf),
		Undo:       b([]string{"u"}, "u", msg.KeyUndo),
		CloseA:     b([]string{"c"}, "c/C", msg.KeyClose),
		CloseB:     b([]string{"C"}, "C", msg.KeyCloseB),
		AbortA:     b([]string{"a"}, "a/A", msg.KeyAbort),
		AbortB:     b([]string{"A"}, "A", msg.KeyAbortB),
		Send:       b([]string{"s"}, "s", msg.KeySend),
		Link:       b([]string{"L"}, "L", msg.KeyLink),
		Socket:     b([]string{"S"}, "S", msg.SockKey),
		Open:       b([]string{"o"}, "o", msg.KeyOpen),
		Restart:    b([]string{"r"}, "r", msg.KeyRestart),
		Export:     b([]string{"e"}, "e", msg.DlgKeyExport),
		Picture:    b([]string{"P"}, "P", msg.KeyPicture),
		Help:       b([]string{"?"}, "?", msg.KeyHelp),
		Quit:       b([]string{"q", "ctrl+c"}, "q", msg.KeyQuit),
		Numbers:    b([]string{"#"}, "#", msg.KeyNumbers),
		ZoomIn:     b([]string{"]"}, "]", msg.KeyZoomIn),
		ZoomOut:    b([]string{"["}, "[", msg.KeyZoomOut),
		Details:    b([]string{"enter"}, "enter", msg.KeyDetails),
		Lang:       b([]string{"T"}, "T", msg.KeyLang),
		Jump:       b([]string{":"}, ":", msg.DlgKeyJump),
		Search:     b([]string{"/"}, "/", msg.DlgKeySearch),
		SearchNext: b([]string{"enter"}, "enter", msg.DlgKeySearch),
		Info:       b([]string{"i"}, "i", msg.DlgKeyInfo),
		MSL:        b([]string{"M"}, "M", msg.DlgKeyMSL),
		Predict:    b([]string{"y"}, "y", msg.KeyPredict),
		Explore:    b([]string{"E"}, "E", msg.XvKey),
		Lessons:    b([]string{"W"}, "W", msg.PolishKeyLessons),
		Next:       b([]string{"n"}, "n", msg.PolishKeyNext),
		Hint:       b([]string{"H"}, "H", msg.PolishKeyHint),
	}
}

// barKeys are the keys the help bar shows: help and quit (always, on
// the right), then the most useful first.
// barKeys are the help bar's keys; interference is offered only when the
// run can change.
func (k keyMap) barKeys(playing, canChange bool) []key.Binding {
	play := k.Play
	if playing {
		play.SetHelp("space", string(msg.KeyBarPause))
	} else {
		play.SetHelp("space", string(msg.KeyBarPlay))
	}
	look := []key.Binding{
		withHelp(k.Help, "?", msg.KeyBarHelp), withHelp(k.Quit, "q", msg.KeyBarQuit),
		play, withHelp(k.Step, "→←", msg.KeyBarStep), withHelp(k.Up, "↑↓", msg.KeyBarSelect),
	}
	if !canChange {
		return append(look, withHelp(k.Open, "o", msg.KeyBarOpen), withHelp(k.Lang, "T", msg.KeyBarLang))
	}
	return append(look,
		withHelp(k.Drop, "d", msg.KeyBarDrop), withHelp(k.WhatIf, "x", msg.KeyBarWhatIf),
		withHelp(k.CloseA, "c/C", msg.KeyBarClose), withHelp(k.Send, "s", msg.KeyBarSend),
		withHelp(k.Link, "L", msg.KeyBarLink), withHelp(k.Open, "o", msg.KeyBarOpen),
		withHelp(k.Undo, "u", msg.KeyBarUndo), withHelp(k.Lang, "T", msg.KeyBarLang))
}

// interferes reports whether a key would change the run.
func interferes(k *keyMap, msg tea.KeyPressMsg) bool {
	for _, b := range []key.Binding{k.Drop, k.WhatIf, k.CloseA, k.CloseB, k.AbortA, k.AbortB, k.Send, k.Link, k.MSL, k.Socket} {
		if key.Matches(msg, b) {
			return true
		}
	}
	return false
}

func withHelp(b key.Binding, k string, h msg.ID) key.Binding {
	b.SetHelp(k, string(h))
	return b
}

// groups are the sections of the full help.
func (k keyMap) groups() []struct {
	title msg.ID
	keys  []key.Binding
} {
	return []struct {
		title msg.ID
		keys  []key.Binding
	}{
		{msg.KeyGroupTime, []key.Binding{k.Play, k.Step, k.Back, k.Home, k.End, k.Faster, k.Slower}},
		{msg.KeyGroupLook, []key.Binding{k.Up, k.Down, k.Unselect, k.ScrollUp, k.ScrollDown, k.Follow, k.Numbers, k.ZoomIn, k.ZoomOut, k.Details}},
		{msg.KeyGroupInterfere, []key.Binding{k.Drop, k.WhatIf, k.CloseA, k.AbortA, k.Send, k.Socket, k.Link, k.Undo}},
		{msg.KeyGroupLab, []key.Binding{k.Open, k.Restart, k.Export, k.Picture, k.Predict, k.Explore, k.Lang, k.Help, k.Quit}},
		{msg.DlgKeysFind, []key.Binding{k.Jump, k.Search, k.Info, k.MSL}},
		{msg.PolishKeyGroupLesson, []key.Binding{k.Lessons, k.Next, k.Hint}},
	}
}
