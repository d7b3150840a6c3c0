package explore

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/sim"
)

// Entry is one scenario of a library exploration.
type Entry struct {
	Name string
	Cfg  *sim.Config
	Rep  *Report
}

// Library is the exploration of many scenarios (tcpsim explore --all),
// in the order given.
type Library struct {
	Opt       Options
	Entries   []Entry
	Cancelled bool
}

// ExploreAll explores each scenario in turn, each with every worker: the
// result is as deterministic as each report.
func ExploreAll(ctx context.Context, names []string, cfgs []*sim.Config, opt Options) *Library {
	lib := &Library{Opt: opt}
	for i, cfg := range cfgs {
		if ctx.Err() != nil {
			lib.Cancelled = true
			break
		}
		rep := Explore(ctx, cfg, opt)
		lib.Entries = append(lib.Entries, Entry{Name: names[i], Cfg: cfg, Rep: rep})
		lib.Cancelled = lib.Cancelled || rep.Cancelled
	}
	return lib
}

// Violated says whether any run of any scenario broke an invariant.
func (lib *Library) Violated() bool {
	for _, e := range lib.Entries {
		if len(e.Rep.Violations) > 0 {
			return true
		}
	}
	return false
}

// Rows is the union of the rows every scenario fired.
func (lib *Library) Rows() []bool {
	rows := make([]bool, len(fsm.Table))
	for _, e := range lib.Entries {
		for i, f := range e.Rep.Rows {
			rows[i] = rows[i] || f
		}
	}
	return rows
}

// Write prints one line per scenario, every violation with its smallest
// example, and the fsm rows no scenario reached.
func (lib *Library) Write(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "explore --all: %d bundled scenarios, %s\n", len(lib.Entries), lib.Opt.faultsText())
	if lib.Cancelled {
		b.WriteString("INTERRUPTED: the figures cover only the scenarios and runs done\n")
	}
	fmt.Fprintf(&b, "\n%-28s %8s %8s %10s %6s\n", "scenario", "runs", "classes", "violations", "rows")
	total, bad := 0, 0
	for _, e := range lib.Entries {
		cut := ""
		if e.Rep.Cut > 0 {
			cut = fmt.Sprintf("  --limit cut %d runs", e.Rep.Cut+e.Rep.Unexpanded)
		}
		fmt.Fprintf(&b, "%-28s %8d %8d %10d %6d%s\n", e.Name, e.Rep.Runs, len(e.Rep.Classes), len(e.Rep.Violations), count(e.Rep.Rows), cut)
		total += e.Rep.Runs
		bad += len(e.Rep.Violations)
	}
	fmt.Fprintf(&b, "%-28s %8d\n", "total", total)
	b.WriteString("\nInvariants\n")
	if bad == 0 {
		fmt.Fprintf(&b, "  all held in all %d runs\n", total)
	}
	for _, e := range lib.Entries {
		for _, v := range e.Rep.sortedViolations() {
			fmt.Fprintf(&b, "  %s: VIOLATED in %d runs: %s\n", e.Name, v.Runs, v.What)
			writeExample(&b, e.Cfg, v.Example, msg.English())
		}
	}
	rows := lib.Rows()
	fmt.Fprintf(&b, "\nCoverage: %d of %d fsm rows fired by some scenario; not reached:\n", count(rows), len(fsm.Table)-1)
	for i := 1; i < len(rows); i++ {
		if !rows[i] {
			r := &fsm.Table[i]
			fmt.Fprintf(&b, "  %-44s RFC 9293 §%s\n", r.Name(), r.RFC)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func count(rows []bool) int {
	n := 0
	for i := 1; i < len(rows); i++ {
		if rows[i] {
			n++
		}
	}
	return n
}

// faultsText says which faults the exploration tried.
func (opt Options) faultsText() string {
	s := fmt.Sprintf("up to %d lost", opt.Drops)
	if opt.Dups > 0 || opt.Reorders > 0 {
		s += fmt.Sprintf(", %d duplicated, %d reordered", opt.Dups, opt.Reorders)
	}
	if opt.Crash {
		s += ", one crash"
	}
	return s + " per run"
}
