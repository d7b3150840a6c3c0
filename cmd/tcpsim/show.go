package main

import (
	"bytes"

	"github.com/spf13/cobra"
)

// The bundled files point editors at the schema by a path that is right
// inside the repository only. What show prints is meant to be saved
// anywhere, so it points at the schema's published copy instead: the
// file in the repository of the module (go.mod: github.com/tcpsim/tcpsim).
const (
	repoSchemaLine = "# yaml-language-server: $schema=../docs/scenario.schema.json\n"
	schemaURL      = "https://raw.githubusercontent.com/tcpsim/tcpsim/main/docs/scenario.schema.json"
	urlSchemaLine  = "# yaml-language-server: $schema=" + schemaURL + "\n"
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
			_, err = cmd.OutOrStdout().Write(portableSchema(sc.Source))
			return err
		},
	}
}

// portableSchema replaces the repository-relative schema comment of a
// bundled file with the schema's URL; any other file is printed as is.
func portableSchema(src []byte) []byte {
	if rest, ok := bytes.CutPrefix(src, []byte(repoSchemaLine)); ok {
		return append([]byte(urlSchemaLine), rest...)
	}
	return src
}
