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
// example, and the fsm rows no scenario reached, in p's language.
func (lib *Library) Write(w io.Writer, p *msg.Printer) error {
	var b strings.Builder
	line(&b, 0, p.T(msg.ExploreAllHead, msg.Args{"N": len(lib.Entries), "Faults": lib.Opt.faultsText(p)}))
	if lib.Cancelled {
		line(&b, 0, p.T(msg.ExploreAllStopped, nil))
	}
	col := func(id msg.ID) string { return p.T(id, nil) }
	fmt.Fprintf(&b, "\n%s %s %s %s %s\n", padRight(col(msg.ExploreColScenario), 28), padLeft(col(msg.SweepColRuns), 8), padLeft(col(msg.ExploreColClasses), 8),
		padLeft(col(msg.ExploreColViolations), 10), padLeft(col(msg.ExploreColRows), 6))
	total, bad := 0, 0
	for _, e := range lib.Entries {
		cut := ""
		if e.Rep.Cut > 0 {
			cut = "  " + p.T(msg.ExploreAllCut, msg.Args{"N": e.Rep.Cut + e.Rep.Unexpanded})
		}
		fmt.Fprintf(&b, "%-28s %8d %8d %10d %6d%s\n", e.Name, e.Rep.Runs, len(e.Rep.Classes), len(e.Rep.Violations), count(e.Rep.Rows), cut)
		total += e.Rep.Runs
		bad += len(e.Rep.Violations)
	}
	fmt.Fprintf(&b, "%s %8d\n", padRight(col(msg.ExploreAllTotal), 28), total)
	b.WriteString("\n" + col(msg.ExploreInvariants) + "\n")
	if bad == 0 {
		line(&b, 2, p.T(msg.ExploreAllHeld, msg.Args{"Runs": total}))
	}
	for _, e := range lib.Entries {
		for _, v := range e.Rep.sortedViolations() {
			line(&b, 2, p.T(msg.ExploreAllViolated, msg.Args{"Name": e.Name, "Runs": v.Runs, "What": violationText(v, p)}))
			writeExample(&b, e.Cfg, v.Example, p)
		}
	}
	rows := lib.Rows()
	b.WriteString("\n" + p.T(msg.ExploreAllCoverage, msg.Args{"N": count(rows), "Total": len(fsm.Table) - 1}) + "\n")
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
func (opt Options) faultsText(p *msg.Printer) string {
	list := []string{p.T(msg.ExploreAllLost, msg.Args{"N": opt.Drops})}
	if opt.Dups > 0 || opt.Reorders > 0 {
		list = append(list, p.T(msg.ExploreAllDups, msg.Args{"Dups": opt.Dups, "Reorders": opt.Reorders}))
	}
	if opt.Crash {
		list = append(list, p.T(msg.ExploreAllCrash, nil))
	}
	return p.T(msg.ExploreAllPerRun, msg.Args{"List": strings.Join(list, p.T(msg.ExploreSep, nil))})
}
