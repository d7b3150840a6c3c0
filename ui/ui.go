// Package ui is tcpsim's terminal lab (Bubble Tea v2).
package ui

import (
	"errors"

	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
)

// Options are the outside services the TUI may call.
type Options struct {
	// Export writes the trace as a capture file (pcap or pcapng by extension).
	Export func(tr *sim.Trace, path string) error
}

// Run opens the lab on a scenario and returns when the user quits.
func Run(sc *scenarios.Scenario, opts Options) error {
	return errors.New("the TUI is not built yet")
}
