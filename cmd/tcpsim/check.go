package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/tcpsim/tcpsim/msg"

	"github.com/spf13/cobra"

	"github.com/tcpsim/tcpsim/lesson"
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
		// Long: the catalogue's (longIDs, help.go).
		Example: `  tcpsim check
  tcpsim check lost-fin mine.yaml -v`,
		ValidArgsFunction: completeScenarios,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, p, err := language(cmd)
			if err != nil {
				return err
			}
			scens, lessons := splitLessons(args) // learn.go
			var list []*scenarios.Scenario
			invalid := false
			if len(scens) > 0 || len(args) == 0 {
				list, invalid = checkList(cmd, scens)
			}
			c := checker{w: cmd.OutOrStdout(), p: p, verbose: verbose}
			c.color = useColor(c.w)
			for _, sc := range list {
				if err := c.one(cmd, sc, &limits); err != nil {
					return err
				}
			}
			badLesson := c.checkLessons(cmd, lessons, len(args) == 0)
			return c.summary(invalid || badLesson)
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
	var le *lesson.CheckError
	if errors.As(err, &le) {
		return le.ErrorIn(p)
	}
	return err.Error()
}

// checkList resolves the arguments (every bundled scenario when there are
// none), reporting each that cannot be loaded.
func checkList(cmd *cobra.Command, args []string) ([]*scenarios.Scenario, bool) {
	ew := cmd.ErrOrStderr()
	ecolor := useColor(ew)
	var list []*scenarios.Scenario
	invalid := false
	if len(args) == 0 {
		list = scenarios.Bundled()
	}
	for _, a := range args {
		sc, err := lookup(cmd, a)
		if err != nil {
			printError(ew, err, ecolor, errPrinter(cmd))
			invalid = true
			continue
		}
		list = append(list, sc)
	}
	return list, invalid
}

// checker runs scenarios for tcpsim check and counts what became of them.
type checker struct {
	w                             io.Writer
	p                             *msg.Printer
	color, verbose                bool
	passed, failed, none, stopped int
}

// one runs a scenario and prints its line (and, verbose, each expectation).
func (c *checker) one(cmd *cobra.Command, sc *scenarios.Scenario, limits *limitFlags) error {
	w, p, color := c.w, c.p, c.color
	if len(sc.Expect) == 0 {
		c.none++
		fmt.Fprintf(w, "%s  %s\n", paint(color, dim, "--  "), p.T(msg.CheckNone, msg.Args{"Name": sc.Name}))
		return nil
	}
	if err := limits.apply(cmd, sc.Config); err != nil {
		return err
	}
	tr, stop := sim.RunLimited(sc.Config)
	err := sc.Check(tr)
	if stop != nil {
		c.stopped++
		fmt.Fprintf(w, "%s  %s\n      %s\n", paint(color, red, "STOP"), sc.Name, stop)
	} else if err == nil {
		c.passed++
		fmt.Fprintf(w, "%s  %s\n", paint(color, green, "ok  "), sc.Name)
	} else {
		c.failed++
		fmt.Fprintf(w, "%s  %s\n      %s\n", paint(color, red, "FAIL"), sc.Name, checkError(err, p))
	}
	if c.verbose {
		for i := range sc.Expect {
			x := &sc.Expect[i]
			mark := "✓"
			if x.Test(tr) != "" {
				mark = "✗"
			}
			fmt.Fprintf(w, "      %s %s\n", mark, x.WhatIn(p))
		}
	}
	return nil
}

// summary prints the totals and picks the exit status: invalid input, then
// a limit, then a failed expectation.
func (c *checker) summary(invalid bool) error {
	w, p := c.w, c.p
	fmt.Fprint(w, "\n"+p.T(msg.CheckSummary, msg.Args{"Passed": c.passed, "Failed": c.failed}))
	if c.stopped > 0 {
		fmt.Fprint(w, p.T(msg.CheckStopped, msg.Args{"N": c.stopped}))
	}
	if c.none > 0 {
		fmt.Fprint(w, p.T(msg.CheckWithout, msg.Args{"N": c.none}))
	}
	fmt.Fprintln(w)
	switch {
	case invalid:
		return &exitError{code: exitUsage, err: errors.New("invalid scenario"), quiet: true}
	case c.stopped > 0:
		return &exitError{code: exitLimit, err: fmt.Errorf("%d scenarios stopped by a limit", c.stopped), quiet: true}
	case c.failed > 0:
		return &exitError{code: exitFailed, err: fmt.Errorf("%d scenarios failed", c.failed), quiet: true}
	}
	return nil
}
