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
	Key     string // which invariant, and for "stuck" which side and state
	What    string // the first violating run's words
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
	rep.Arcs.merge(&res.arcs)
	ex := Example{Faults: res.drops, Crash: res.crash, End: res.end}
	rep.addClass(&Class{Outcome: res.outcome, Runs: 1, Example: ex, MinClose: res.closeDur, MaxClose: res.closeDur})
	for _, v := range res.violations {
		rep.addViolation(&Violation{Key: v.key, What: v.what, Runs: 1, Example: ex})
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
		v = &Violation{Key: n.Key, What: n.What, Example: cloneEx(n.Example)}
		rep.violIdx[n.Key] = v
		rep.Violations = append(rep.Violations, v)
	} else if exampleOrder(n.Example, v.Example) < 0 {
		v.What, v.Example = n.What, cloneEx(n.Example)
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

// Write prints the report for a person.
func (rep *Report) Write(w io.Writer, name string, cfg *sim.Config) error {
	var b strings.Builder
	fmt.Fprintf(&b, "explore %s: every pattern of up to %d lost transmissions\n", name, rep.Opt.Drops)
	if rep.Opt.Dups > 0 || rep.Opt.Reorders > 0 {
		fmt.Fprintf(&b, "and up to %d duplicated, %d reordered (one fault a transmission)\n", rep.Opt.Dups, rep.Opt.Reorders)
	}
	if rep.Opt.Crash {
		b.WriteString("and at most one crash (reboot) of either end, just after any instant\n")
	}
	fmt.Fprintf(&b, "%d distinct runs: ", rep.Runs)
	for k, n := range rep.ByDrops {
		if k > 0 {
			b.WriteString(", ")
		}
		if k == 0 && (rep.Opt.Dups+rep.Opt.Reorders > 0 || rep.Opt.Crash) {
			fmt.Fprintf(&b, "%d with 0 faults", n)
		} else if k == 0 {
			fmt.Fprintf(&b, "%d with 0 lost", n)
		} else {
			fmt.Fprintf(&b, "%d with %d", n, k)
		}
	}
	if rep.Opt.Crash {
		fmt.Fprintf(&b, " (%d with a crash)", rep.Crashed)
	}
	fmt.Fprintf(&b, "\nat most %d transmissions in a run; ", rep.MaxTrans)
	switch {
	case rep.Cancelled:
		b.WriteString("INTERRUPTED:\nthe figures cover only the runs done\n")
	case rep.Cut > 0:
		fmt.Fprintf(&b, "--limit %d cut:\n  %d runs with %d lost were not run\n", rep.Opt.Limit, rep.Cut, len(rep.ByDrops)-1)
		if rep.Unexpanded > 0 {
			fmt.Fprintf(&b, "  %d runs with one loss more (below the runs done) were not generated\n", rep.Unexpanded)
		}
	default:
		b.WriteString("none skipped (exhaustive)\n")
	}
	b.WriteString("\nOutcome classes\n")
	n := 0
	for _, c := range rep.sortedClasses() {
		n++
		o := c.Outcome
		fmt.Fprintf(&b, "  [%d] %d runs: A %s, B %s; %s\n", n, c.Runs, o.Final[0], o.Final[1], o.dataText())
		fmt.Fprintf(&b, "      errors: A %s, B %s\n", o.Errors[0], o.Errors[1])
		if c.MinClose >= 0 {
			fmt.Fprintf(&b, "      close took %s to %s\n", c.MinClose, c.MaxClose)
		}
		writeExample(&b, cfg, c.Example)
	}
	b.WriteString("\nInvariants\n")
	if len(rep.Violations) == 0 {
		fmt.Fprintf(&b, "  all held in all %d runs:\n", rep.Runs)
		b.WriteString("  - SND.UNA =< SND.NXT at every event\n")
		b.WriteString("  - data arrives once, never ahead of what the peer sent\n")
		b.WriteString("  - every run ends (no limit reached, nothing left queued)\n")
		b.WriteString("  - both ESTABLISHED and quiet: the sequence spaces agree\n")
		b.WriteString("  - both applications closed: each end reaches CLOSED or is told an error\n")
	}
	for _, v := range rep.sortedViolations() {
		n++
		fmt.Fprintf(&b, "  [%d] VIOLATED in %d runs: %s\n", n, v.Runs, v.What)
		writeExample(&b, cfg, v.Example)
	}
	rep.writeCoverage(&b)
	_, err := io.WriteString(w, b.String())
	return err
}

func (rep *Report) writeCoverage(b *strings.Builder) {
	fmt.Fprintf(b, "\nCoverage: %d of %d fsm rows fired\n", count(rep.Rows), len(fsm.Table)-1)
	for i := 1; i < len(rep.Rows); i++ {
		if rep.Rows[i] {
			r := &fsm.Table[i]
			fmt.Fprintf(b, "  %-44s RFC 9293 §%s\n", r.Name(), r.RFC)
		}
	}
}

func writeExample(b *strings.Builder, cfg *sim.Config, ex Example) {
	if len(ex.Faults) == 0 && !ex.Crash.Set() {
		b.WriteString("      smallest example: no fault\n")
		return
	}
	b.WriteString("      smallest example:\n")
	for _, d := range Describe(cfg, ex) {
		for _, line := range strings.Split(d, "\n") {
			fmt.Fprintf(b, "        %s\n", line)
		}
	}
}

// Describe reruns cfg with the faults of an example and names each
// transmission lost, duplicated or reordered, and the crash.
func Describe(cfg *sim.Config, ex Example) []string {
	p := msg.English()
	picks := ex.Faults
	c := withPattern(cfg, picks, ex.Crash)
	tr := sim.Run(&c)
	var out []string
	var state [2]fsm.State
	for i := range tr.Events {
		ev := &tr.Events[i]
		if ev.Kind == trace.KUser && ev.Op == trace.OpCrash && ex.Crash.Set() && ev.T == ex.Crash.At && ev.Side == ex.Crash.Side {
			out = append(out, fmt.Sprintf("crash %s at t=%s (just after %s)\n  it was in %s; it forgets the connection (RFC 9293 §3.5.1)", ev.Side.Upper(), ev.T, ev.T-1, state[ev.Side]))
		}
		if ev.Kind == trace.KState {
			state[ev.Side] = ev.To
		}
		if ev.Kind != trace.KSend {
			continue
		}
		verb := ""
		switch {
		case ev.Lost && slices.Contains(picks, mkPick(ev.ID, kindDrop)):
			verb = "lose "
		case slices.Contains(picks, mkPick(ev.ID, kindDup)):
			verb = "duplicate "
		case slices.Contains(picks, mkPick(ev.ID, kindReorder)):
			verb = "reorder "
		default:
			continue
		}
		what := verb + fmt.Sprintf("#%d at t=%s: %s->%s %s seq=%d", ev.ID+1, ev.T, ev.Side.Upper(), ev.Side.Peer().Upper(), ev.Seg.Flags, ev.Seg.Seq)
		if ev.Seg.Flags&fsm.ACK != 0 {
			what += fmt.Sprintf(" ack=%d", ev.Seg.Ack)
		}
		if ev.Seg.Len > 0 {
			what += fmt.Sprintf(" len=%d", ev.Seg.Len)
		}
		how := fmt.Sprintf("sent in %s", ev.From)
		for _, n := range trace.SendNotes(ev) { // the ladder's words for why it was sent
			how += "; " + p.Say(n)
		}
		out = append(out, what+"\n  "+how)
	}
	return out
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
