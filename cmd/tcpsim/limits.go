package main

import (
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/spf13/cobra"

	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/sim"
)

// Exit codes beyond root.go's: a run stopped by its budget, and a file
// that could not be read or written.
const (
	exitLimit = 3 // a run reached one of its limits (sim.Limits)
	exitIO    = 4 // reading or writing a file failed
)

// exitCodesHelp is appended to --help of every verb that runs scenarios
// (help.go puts it in the reader's language).
var exitCodesHelp = "\n\n" + msg.English().T(msg.CLIExitCodes, nil)

// limitFlags are --max-* on run, check and export; they override the
// scenario's limits: block.
type limitFlags struct {
	events, segments, inFlight int
	memory                     string
	time                       time.Duration
}

func (l *limitFlags) add(cmd *cobra.Command) {
	f := cmd.Flags()
	d := sim.DefaultLimits
	f.IntVar(&l.events, "max-events", 0, fmt.Sprintf("stop a run after this many trace events (default %d)", d.Events))
	f.IntVar(&l.segments, "max-segments", 0, fmt.Sprintf("stop a run after this many segments (default %d)", d.Segments))
	f.IntVar(&l.inFlight, "max-in-flight", 0, fmt.Sprintf("stop a run with this many segments on the link at once (default %d)", d.InFlight))
	f.StringVar(&l.memory, "max-memory", "", fmt.Sprintf("stop a run whose trace holds this much memory (default %dMiB)", d.Memory>>20))
	f.DurationVar(&l.time, "max-time", 0, fmt.Sprintf("stop a run at this virtual time (default %dh)", int(d.Time.Hours())))
	cmd.Long += exitCodesHelp
}

// apply overrides cfg's limits with the flags the user set.
func (l *limitFlags) apply(cmd *cobra.Command, cfg *sim.Config) error {
	set := cmd.Flags().Changed
	for _, n := range []struct {
		name string
		v    int
		dst  *int
	}{{"max-events", l.events, &cfg.Limits.Events}, {"max-segments", l.segments, &cfg.Limits.Segments}, {"max-in-flight", l.inFlight, &cfg.Limits.InFlight}} {
		if !set(n.name) {
			continue
		}
		if n.v < 1 {
			return fmt.Errorf("invalid argument %d for --%s: expected 1 or more", n.v, n.name)
		}
		*n.dst = n.v
	}
	if set("max-memory") {
		v, err := sim.ParseSize(l.memory)
		if err != nil {
			return fmt.Errorf("invalid argument %q for --max-memory: %v", l.memory, err)
		}
		cfg.Limits.Memory = v
	}
	if set("max-time") {
		if l.time <= 0 {
			return fmt.Errorf("invalid argument %s for --max-time: expected more than 0s", l.time)
		}
		cfg.Limits.Time = l.time
	}
	return nil
}

// limitError is the exit for a run its budget stopped.
func limitError(name string, stop *sim.LimitError) error {
	return &exitError{code: exitLimit, err: fmt.Errorf("%s: %w", name, stop)}
}

// ioError marks a failure to read or write a file with exitIO; other
// errors (a missing file is a usage error) pass through.
func ioError(err error) error {
	var pe *fs.PathError
	if err != nil && errors.As(err, &pe) && !errors.Is(err, fs.ErrNotExist) {
		return &exitError{code: exitIO, err: err}
	}
	return err
}
