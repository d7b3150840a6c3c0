package ui

// rect is a rectangle of the screen.
type rect struct{ x, y, w, h int }

func (r rect) has(x, y int) bool { return x >= r.x && y >= r.y && x < r.x+r.w && y < r.y+r.h }

// inner is the rectangle inside a box's border.
func (r rect) inner() rect {
	if r.w < 2 || r.h < 2 {
		return rect{}
	}
	return rect{r.x + 1, r.y + 1, r.w - 2, r.h - 2}
}

func (r rect) view(v view) view { return v.sub(r.x, r.y, r.w, r.h) }

// layout is where each component goes for a terminal size. It is a pure
// function of the size, so Update (mouse hits) and View agree.
type layout struct {
	tooSmall, full bool
	header, help   rect
	ladder         rect
	diagram        rect
	inspector      rect
	log            rect
	why            rect // compact view: the last transition explained
}

const (
	minW = 60
	minH = 16
	// The full view (ladder, diagram, inspector, log) from this size up.
	fullW = 110
	fullH = 32
)

func computeLayout(w, h int) layout {
	var l layout
	if w < minW || h < minH {
		l.tooSmall = true
		return l
	}
	l.header = rect{0, 0, w, 1}
	l.help = rect{0, h - 1, w, 1}
	bodyY, bodyH := 1, h-2
	if w >= fullW && h >= fullH {
		l.full = true
		rightW := min(max(w*2/5, 50), 68)
		leftW := w - rightW
		// The drawn diagram when the inspector keeps room enough below
		// it; else the list of states (with the timers).
		diagRows := diagH + 2 + 2 // grid, legend, border
		if bodyH-diagRows < 20 {
			diagRows = min(11+2+4, bodyH/2)
		}
		l.diagram = rect{leftW, bodyY, rightW, diagRows}
		l.inspector = rect{leftW, bodyY + diagRows, rightW, bodyH - diagRows}
		logH := min(max(bodyH/4, 6), 14)
		l.ladder = rect{0, bodyY, leftW, bodyH - logH}
		l.log = rect{0, bodyY + bodyH - logH, leftW, logH}
		return l
	}
	// Compact: ladder and the list of states, the last transition below.
	whyH := 3
	if h < 20 {
		whyH = 2
	}
	sideW := 18
	l.ladder = rect{0, bodyY, w - sideW, bodyH - whyH}
	l.diagram = rect{w - sideW, bodyY, sideW, bodyH - whyH}
	l.why = rect{0, bodyY + bodyH - whyH, w, whyH}
	return l
}
