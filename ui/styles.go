package ui

import (
	"image/color"
	"strings"

	"charm.land/lipgloss/v2"
)

// All of the TUI's styles live in this file. Components never build a
// lipgloss.Style: they paint cells with a pen (an index into the theme),
// and the canvas turns runs of cells into text with each pen's escape
// codes, computed once per theme. That keeps a frame cheap.

// pen names a role, not a colour.
type pen uint8

const (
	pNone      pen = iota // the terminal's default
	pDim                  // secondary text, lifelines, borders
	pFaint                // future / compressed time
	pBold                 // titles, values
	pA                    // endpoint A (lifeline notes, arrows)
	pB                    // endpoint B
	pABold                // A's state
	pBBold                // B's state
	pAHi                  // A highlighted (state diagram node)
	pBHi                  // B highlighted
	pBothHi               // both A and B in one state
	pLost                 // lost segments, errors
	pWarn                 // retransmissions, challenge ACKs
	pGood                 // success messages
	pAccent               // the present, keys in the help bar
	pSel                  // the selected segment
	pHeader               // header bar
	pHeaderDim            // header bar, secondary
	pTitle                // panel titles
	pBorder               // panel borders
	pKey                  // key names in the help bar
	pEdge                 // state diagram edges
	pEdgeHiA              // the last transition's edge, by A
	pEdgeHiB              // the last transition's edge, by B
	pNode                 // state diagram node
	pCursor               // the current event in the log
	pModal                // modal text
	numPens
)

// penCode is a pen's escape codes: pre before the text, post after it.
type penCode struct{ pre, post string }

// theme is one set of pens.
type theme struct {
	dark, mono bool
	pens       [numPens]penCode
}

// palette is one set of colours.
type palette struct {
	a, b, lost, warn, good, accent, dim, faint, headerBg, headerFg, selBg, edge color.Color
}

func newTheme(dark, mono bool) *theme {
	t := &theme{dark: dark, mono: mono}
	var st [numPens]lipgloss.Style
	if mono {
		st = monoStyles()
	} else {
		st = colourStyles(dark)
	}
	for i := range st {
		t.pens[i] = codesOf(st[i])
	}
	return t
}

// monoStyles are the pens under NO_COLOR.
func monoStyles() [numPens]lipgloss.Style {
	s := func() lipgloss.Style { return lipgloss.NewStyle() }
	var st [numPens]lipgloss.Style
	// NO_COLOR: attributes only, and every distinction that matters
	// is also written as text (A/B markers, "lost", "retx").
	st[pDim] = s()
	st[pFaint] = s().Faint(true)
	st[pBold] = s().Bold(true)
	st[pA] = s()
	st[pB] = s()
	st[pABold] = s().Bold(true)
	st[pBBold] = s().Bold(true)
	st[pAHi] = s().Reverse(true)
	st[pBHi] = s().Reverse(true)
	st[pBothHi] = s().Reverse(true).Bold(true)
	st[pLost] = s().Bold(true)
	st[pWarn] = s().Bold(true)
	st[pGood] = s().Bold(true)
	st[pAccent] = s().Bold(true)
	st[pSel] = s().Reverse(true)
	st[pHeader] = s().Reverse(true).Bold(true)
	st[pHeaderDim] = s().Reverse(true)
	st[pTitle] = s().Bold(true)
	st[pBorder] = s()
	st[pKey] = s().Bold(true)
	st[pEdge] = s()
	st[pEdgeHiA] = s().Bold(true)
	st[pEdgeHiB] = s().Bold(true)
	st[pNode] = s()
	st[pCursor] = s().Reverse(true)
	st[pModal] = s()
	return st
}

// colourStyles are the pens in colour, for a dark or a light background.
func colourStyles(dark bool) [numPens]lipgloss.Style {
	s := func() lipgloss.Style { return lipgloss.NewStyle() }
	var st [numPens]lipgloss.Style
	ld := lipgloss.LightDark(dark)
	c := lipgloss.Color
	p := palette{
		a:        ld(c("#005FAF"), c("#5FD7FF")),
		b:        ld(c("#AF5F00"), c("#FFAF5F")),
		lost:     ld(c("#D70000"), c("#FF5F5F")),
		warn:     ld(c("#AF00AF"), c("#FF87FF")),
		good:     ld(c("#008700"), c("#87D787")),
		accent:   ld(c("#875F00"), c("#FFD75F")),
		dim:      ld(c("#6C6C6C"), c("#8A8A8A")),
		faint:    ld(c("#A8A8A8"), c("#585858")),
		headerBg: ld(c("#D7D7FF"), c("#303050")),
		headerFg: ld(c("#000000"), c("#FFFFFF")),
		selBg:    ld(c("#FFFFAF"), c("#5F5F00")),
		edge:     ld(c("#8A8A8A"), c("#6C6C6C")),
	}
	onA := ld(c("#FFFFFF"), c("#000000"))
	st[pDim] = s().Foreground(p.dim)
	st[pFaint] = s().Foreground(p.faint)
	st[pBold] = s().Bold(true)
	st[pA] = s().Foreground(p.a)
	st[pB] = s().Foreground(p.b)
	st[pABold] = s().Foreground(p.a).Bold(true)
	st[pBBold] = s().Foreground(p.b).Bold(true)
	st[pAHi] = s().Background(p.a).Foreground(onA).Bold(true)
	st[pBHi] = s().Background(p.b).Foreground(onA).Bold(true)
	st[pBothHi] = s().Background(p.good).Foreground(onA).Bold(true)
	st[pLost] = s().Foreground(p.lost).Bold(true)
	st[pWarn] = s().Foreground(p.warn)
	st[pGood] = s().Foreground(p.good)
	st[pAccent] = s().Foreground(p.accent).Bold(true)
	st[pSel] = s().Background(p.selBg).Bold(true)
	st[pHeader] = s().Background(p.headerBg).Foreground(p.headerFg).Bold(true)
	st[pHeaderDim] = s().Background(p.headerBg).Foreground(p.headerFg)
	st[pTitle] = s().Bold(true)
	st[pBorder] = s().Foreground(p.faint)
	st[pKey] = s().Foreground(p.accent).Bold(true)
	st[pEdge] = s().Foreground(p.edge)
	st[pEdgeHiA] = s().Foreground(p.a).Bold(true)
	st[pEdgeHiB] = s().Foreground(p.b).Bold(true)
	st[pNode] = s()
	st[pCursor] = s().Background(p.selBg)
	st[pModal] = s()
	return st
}

// codesOf extracts a style's escape codes by rendering a marker.
func codesOf(st lipgloss.Style) penCode {
	out := st.Render("x")
	i := strings.IndexByte(out, 'x')
	if i < 0 {
		return penCode{}
	}
	return penCode{pre: out[:i], post: out[i+1:]}
}

// sidePen is the pen of an endpoint.
func sidePen(side uint8, bold bool) pen {
	switch {
	case side == 0 && bold:
		return pABold
	case side == 0:
		return pA
	case bold:
		return pBBold
	}
	return pB
}
