package main

import (
	"github.com/spf13/cobra"
)

func newShowCmd() *cobra.Command {
	return &cobra.Command{
		Use:               "show NAME|FILE",
		Short:             "Print a scenario's YAML, ready to copy and edit",
		Example:           "  tcpsim show lost-fin > my-lost-fin.yaml",
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: completeScenarios,
		RunE: func(cmd *cobra.Command, args []string) error {
			if isLesson(args[0]) { // learn.go
				return showLesson(cmd, args[0])
			}
			sc, err := lookup(cmd, args[0])
			if err != nil {
				return err
			}
			_, err = cmd.OutOrStdout().Write(sc.Source)
			return err
		},
	}
}
