package main

import (
	"io"
	"os"
	"strconv"

	"github.com/charmbracelet/x/term"
)

// defaultWidth is the width of output that goes to no terminal (a pipe, a
// file): the classic terminal's, which any pager or editor shows whole.
const defaultWidth = 80

// minWidth keeps layouts sane in absurdly narrow terminals.
const minWidth = 40

// outWidth is the width, in cells, that text written to w must fit: the
// terminal's when w is one; else $COLUMNS when set (as ls and git do);
// else defaultWidth.
func outWidth(w io.Writer) int {
	if f, ok := w.(*os.File); ok && term.IsTerminal(f.Fd()) {
		if cols, _, err := term.GetSize(f.Fd()); err == nil && cols > 0 {
			return max(cols, minWidth)
		}
	}
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
		return max(n, minWidth)
	}
	return defaultWidth
}
