package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tcpsim/tcpsim/internal/capcmp"
	"github.com/tcpsim/tcpsim/msg"
)

// drawInfo is the row under the cursor: where it is, the two packets, and
// in words what differs or why it does not count.
func (m *compareModel) drawInfo(v view, ls []string) {
	if len(m.rows) == 0 {
		v.textClip(1, 0, m.p.T(msg.CompareEmpty, nil), v.w-2, pDim)
		return
	}
	v.textClip(1, 0, m.position(), v.w-2, pBold)
	labels := [2]string{m.p.T(msg.CompareKernelShort, nil), m.p.T(msg.CompareModelShort, nil)}
	lw := max(textWidth(labels[0]), textWidth(labels[1])) + 2
	_, bad := m.diffs[m.cur]
	for i, ps := range [2][]capcmp.Packet{m.c.Want, m.c.Got} {
		j := m.rows[m.cur].Want
		if i == 1 {
			j = m.rows[m.cur].Got
		}
		x := v.text(1, 1+i, labels[i], pBold) + lw - textWidth(labels[i])
		p := pNone
		if bad {
			p = pWarn
		}
		if j < 0 {
			v.textClip(x, 1+i, m.p.T(msg.CompareNone, nil), v.w-x-1, pLost)
			continue
		}
		v.textClip(x, 1+i, fmt.Sprintf("%10.6f  %s", ps[j].T.Seconds(), ps[j]), v.w-x-1, p)
	}
	for k := 0; k < len(ls) && 3+k < v.h; k++ {
		line := ls[k]
		if 3+k == v.h-1 && k < len(ls)-1 { // the last line left: what fits
			line = truncate(line+" "+strings.Join(ls[k+1:], " "), v.w-2)
		}
		pen := pNone
		if bad {
			pen = pLost
		}
		v.text(1, 3+k, line, pen)
	}
}

// position is "segment N of M" and where the differences are.
func (m *compareModel) position() string {
	var at []int
	for r := range m.rows {
		if _, ok := m.diffs[r]; ok {
			at = append(at, r+1)
		}
	}
	args := msg.Args{"N": m.cur + 1, "Total": len(m.rows)}
	if len(at) == 0 {
		return m.p.T(msg.ComparePosition, args)
	}
	args["List"] = strings.Join(runs(at), m.p.T(msg.CompareListSep, nil))
	return m.p.T(msg.ComparePositionDiffs, args)
}

// explain is the row's difference in words (the catalogue's), or why the
// row agrees.
func (m *compareModel) explain(r int) string {
	if d, ok := m.diffs[r]; ok {
		switch d.Kind() {
		case capcmp.Missing:
			return m.p.T(msg.CompareWhyMissing, nil)
		case capcmp.Extra:
			return m.p.T(msg.CompareWhyExtra, nil)
		case capcmp.Gap:
			return m.explainGap(r)
		}
		var names []string
		for _, f := range capcmp.Fields(m.c.Want[m.rows[r].Want], m.c.Got[m.rows[r].Got]) {
			names = append(names, m.p.T(fieldNames[f], nil))
		}
		return m.p.T(msg.CompareWhySegment, msg.Args{"Fields": strings.Join(names, m.p.T(msg.CompareListSep, nil))})
	}
	if m.rows[r].Got != r && m.rows[r].Got >= 0 {
		return m.p.T(msg.CompareWhyCrossed, nil)
	}
	for _, d := range m.c.Result.Diffs {
		if d.Index < r && d.Kind() != capcmp.Gap {
			return m.p.T(msg.CompareWhyUntimed, nil)
		}
	}
	if r == 0 {
		return m.p.T(msg.CompareWhyFirst, nil)
	}
	wg, gg, allowed := m.gaps(r)
	if wg < capcmp.MinGap {
		return m.p.T(msg.CompareWhyShortGap, msg.Args{"Kernel": fmtGap(wg)})
	}
	return m.p.T(msg.CompareWhySame, msg.Args{"Kernel": fmtGap(wg), "Model": fmtGap(gg), "Allowed": fmtGap(allowed)})
}

var fieldNames = map[string]msg.ID{
	"dir": msg.CompareFieldDir, "flags": msg.CompareFieldFlags, "seq": msg.CompareFieldSeq,
	"ack": msg.CompareFieldAck, "len": msg.CompareFieldLen,
}

// explainGap says how far apart the two gaps before row r are, and what
// was allowed.
func (m *compareModel) explainGap(r int) string {
	wg, gg, allowed := m.gaps(r)
	return m.p.T(msg.CompareWhyGap, msg.Args{"Kernel": fmtGap(wg), "Model": fmtGap(gg), "Allowed": fmtGap(allowed)})
}

// gaps are the kernel's and the model's gap before row r (r > 0, both
// sides with a packet in rows r-1 and r) and how far apart capcmp lets
// them be: its tolerance plus the comparison's slack.
func (m *compareModel) gaps(r int) (kernel, model, allowed time.Duration) {
	w, g := m.c.Want, m.c.Got
	kernel = w[r].T - w[r-1].T
	model = g[m.rows[r].Got].T - g[m.rows[r-1].Got].T
	allowed = time.Duration(capcmp.Tolerance * float64(kernel))
	if m.c.Slack != nil {
		allowed += m.c.Slack(kernel)
	}
	return kernel, model, allowed
}

// runs writes ascending numbers with consecutive ones as a range: 2, 5–9.
func runs(ns []int) []string {
	var out []string
	for i := 0; i < len(ns); {
		j := i
		for j+1 < len(ns) && ns[j+1] == ns[j]+1 {
			j++
		}
		s := strconv.Itoa(ns[i])
		if j > i {
			s += "–" + strconv.Itoa(ns[j])
		}
		out = append(out, s)
		i = j + 1
	}
	return out
}
