package main

import (
	"fmt"
	"os"
	"os/signal"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/tcpsim/tcpsim/diagram"
	"github.com/tcpsim/tcpsim/explore"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
)

func init() { extraCommands = append(extraCommands, newExploreCmd) }

func newExploreCmd() *cobra.Command {
	var (
		opt     explore.Options
		open    int
		profile string
		all     bool
		states  string
	)
	cmd := &cobra.Command{
		Use:   "explore NAME|FILE",
		Short: "Run a scenario under every pattern of up to K lost segments",
		Long: `Run a scenario under every pattern of up to --drops K lost transmissions
(each transmission, retransmissions included, is delivered or lost) and
report the outcome classes with their smallest example, the invariants
checked on every run, and the fsm rows the runs fired. The search is
exhaustive; --limit caps it and says exactly what it cut. The report is
the same, byte for byte, whatever the number of cores.

Exit status 1 when an invariant was violated in some run, 130 when
interrupted (the report then covers the runs done).`,
		Example: `  tcpsim explore handshake --drops 1
  tcpsim explore lost-final-ack --drops 2
  tcpsim explore normal-close --drops 1 --crash
  tcpsim explore --all --drops 2
  tcpsim explore normal-close --drops 2 --open 3 > ex.yaml && tcpsim ex.yaml`,
		Args:              cobra.RangeArgs(0, 1),
		ValidArgsFunction: completeScenarios,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, p, err := language(cmd)
			if err != nil {
				return err
			}
			if err := checkExploreFlags(opt); err != nil {
				return err
			}
			if _, err := diagram.FormatForPath(states); states != "" && err != nil {
				return sayErr(msg.ExploreErrStates, msg.Args{"Q": strconv.Quote(states)}) // before the runs, not after
			}
			if all {
				return exploreAll(cmd, args, opt, profile, states, p)
			}
			if len(args) != 1 {
				return sayErr(msg.ExploreErrArgs, msg.Args{"N": len(args)})
			}
			sc, err := lookup(cmd, args[0])
			if err != nil {
				return err
			}
			if err := applyRunFlags(cmd, sc, 0, 0, 0, 0, profile); err != nil {
				return err
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt)
			defer stop()
			rep := explore.Explore(ctx, sc.Config, opt)
			if cmd.Flags().Changed("open") {
				return openExample(cmd, sc, rep, open, opt, p)
			}
			if states != "" {
				run := rep.StatesRun(p.T(msg.ExploreStatesTitle, msg.Args{"Name": sc.Name}))
				run.Caption = rep.StatesCaption(p)
				if err := diagram.WriteFile(states, run, diagram.Options{Lang: p}, true); err != nil {
					return ioError(err)
				}
			}
			if err := rep.Write(cmd.OutOrStdout(), sc.Name, sc.Config, p); err != nil {
				return ioError(err)
			}
			return exploreStatus(rep.Cancelled, len(rep.Violations) > 0)
		},
	}
	f := cmd.Flags()
	f.IntVar(&opt.Drops, "drops", 1, "lose up to this many transmissions per run")
	f.IntVar(&opt.Dups, "dups", 0, "also let the link duplicate up to this many transmissions per run")
	f.IntVar(&opt.Reorders, "reorder", 0, "also let the link hold back up to this many transmissions behind later ones")
	f.BoolVar(&opt.Crash, "crash", false, "also crash (reboot) either end once per run, just after any instant")
	f.IntVar(&opt.Limit, "limit", 0, "stop after this many runs (0: explore everything)")
	f.IntVar(&opt.Workers, "workers", 0, "runs at once (0: one per core); the report does not depend on it")
	f.BoolVar(&all, "all", false, "explore every bundled scenario: one line each, every violation, the fsm rows none reaches")
	f.StringVar(&states, "states", "", "also draw the state diagram with every arc the runs took highlighted (FILE.svg, .png or .mmd)")
	f.IntVar(&open, "open", 0, "print example N of the report as a scenario file (open it with tcpsim FILE)")
	f.StringVar(&profile, "profile", "", "behaviour profile: "+oneOfProfiles())
	return cmd
}

// openExample prints example n of the report as a scenario file.
func openExample(cmd *cobra.Command, sc *scenarios.Scenario, rep *explore.Report, n int, opt explore.Options, p *msg.Printer) error {
	exs := rep.Examples()
	if n < 1 || n > len(exs) {
		return sayErr(msg.ExploreErrOpen, msg.Args{"V": n, "N": len(exs)})
	}
	ex := exs[n-1]
	flags := fmt.Sprintf("--drops %d", opt.Drops)
	if opt.Crash {
		flags += " --crash"
	}
	note := p.T(msg.ExploreOpenNote, msg.Args{"Name": sc.Name, "Flags": flags, "N": n, "Label": exampleLabel(ex, p)}) + "\n" + p.T(msg.ExploreOpenHint, nil)
	out, err := explore.ScenarioYAML(sc.Source, sc.Config, ex, note)
	if err != nil {
		return fmt.Errorf("--open %d: %w", n, err)
	}
	_, err = cmd.OutOrStdout().Write(out)
	return ioError(err)
}

func exampleLabel(ex explore.Example, p *msg.Printer) string {
	switch {
	case len(ex.Faults) == 0 && !ex.Crash.Set():
		return p.T(msg.ExploreOpenNone, nil)
	case ex.Crash.Set():
		return p.T(msg.ExploreOpenCrash, msg.Args{"N": len(ex.Faults), "Side": ex.Crash.Side.Upper(), "T": ex.Crash.At.String()})
	}
	return p.T(msg.ExploreOpenLost, msg.Args{"N": len(ex.Faults)})
}

func checkExploreFlags(opt explore.Options) error {
	for _, f := range []struct {
		name string
		v    int
	}{{"drops", opt.Drops}, {"dups", opt.Dups}, {"reorder", opt.Reorders}} {
		if f.v < 0 || f.v > 8 {
			return sayErr(msg.ExploreErrFaults, msg.Args{"V": f.v, "Flag": f.name})
		}
	}
	if opt.Limit < 0 {
		return sayErr(msg.ExploreErrLimit, msg.Args{"V": opt.Limit})
	}
	return nil
}

// exploreAll explores every bundled scenario and prints one combined report.
func exploreAll(cmd *cobra.Command, args []string, opt explore.Options, profile, states string, p *msg.Printer) error {
	switch {
	case len(args) > 0:
		return sayErr(msg.ExploreErrAllArg, msg.Args{"Q": strconv.Quote(args[0])})
	case cmd.Flags().Changed("open"):
		return sayErr(msg.ExploreErrAllOpen, nil)
	}
	var names []string
	var cfgs []*sim.Config
	for _, sc := range scenarios.Bundled() {
		if err := applyRunFlags(cmd, sc, 0, 0, 0, 0, profile); err != nil {
			return err
		}
		names, cfgs = append(names, sc.Name), append(cfgs, sc.Config)
	}
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt)
	defer stop()
	lib := explore.ExploreAll(ctx, names, cfgs, opt)
	if states != "" {
		run, all := lib.StatesRun(p.T(msg.ExploreStatesTitleAll, msg.Args{"N": len(lib.Entries)}))
		run.Caption = all.StatesCaption(p)
		if err := diagram.WriteFile(states, run, diagram.Options{Lang: p}, true); err != nil {
			return ioError(err)
		}
	}
	if err := lib.Write(cmd.OutOrStdout(), p); err != nil {
		return ioError(err)
	}
	return exploreStatus(lib.Cancelled, lib.Violated())
}

// exploreStatus: the report said it all; the exit status repeats it.
func exploreStatus(cancelled, violated bool) error {
	switch {
	case cancelled:
		return &exitError{code: exitInterrupted, err: sayErr(msg.ExploreErrInterrupted, nil), quiet: true}
	case violated:
		return &exitError{code: exitFailed, err: sayErr(msg.ExploreErrViolated, nil), quiet: true}
	}
	return nil
}
