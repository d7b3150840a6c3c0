package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"
)

func newValidateCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check that scenario files load, without running them",
		// Long: the catalogue's (longIDs, help.go).
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			w, ew := cmd.OutOrStdout(), cmd.ErrOrStderr()
			color, ecolor := useColor(w), useColor(ew)
			bad := 0
			for _, a := range args {
				name, err := validateOne(cmd, a) // learn.go: a scenario or a lesson
				if err != nil {
					printError(ew, err, ecolor, errPrinter(cmd))
					bad++
					continue
				}
				fmt.Fprintf(w, "%s  %s (%s)\n", paint(color, green, "ok"), a, name)
			}
			if bad > 0 {
				return &exitError{code: exitUsage, err: errors.New("invalid scenario"), quiet: true}
			}
			return nil
		},
	}
}
