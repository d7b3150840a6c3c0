// Command tcpsim is an interactive terminal lab for TCP connection management.
package main

import (
	"fmt"
	"os"

	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
)

func main() {
	sc, err := scenarios.Lookup(scenarios.Default)
	if err != nil {
		fmt.Fprintln(os.Stderr, "tcpsim:", err)
		os.Exit(2)
	}
	if err := sim.WriteLadder(os.Stdout, sim.Run(sc.Config)); err != nil {
		os.Exit(1)
	}
}
