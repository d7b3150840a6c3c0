package main

import (
	"errors"
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/tcpsim/tcpsim/replay"
	"github.com/tcpsim/tcpsim/sim"
)

// replayLimitFlags are the run budget's --max-memory and --max-events on
// the verbs that replay a capture (limits.go parses them).
func replayLimitFlags(cmd *cobra.Command) *limitFlags {
	l := &limitFlags{}
	f := cmd.Flags()
	d := sim.DefaultLimits
	f.IntVar(&l.events, "max-events", 0, fmt.Sprintf("stop a run after this many trace events (default %d)", d.Events))
	f.StringVar(&l.memory, "max-memory", "", fmt.Sprintf("stop a run whose trace holds this much memory (default %dMiB)", d.Memory>>20))
	cmd.Long += exitCodesHelp
	return l
}

// replayLimits is the budget the flags set over base.
func (l *limitFlags) replayLimits(cmd *cobra.Command, base sim.Limits) (sim.Limits, error) {
	cfg := sim.Config{Limits: base}
	err := l.apply(cmd, &cfg)
	return cfg.Limits, err
}

// softLimit tells the garbage collector the budget, so that what a
// stopped replay has dropped (other connections' frames, slices outgrown)
// is collected before the heap doubles past it.
func softLimit(l sim.Limits) {
	l = l.With(sim.DefaultLimits)
	debug.SetMemoryLimit(l.Memory + l.Memory/4 + 64<<20)
}

// replayError gives a replay the budget stopped exitLimit; other errors
// are sorted as a file's (ioError).
func replayError(err error) error {
	var stop *replay.LimitError
	if errors.As(err, &stop) {
		return &exitError{code: exitLimit, err: err}
	}
	return ioError(err)
}
