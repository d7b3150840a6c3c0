package main

import (
	"errors"
	"fmt"
	"github.com/tcpsim/tcpsim/msg"

	"github.com/spf13/cobra"

	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
)

func newCheckCmd() *cobra.Command {
	var (
		verbose bool
		limits  limitFlags
	)
	cmd := &cobra.Command{
		Use:   "check [NAME|FILE...]",
		Short: "Run scenarios and check their expectations",
		Long: `Run each scenario and check what its expect: section says must happen.
With no arguments, check every bundled scenario. Prints ok or FAIL per
scenario with the first unmet expectation, or STOP with the limit that
stopped a run.`,
		Example: `  tcpsim check
  tcpsim check lost-fin mine.yaml -v`,
		ValidArgsFunction: completeScenarios,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, p, err := language(cmd)
			if err != nil {
				return err
			}
			w, ew := cmd.OutOrStdout(), cmd.ErrOrStderr()
			color, ecolor := useColor(w), useColor(ew)
			var list []*scenarios.Scenario
			invalid := false
			if len(args) == 0 {
				list = scenarios.Bundled()
			}
			for _, a := range args {
				sc, err := lookup(cmd, a)
				if err != nil {
					printError(ew, err, ecolor)
					invalid = true
					continue
				}
				list = append(list, sc)
			}
			passed, failed, none, stopped := 0, 0, 0, 0
			for _, sc := range list {
				if len(sc.Expect) == 0 {
					none++
					fmt.Fprintf(w, "%s  %s\n", paint(color, dim, "--  "), p.T(msg.CheckNone, msg.Args{"Name": sc.Name}))
					continue
				}
				if err := limits.apply(cmd, sc.Config); err != nil {
					return err
				}
				tr, stop := sim.RunLimited(sc.Config)
				err := sc.Check(tr)
				if stop != nil {
					stopped++
					fmt.Fprintf(w, "%s  %s\n      %s\n", paint(color, red, "STOP"), sc.Name, stop)
				} else if err == nil {
					passed++
					fmt.Fprintf(w, "%s  %s\n", paint(color, green, "ok  "), sc.Name)
				} else {
					failed++
					fmt.Fprintf(w, "%s  %s\n      %s\n", paint(color, red, "FAIL"), sc.Name, checkError(err, p))
				}
				if verbose {
					for i := range sc.Expect {
						x := &sc.Expect[i]
						mark := "✓"
						if x.Test(tr) != "" {
							mark = "✗"
						}
						fmt.Fprintf(w, "      %s %s\n", mark, x.WhatIn(p))
					}
				}
			}
			fmt.Fprint(w, "\n"+p.T(msg.CheckSummary, msg.Args{"Passed": passed, "Failed": failed}))
			if stopped > 0 {
				fmt.Fprint(w, p.T(msg.CheckStopped, msg.Args{"N": stopped}))
			}
			if none > 0 {
				fmt.Fprint(w, p.T(msg.CheckWithout, msg.Args{"N": none}))
			}
			fmt.Fprintln(w)
			switch {
			case invalid:
				return &exitError{code: exitUsage, err: errors.New("invalid scenario"), quiet: true}
			case stopped > 0:
				return &exitError{code: exitLimit, err: fmt.Errorf("%d scenarios stopped by a limit", stopped), quiet: true}
			case failed > 0:
				return &exitError{code: exitFailed, err: fmt.Errorf("%d scenarios failed", failed), quiet: true}
			}
			return nil
		},
	}
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "list every expectation with its result")
	limits.add(cmd)
	return cmd
}

// checkError is an unmet expectation in p's language.
func checkError(err error, p *msg.Printer) string {
	var ce *scenarios.CheckError
	if errors.As(err, &ce) {
		return ce.ErrorIn(p)
	}
	return err.Error()
}
