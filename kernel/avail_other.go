//go:build !linux

package kernel

import (
	"context"
	"errors"

	"github.com/tcpsim/tcpsim/sim"
)

// Available says whether this machine can run scenarios on its kernel.
func Available() error {
	return errors.New("tcpsim real needs Linux (network namespaces, nftables, tcpdump)")
}

// Run fails off Linux.
func Run(context.Context, *sim.Config, Options) (*Result, error) { return nil, Available() }

// Sweep has nothing to do off Linux.
func Sweep() []string { return nil }
