// Package ui is tcpsim's terminal lab (Bubble Tea v2): a ladder diagram of
// the two endpoints, the state diagram generated from fsm.Table, an
// inspector that explains the present, and keys to travel in time and to
// interfere (drop a segment, close, abort, send, change the link), each
// interference forking a new deterministic timeline.
package ui

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/tcpsim/tcpsim/trace"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"

	"github.com/tcpsim/tcpsim/replay"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim/pcap"
)

// Options are the outside services the TUI may call.
type Options struct {
	// Export writes the trace as a capture file (pcap or pcapng by
	// extension) taken at tap.
	Export func(tr *trace.Trace, path string, tap pcap.Tap) error
	// SaveSVG draws the ladder of events 0..upTo as SVG (the P key).
	SaveSVG func(tr *trace.Trace, upTo int, title, path string) error
	// Lang is the language the lab speaks ("en" or "zh"; "" is English).
	Lang string
	// CaptureStop: the run budget stopped the capture's replay
	// (RunCapture shows where; capturestop.go).
	CaptureStop *replay.LimitError
}

// Run opens the lab on a scenario and returns when the user quits.
func Run(sc *scenarios.Scenario, opts Options) error {
	if sc == nil || sc.Config == nil {
		return errors.New("ui: no scenario")
	}
	m := newModel(sc, opts, modelOptions{autoplay: true, mono: noColor(), dark: true})
	return drive(m, os.Stdout)
}

// RunCapture opens the lab on a recorded run, such as a replayed capture.
// Time travel works as usual; dropping, closing or sending would change
// what happened, so those keys are not offered and explain why.
func RunCapture(name, title string, tr *trace.Trace, opts Options) error {
	if tr == nil {
		return errors.New("ui: no trace")
	}
	m := newModelOf(recorded(name, title, tr), opts, modelOptions{autoplay: true, mono: noColor(), dark: true})
	m.sayCaptureStop(opts.CaptureStop)
	return drive(m, os.Stdout)
}

// noColor follows https://no-color.org: any non-empty NO_COLOR.
func noColor() bool { return os.Getenv("NO_COLOR") != "" }

// drive runs a model and restores the terminal whatever happens. Bubble
// Tea already recovers panics in Update, View and commands and resets the
// terminal; the deferred recover here covers anything else, and a panic
// is reported as an error instead of killing the process mid-frame.
func drive(m tea.Model, out io.Writer, opts ...tea.ProgramOption) (err error) {
	defer func() {
		if r := recover(); r != nil {
			restoreTerminal(out)
			err = fmt.Errorf("tcpsim: internal error: %v", r)
		}
	}()
	if term.IsTerminal(os.Stdin.Fd()) {
		opts = append(opts, tea.WithInput(&pasteGuard{File: os.Stdin})) // pasteguard.go
	}
	p := tea.NewProgram(m, opts...)
	_, err = p.Run()
	if errors.Is(err, tea.ErrProgramPanic) {
		restoreTerminal(out)
		return fmt.Errorf("tcpsim: internal error (the terminal was restored): %w", err)
	}
	return err
}

// resetSeq leaves the alternate screen, shows the cursor and turns off
// mouse reporting and bracketed paste.
const resetSeq = "\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?2004l\x1b[?1049l\x1b[?25h\x1b[0m"

func restoreTerminal(out io.Writer) {
	if out != nil {
		_, _ = io.WriteString(out, resetSeq)
	}
}
