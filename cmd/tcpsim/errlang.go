package main

import (
	"github.com/spf13/cobra"

	"github.com/tcpsim/tcpsim/msg"
)

// errPrinter is the language problems are explained in: --lang or the
// environment's, English when that cannot be told (a bad --lang, no
// command).
func errPrinter(cmd *cobra.Command) *msg.Printer {
	if cmd == nil {
		return msg.English()
	}
	if _, p, err := language(cmd); err == nil {
		return p
	}
	return msg.English()
}
