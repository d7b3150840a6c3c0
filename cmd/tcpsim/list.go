package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/tcpsim/tcpsim/scenarios"
)

func newListCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the bundled scenarios",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			l, _, err := language(cmd)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			color := useColor(w)
			all := scenarios.Bundled()
			width := 0
			for _, sc := range all {
				width = max(width, len(sc.Name))
			}
			for _, sc := range all {
				fmt.Fprintf(w, "%s  %s\n", paint(color, bold, fmt.Sprintf("%-*s", width, sc.Name)), sc.TitleIn(l))
			}
			return nil
		},
	}
}
