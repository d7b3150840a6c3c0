// Command gendoc writes docs/state-diagram.md from the fsm table.
package main

import (
	"fmt"
	"os"

	"github.com/tcpsim/tcpsim/fsm"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gendoc OUTPUT.md")
		os.Exit(2)
	}
	if err := os.WriteFile(os.Args[1], []byte(fsm.Markdown()), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
