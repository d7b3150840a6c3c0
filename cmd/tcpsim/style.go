package main

import (
	"io"
	"os"

	"github.com/charmbracelet/x/term"
)

// SGR codes for the few places the CLI uses color.
const (
	red   = "31"
	green = "32"
	dim   = "2"
	bold  = "1"
)

// useColor: only a terminal gets color, and never when NO_COLOR is set
// (https://no-color.org).
func useColor(w io.Writer) bool {
	if os.Getenv("NO_COLOR") != "" {
		return false
	}
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

func paint(on bool, sgr, s string) string {
	if !on {
		return s
	}
	return "\x1b[" + sgr + "m" + s + "\x1b[0m"
}
