package diagram

import (
	"fmt"
	"image/color"
)

// Theme is a colour set. Light suits white slides; Dark, dark ones.
type Theme struct {
	Name                 string
	Bg, Fg, Dim, Grid    color.NRGBA
	Side                 [2]color.NRGBA // arrows sent by A, by B
	Lost, Odd, Timer     color.NRGBA    // lost segments; duplicated/reordered; timers
	StateFill, LabelHalo color.NRGBA
	Path                 color.NRGBA // the run's path in the state diagram
}

func rgb(v uint32) color.NRGBA {
	return color.NRGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 255}
}

// Light and Dark are the two themes; both keep contrast of text at 4.5:1 or more.
var (
	Light = Theme{Name: "light", Bg: rgb(0xffffff), Fg: rgb(0x1f2328), Dim: rgb(0x59636e), Grid: rgb(0xd0d7de),
		Side: [2]color.NRGBA{rgb(0x0550ae), rgb(0x8a4600)}, Lost: rgb(0xcf222e), Odd: rgb(0x8250df), Timer: rgb(0x1a7f37),
		StateFill: rgb(0xf6f8fa), LabelHalo: rgb(0xffffff), Path: rgb(0xcf222e)}
	Dark = Theme{Name: "dark", Bg: rgb(0x0d1117), Fg: rgb(0xe6edf3), Dim: rgb(0x9198a1), Grid: rgb(0x3d444d),
		Side: [2]color.NRGBA{rgb(0x58a6ff), rgb(0xf0883e)}, Lost: rgb(0xff7b72), Odd: rgb(0xd2a8ff), Timer: rgb(0x3fb950),
		StateFill: rgb(0x161b22), LabelHalo: rgb(0x0d1117), Path: rgb(0xff7b72)}
)

// ThemeNamed returns light or dark.
func ThemeNamed(name string) (Theme, error) {
	switch name {
	case "", "light":
		return Light, nil
	case "dark":
		return Dark, nil
	}
	return Theme{}, fmt.Errorf("unknown theme %q: expected light or dark", name)
}
