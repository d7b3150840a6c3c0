package ui

import (
	"slices"
	"strings"
	"time"

	"github.com/tcpsim/tcpsim/explore"
	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// drawExplore draws the explore view over v.
func (m *Model) drawExplore(v view) {
	x := &m.xv
	p := m.words()
	if x.stage != exploreResult {
		in := overlay(v, 64, 12, p.T(msg.XvTitle, nil))
		x.drawSetup(in, p)
		return
	}
	// As tall as the list and a few lines of example need, up to the
	// whole screen (a long list, or the coverage, uses it).
	h := min(v.h-2, max(20, 2*x.items()+18))
	w := 110
	if v.w < w+4 { // the whole width: a one-column margin would show the ladder's border beside ours
		w = v.w
	}
	in := overlay(v, w, h, p.T(msg.XvTitle, nil))
	m.drawExploreResult(in, p)
}

func (x *exploreView) drawSetup(in view, p *msg.Printer) {
	y := hint(in, 0, 3, p.T(msg.XvIntro, nil), pDim) + 1
	onOff := func(b bool) string {
		if b {
			return p.T(msg.XvYes, nil)
		}
		return p.T(msg.XvNo, nil)
	}
	lw := max(textWidth(p.T(msg.XvDrops, nil)), textWidth(p.T(msg.XvCrash, nil))) + 2
	in.text(2, y, p.T(msg.XvDrops, nil), pBold)
	in.text(2+lw, y, "◂ K="+string(rune('0'+x.drops))+" ▸", pSel)
	in.text(2, y+1, p.T(msg.XvCrash, nil), pBold)
	in.text(2+lw, y+1, onOff(x.crash), pAccent)
	keys := p.T(msg.XvSetupKeys, nil)
	if x.stage == exploreRunning {
		hint(in, y+3, 2, p.T(msg.XvRunning, msg.Args{"K": x.drops}), pWarn)
		keys = p.T(msg.XvRunningKeys, nil)
	}
	in.textClip(2, in.h-1, keys, in.w-3, pDim)
}

// drawExploreResult: a summary line, the numbered classes and violations
// (two lines each, the chosen one kept in view), then the chosen one's
// smallest example, or the coverage.
func (m *Model) drawExploreResult(in view, p *msg.Printer) {
	x := &m.xv
	rep := x.rep
	y := 0
	in.textClip(1, y, p.N(msg.XvSummary, rep.Runs, msg.Args{"Classes": len(x.classes), "Broken": len(x.viols)}), in.w-2, pBold)
	y++
	if rep.Cut > 0 || rep.Cancelled {
		in.textClip(1, y, p.T(msg.XvCut, msg.Args{"N": rep.Runs}), in.w-2, pWarn)
		y++
	}
	bottom := in.h - 1 // the keys' line
	const per = 2      // lines an item takes
	// The list takes what it needs, up to half the room; the example or
	// the coverage below gets the rest.
	listH := max(min(x.items()*per, (bottom-y-1)/2/per*per), per)
	fit := listH / per
	start := max(0, min(x.sel-fit/2, x.items()-fit))
	for i := start; i < x.items() && i < start+fit; i++ {
		x.drawItem(in, y+(i-start)*per, i, p)
	}
	y += listH
	in.hline(0, y, in.w, '─', pDim)
	lv := in.sub(1, y+1, in.w-2, bottom-y-1)
	if x.coverage {
		// The diagram on the left when the rows' list still has room
		// beside it; else the list alone.
		if lv.w >= diagMinW+30 && drawCoverDiagram(lv, rep, p) {
			lv = lv.sub(diagMinW+2, 0, lv.w-diagMinW-2, lv.h)
		}
		drawCoverage(lv, rep, p)
	} else if x.items() > 0 {
		x.drawExample(lv, p)
	}
	in.textClip(1, bottom, p.T(msg.XvResultKeys, nil), in.w-2, pDim)
}

// drawItem draws item i (a class, or after the classes a violation) on
// rows y and y+1.
func (x *exploreView) drawItem(in view, y, i int, p *msg.Printer) {
	tp, mark := pBold, "  "
	if i == x.sel {
		tp, mark = pSel, "▸ "
		in.fill(0, y, in.w, 1, ' ', pSel)
	}
	xx := in.text(0, y, mark, tp)
	if i >= len(x.classes) {
		vi := x.viols[i-len(x.classes)]
		in.textClip(xx, y, p.N(msg.XvBroken, vi.Runs, msg.Args{"N": i + 1, "What": explore.InvariantText(vi.Key, p)}), in.w-xx-1, tp)
		return
	}
	c := x.classes[i]
	o := c.Outcome
	in.textClip(xx, y, p.N(msg.XvClass, c.Runs, msg.Args{"N": i + 1, "A": o.Final[0].String(), "B": o.Final[1].String()}), in.w-xx-1, tp)
	data := p.T(msg.XvIntact, nil)
	if !o.Intact {
		data = p.T(msg.XvIncomplete, nil)
	}
	if o.HalfOpen {
		data += " · " + p.T(msg.XvHalfOpen, nil)
	}
	errs := p.T(msg.XvErrors, msg.Args{"A": errorsText(o.Errors[0], p), "B": errorsText(o.Errors[1], p)})
	pn := pDim
	if !o.Intact || o.HalfOpen {
		pn = pLost
	}
	in.textClip(4, y+1, p.T(msg.XvClassMore, msg.Args{"Errors": errs, "Data": data}), in.w-5, pn)
}

// errorsText puts explore's error names ("reset+timed out", "none") in
// the lab's short words for them.
func errorsText(s string, p *msg.Printer) string {
	if s == "none" || s == "" {
		return p.T(msg.XvErrNone, nil)
	}
	var out []string
	for _, name := range strings.Split(s, "+") {
		w := name
		for sg := fsm.Signal(1); sg < fsm.NumSignals; sg++ {
			if strings.TrimPrefix(sg.String(), "connection ") == name {
				w = signalShort(sg, p)
			}
		}
		out = append(out, w)
	}
	return strings.Join(out, ", ")
}

// exampleStep is one fault of an example, found on a rerun.
type exampleStep struct {
	crash bool
	id    int32
	t     time.Duration
	side  trace.Side
	seg   string
	state fsm.State
}

// exampleSteps reruns the example and names its lost segments and crash.
func exampleSteps(cfg *sim.Config, ex explore.Example) []exampleStep {
	c := ex.Config(cfg)
	tr := sim.Run(&c)
	lost := ex.Lost()
	var out []exampleStep
	var state [2]fsm.State
	for i := range tr.Events {
		ev := &tr.Events[i]
		switch {
		case ev.Kind == trace.KState:
			state[ev.Side] = ev.To
		case ev.Kind == trace.KUser && ev.Op == trace.OpCrash && ex.Crash.Set() && ev.T == ex.Crash.At && ev.Side == ex.Crash.Side:
			out = append(out, exampleStep{crash: true, t: ev.T, side: ev.Side, state: state[ev.Side]})
		case ev.Kind == trace.KSend && ev.Lost && slices.Contains(lost, ev.ID):
			out = append(out, exampleStep{id: ev.ID, t: ev.T, side: ev.Side, seg: segLabels(&ev.Seg)[0], state: ev.From})
		}
	}
	return out
}

func (x *exploreView) drawExample(v view, p *msg.Printer) {
	n := x.sel + 1
	v.textClip(0, 0, p.T(msg.XvExample, msg.Args{"N": n}), v.w, pBold)
	ex := x.example()
	if len(ex.Faults) == 0 && !ex.Crash.Set() {
		v.textClip(2, 1, p.T(msg.XvNoFault, nil), v.w-2, pDim)
		return
	}
	y := 1
	for _, s := range exampleSteps(x.cfg, ex) {
		if y >= v.h {
			break
		}
		var line string
		pn := pLost
		if s.crash {
			line = p.T(msg.XvCrashAt, msg.Args{"Side": s.side.Upper(), "T": trace.FormatDuration(s.t), "State": s.state.String()})
		} else {
			seg := s.side.Upper() + "→" + s.side.Peer().Upper() + " " + s.seg
			line = p.T(msg.XvLose, msg.Args{"N": s.id + 1, "T": trace.FormatDuration(s.t), "Seg": seg, "State": s.state.String()})
			pn = sidePen(uint8(s.side), false)
		}
		for _, l := range wrap(line, v.w-2) {
			if y >= v.h {
				break
			}
			v.text(2, y, l, pn)
			y++
		}
	}
}

// drawCoverage lists the fsm rows some run fired (in columns when the
// width allows) and, per side, the states its runs reached.
func drawCoverage(v view, rep *explore.Report, p *msg.Printer) {
	var rows []string
	for i := 1; i < len(rep.Rows); i++ {
		if rep.Rows[i] {
			r := &fsm.Table[i]
			rows = append(rows, r.Name()+" §"+r.RFC)
		}
	}
	v.textClip(0, 0, p.T(msg.XvCoverage, msg.Args{"N": len(rows), "Total": len(fsm.Table) - 1}), v.w, pBold)
	y := 1
	for s := trace.A; s <= trace.B; s++ {
		if y >= v.h {
			return
		}
		x0 := v.text(2, y, p.T(msg.XvStates, msg.Args{"Side": s.Upper()})+" ", pBold)
		xx := x0
		for _, st := range reachedStates(rep, s) {
			if xx > x0 && xx+textWidth(st.String()) > v.w {
				xx, y = x0, y+1 // a state name is never cut: the next goes below
			}
			if y >= v.h {
				return
			}
			xx = v.textClip(xx, y, st.String(), v.w-xx, sidePen(uint8(s), true)) + 1
		}
		y++
	}
	colW := 0
	for _, r := range rows {
		colW = max(colW, textWidth(r)+2)
	}
	cols := max(1, (v.w-2)/max(colW, 1))
	room := (v.h - y) * cols
	for i, r := range rows {
		if i == room-1 && len(rows) > room {
			v.textClip(2+(i%cols)*colW, y+i/cols, p.T(msg.XvMore, msg.Args{"N": len(rows) - i}), colW-1, pFaint)
			break
		}
		if i >= room {
			break
		}
		v.textClip(2+(i%cols)*colW, y+i/cols, r, min(colW-1, v.w-2), pDim)
	}
}

// reachedStates is every state side s entered in some run, in the fsm's
// order, CLOSED first.
func reachedStates(rep *explore.Report, s trace.Side) []fsm.State {
	seen := make([]bool, fsm.NumStates)
	seen[fsm.Closed] = true
	for _, m := range rep.StatesRun("").States {
		if m.Side != 0 && s == trace.A || m.Side == 0 && s == trace.B {
			continue
		}
		for st := fsm.State(0); st < fsm.NumStates; st++ {
			if st.String() == m.State {
				seen[st] = true
			}
		}
	}
	var out []fsm.State
	for st := fsm.State(0); st < fsm.NumStates; st++ {
		if seen[st] {
			out = append(out, st)
		}
	}
	return out
}
