package explore

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// Example is the smallest run of a class or violation: fewest faults,
// then earliest (lowest transmission IDs).
type Example struct {
	Faults []int32 // picks, ascending: transmission ID<<2 | kind (lose, duplicate, reorder)
	Crash  Crash   // and a crash of one end (with --crash)
	End    time.Duration
}

// Class is one outcome class.
type Class struct {
	Outcome            Outcome
	Runs               int
	Example            Example
	MinClose, MaxClose time.Duration // -1 when no run of the class closed
}

// Violation is one broken invariant, with its smallest example.
type Violation struct {
	Key  string // which invariant, and for "stuck" which side and state
	What string // the first violating run's words, in English
	// Words and Args say What in any language, the run's figures included.
	Words   msg.ID
	Args    msg.Args
	Runs    int
	Example Example
}

// Report is the whole exploration.
type Report struct {
	Opt        Options
	Runs       int
	ByDrops    []int // runs with 0, 1, ... faults
	Crashed    int   // runs with a crash among them
	Classes    []*Class
	Violations []*Violation
	Rows       []bool
	Arcs       arcs // state changes seen, per side (for the state diagram)
	Cut        int  // runs of the last level a Limit left out
	Unexpanded int  // and patterns below them never generated
	Cancelled  bool // interrupted: the figures cover the runs done
	MaxTrans   int32

	classIdx map[Outcome]*Class
	violIdx  map[string]*Violation
}

func newReport(opt Options) *Report {
	return &Report{Opt: opt, Rows: make([]bool, len(fsm.Table)), classIdx: map[Outcome]*Class{}, violIdx: map[string]*Violation{}}
}

// add folds one run in. Folding is order-free: a class's example is its
// smallest run whatever order runs come in.
func (rep *Report) add(res *result) {
	rep.Runs++
	n := len(res.drops) + res.crash.n()
	for len(rep.ByDrops) <= n {
		rep.ByDrops = append(rep.ByDrops, 0)
	}
	rep.ByDrops[n]++
	rep.Crashed += res.crash.n()
	rep.MaxTrans = max(rep.MaxTrans, res.trans)
	for i, f := range res.rows {
		rep.Rows[i] = rep.Rows[i] || f
	}
	for _, a := range res.steps {
		rep.Arcs.add(a.side, a.from, a.to, a.row)
	}
	ex := Example{Faults: res.drops, Crash: res.crash, End: res.end}
	rep.addClass(&Class{Outcome: res.outcome, Runs: 1, Example: ex, MinClose: res.closeDur, MaxClose: res.closeDur})
	for _, v := range res.violations {
		rep.addViolation(&Violation{Key: v.key, What: msg.English().T(v.id, v.args), Words: v.id, Args: v.args, Runs: 1, Example: ex})
	}
}

func (rep *Report) addClass(n *Class) {
	c := rep.classIdx[n.Outcome]
	if c == nil {
		c = &Class{Outcome: n.Outcome, Example: cloneEx(n.Example), MinClose: -1, MaxClose: -1}
		rep.classIdx[n.Outcome] = c
		rep.Classes = append(rep.Classes, c)
	} else if exampleOrder(n.Example, c.Example) < 0 {
		c.Example = cloneEx(n.Example)
	}
	c.Runs += n.Runs
	if n.MinClose >= 0 && (c.MinClose < 0 || n.MinClose < c.MinClose) {
		c.MinClose = n.MinClose
	}
	c.MaxClose = max(c.MaxClose, n.MaxClose)
}

func (rep *Report) addViolation(n *Violation) {
	v := rep.violIdx[n.Key]
	if v == nil {
		v = &Violation{Key: n.Key, What: n.What, Words: n.Words, Args: n.Args, Example: cloneEx(n.Example)}
		rep.violIdx[n.Key] = v
		rep.Violations = append(rep.Violations, v)
	} else if exampleOrder(n.Example, v.Example) < 0 {
		v.What, v.Words, v.Args, v.Example = n.What, n.Words, n.Args, cloneEx(n.Example)
	}
	v.Runs += n.Runs
}

// merge folds another worker's report into rep.
func (rep *Report) merge(o *Report) {
	rep.Runs += o.Runs
	rep.Crashed += o.Crashed
	for len(rep.ByDrops) < len(o.ByDrops) {
		rep.ByDrops = append(rep.ByDrops, 0)
	}
	for k, n := range o.ByDrops {
		rep.ByDrops[k] += n
	}
	rep.MaxTrans = max(rep.MaxTrans, o.MaxTrans)
	for i, f := range o.Rows {
		rep.Rows[i] = rep.Rows[i] || f
	}
	rep.Arcs.merge(&o.Arcs)
	for _, c := range o.Classes {
		rep.addClass(c)
	}
	for _, v := range o.Violations {
		rep.addViolation(v)
	}
}

func cloneEx(e Example) Example {
	return Example{Faults: slices.Clone(e.Faults), Crash: e.Crash, End: e.End}
}

// smaller orders runs: fewer faults, then earlier transmissions.
func smaller(a, b []int32) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return slices.Compare(a, b) < 0
}

// exampleOrder: fewer faults (a crash counts as one), then earlier
// transmissions, then the earlier crash.
func exampleOrder(a, b Example) int {
	na, nb := len(a.Faults)+a.Crash.n(), len(b.Faults)+b.Crash.n()
	switch {
	case na != nb:
		return na - nb
	case smaller(a.Faults, b.Faults):
		return -1
	case smaller(b.Faults, a.Faults):
		return 1
	case a.Crash.less(b.Crash):
		return -1
	case b.Crash.less(a.Crash):
		return 1
	}
	return 0
}

// Examples lists every class's and violation's example, in the order
// Write numbers them (for --open N).
func (rep *Report) Examples() []Example {
	var out []Example
	for _, c := range rep.sortedClasses() {
		out = append(out, c.Example)
	}
	for _, v := range rep.sortedViolations() {
		out = append(out, v.Example)
	}
	return out
}

// sortedViolations: by smallest example, then by invariant.
func (rep *Report) sortedViolations() []*Violation {
	vs := slices.Clone(rep.Violations)
	slices.SortFunc(vs, func(a, b *Violation) int {
		if c := exampleOrder(a.Example, b.Example); c != 0 {
			return c
		}
		return strings.Compare(a.Key, b.Key)
	})
	return vs
}

// sortedClasses: most frequent first, then by smallest example (two
// classes never share an example).
func (rep *Report) sortedClasses() []*Class {
	cs := slices.Clone(rep.Classes)
	slices.SortFunc(cs, func(a, b *Class) int {
		if a.Runs != b.Runs {
			return b.Runs - a.Runs
		}
		return exampleOrder(a.Example, b.Example)
	})
	return cs
}

// Write prints the report for a person, in p's language.
func (rep *Report) Write(w io.Writer, name string, cfg *sim.Config, p *msg.Printer) error {
	var b strings.Builder
	rep.writeHead(&b, name, p)
	b.WriteString("\n" + p.T(msg.ExploreClasses, nil) + "\n")
	n := 0
	for _, c := range rep.sortedClasses() {
		n++
		o := c.Outcome
		line(&b, 2, p.T(msg.ExploreClass, msg.Args{"N": n, "Runs": c.Runs, "A": o.Final[0].String(), "B": o.Final[1].String(), "Data": o.dataText(p)}))
		line(&b, 6, p.T(msg.ExploreErrorsLine, msg.Args{"A": errorsText(o.Errors[0], p), "B": errorsText(o.Errors[1], p)}))
		if c.MinClose >= 0 {
			line(&b, 6, p.T(msg.ExploreCloseTook, msg.Args{"Min": c.MinClose.String(), "Max": c.MaxClose.String()}))
		}
		writeExample(&b, cfg, c.Example, p)
	}
	b.WriteString("\n" + p.T(msg.ExploreInvariants, nil) + "\n")
	if len(rep.Violations) == 0 {
		line(&b, 2, p.T(msg.ExploreHeld, msg.Args{"Runs": rep.Runs}))
		for _, id := range []msg.ID{msg.ExploreHeldSndUna, msg.ExploreHeldOnce, msg.ExploreHeldEnds, msg.ExploreHeldAgree, msg.ExploreHeldClosed} {
			line(&b, 2, "- "+p.T(id, nil))
		}
	}
	for _, v := range rep.sortedViolations() {
		n++
		line(&b, 2, p.T(msg.ExploreViolated, msg.Args{"N": n, "Runs": v.Runs, "What": violationText(v, p)}))
		writeExample(&b, cfg, v.Example, p)
	}
	rep.writeCoverage(&b, p)
	_, err := io.WriteString(w, b.String())
	return err
}

// line writes s indented by n spaces.
func line(b *strings.Builder, n int, s string) {
	b.WriteString(strings.Repeat(" ", n) + s + "\n")
}

// writeHead: what was explored, how many runs, and what was left out.
func (rep *Report) writeHead(b *strings.Builder, name string, p *msg.Printer) {
	o := &rep.Opt
	line(b, 0, p.T(msg.ExploreHead, msg.Args{"Name": name, "Drops": o.Drops}))
	if o.Dups > 0 || o.Reorders > 0 {
		line(b, 0, p.T(msg.ExploreHeadFaults, msg.Args{"Dups": o.Dups, "Reorders": o.Reorders}))
	}
	if o.Crash {
		line(b, 0, p.T(msg.ExploreHeadCrash, nil))
	}
	var list []string
	for k, n := range rep.ByDrops {
		switch {
		case k == 0 && (o.Dups+o.Reorders > 0 || o.Crash):
			list = append(list, p.T(msg.ExploreBy0Faults, msg.Args{"N": n}))
		case k == 0:
			list = append(list, p.T(msg.ExploreBy0Lost, msg.Args{"N": n}))
		case o.Dups+o.Reorders > 0 || o.Crash:
			list = append(list, p.T(msg.ExploreByKFaults, msg.Args{"N": n, "K": k}))
		default:
			list = append(list, p.T(msg.ExploreByK, msg.Args{"N": n, "K": k}))
		}
	}
	crashed := ""
	if o.Crash {
		crashed = p.T(msg.ExploreCrashed, msg.Args{"N": rep.Crashed})
	}
	line(b, 0, p.T(msg.ExploreRuns, msg.Args{"Runs": rep.Runs, "List": strings.Join(list, p.T(msg.ExploreSep, nil)), "Crashed": crashed}))
	then := func(id msg.ID, args msg.Args) {
		line(b, 0, p.T(msg.ExploreMaxTrans, msg.Args{"N": rep.MaxTrans, "Then": p.T(id, args)}))
	}
	switch {
	case rep.Cancelled:
		then(msg.ExploreStopped, nil)
		line(b, 0, p.T(msg.ExploreStoppedMore, nil))
	case rep.Cut > 0:
		then(msg.ExploreCut, msg.Args{"Limit": o.Limit})
		line(b, 2, p.T(msg.ExploreCutRuns, msg.Args{"N": rep.Cut, "K": len(rep.ByDrops) - 1}))
		if rep.Unexpanded > 0 {
			line(b, 2, p.T(msg.ExploreUnexpanded, msg.Args{"N": rep.Unexpanded}))
		}
	default:
		then(msg.ExploreExhaustive, nil)
	}
}

// violationText: the first violating run's own words, with its figures,
// in p's language.
func violationText(v *Violation, p *msg.Printer) string {
	if p.Lang() == "en" || v.Words == "" {
		return v.What
	}
	return p.T(v.Words, v.Args)
}

// InvariantText names a violation by its key (check.go), in p's words.
func InvariantText(key string, p *msg.Printer) string {
	switch {
	case key == "snd.una":
		return p.T(msg.XvInvSndUna, nil)
	case key == "data-ahead":
		return p.T(msg.XvInvAhead, nil)
	case key == "limit":
		return p.T(msg.XvInvLimit, nil)
	case key == "until":
		return p.T(msg.XvInvUntil, nil)
	case key == "disagree":
		return p.T(msg.XvInvDisagree, nil)
	case strings.HasPrefix(key, "stuck ") && len(key) > 7:
		return p.T(msg.XvInvStuck, msg.Args{"Side": key[6:7], "State": key[7:]})
	}
	return p.T(msg.XvInvOther, msg.Args{"Key": key})
}

func (rep *Report) writeCoverage(b *strings.Builder, p *msg.Printer) {
	b.WriteString("\n" + p.T(msg.XvCoverage, msg.Args{"N": count(rep.Rows), "Total": len(fsm.Table) - 1}) + "\n")
	for i := 1; i < len(rep.Rows); i++ {
		if rep.Rows[i] {
			r := &fsm.Table[i]
			fmt.Fprintf(b, "  %-44s RFC 9293 §%s\n", r.Name(), r.RFC)
		}
	}
}

func writeExample(b *strings.Builder, cfg *sim.Config, ex Example, p *msg.Printer) {
	if len(ex.Faults) == 0 && !ex.Crash.Set() {
		line(b, 6, p.T(msg.ExploreExNone, nil))
		return
	}
	line(b, 6, p.T(msg.ExploreEx, nil))
	for _, d := range Describe(cfg, ex, p) {
		for _, l := range strings.Split(d, "\n") {
			line(b, 8, l)
		}
	}
}

// Describe reruns cfg with the faults of an example and names each
// transmission lost, duplicated or reordered, and the crash, in p's words.
func Describe(cfg *sim.Config, ex Example, p *msg.Printer) []string {
	picks := ex.Faults
	c := withPattern(cfg, picks, ex.Crash)
	tr := sim.Run(&c)
	var out []string
	var state [2]fsm.State
	for i := range tr.Events {
		ev := &tr.Events[i]
		if ev.Kind == trace.KUser && ev.Op == trace.OpCrash && ex.Crash.Set() && ev.T == ex.Crash.At && ev.Side == ex.Crash.Side {
			out = append(out, p.T(msg.ExploreCrashAt, msg.Args{"Side": ev.Side.Upper(), "T": ev.T.String(), "Before": (ev.T - 1).String()})+
				"\n  "+p.T(msg.ExploreForgets, msg.Args{"State": state[ev.Side].String()}))
		}
		if ev.Kind == trace.KState {
			state[ev.Side] = ev.To
		}
		if ev.Kind != trace.KSend {
			continue
		}
		var id msg.ID
		switch {
		case ev.Lost && slices.Contains(picks, mkPick(ev.ID, kindDrop)):
			id = msg.ExploreLose
		case slices.Contains(picks, mkPick(ev.ID, kindDup)):
			id = msg.ExploreDup
		case slices.Contains(picks, mkPick(ev.ID, kindReorder)):
			id = msg.ExploreReorder
		default:
			continue
		}
		how := p.T(msg.ExploreSentIn, msg.Args{"State": ev.From.String()})
		for _, n := range trace.SendNotes(ev) { // the ladder's words for why it was sent
			how = p.T(msg.ExploreSemi, msg.Args{"A": how, "B": p.Say(n)})
		}
		out = append(out, p.T(id, msg.Args{"N": ev.ID + 1, "T": ev.T.String(), "Seg": segText(ev)})+"\n  "+how)
	}
	return out
}

// segText is a segment in protocol tokens: the same in every language.
func segText(ev *trace.Event) string {
	s := fmt.Sprintf("%s->%s %s seq=%d", ev.Side.Upper(), ev.Side.Peer().Upper(), ev.Seg.Flags, ev.Seg.Seq)
	if ev.Seg.Flags&fsm.ACK != 0 {
		s += fmt.Sprintf(" ack=%d", ev.Seg.Ack)
	}
	if ev.Seg.Len > 0 {
		s += fmt.Sprintf(" len=%d", ev.Seg.Len)
	}
	return s
}

// withFaults is cfg with the picks' faults added.
func withFaults(cfg *sim.Config, picks []int32) sim.Config {
	return withPattern(cfg, picks, Crash{})
}

// withPattern is cfg with the picks' faults added and the crash appended
// to the timeline.
func withPattern(cfg *sim.Config, picks []int32, crash Crash) sim.Config {
	c := *cfg
	c.Faults = slices.Clone(cfg.Faults)
	for _, p := range picks {
		c.Faults = append(c.Faults, pickFault(p))
	}
	if crash.Set() {
		c.Timeline = append(slices.Clip(cfg.Timeline), crash.action())
	}
	return c
}
