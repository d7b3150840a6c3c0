package main

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/tcpsim/tcpsim/trace"

	"github.com/charmbracelet/x/term"

	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/ui"
)

// The lab needs a terminal, and must give it back however it ends:
// bubbletea restores it on SIGINT and SIGTERM; a hangup is relayed as
// SIGTERM so it does too. Without a terminal, say what to use instead
// of bubbletea's "could not open TTY".
func init() {
	lab, capture := runTUI, runCaptureTUI
	runTUI = func(sc *scenarios.Scenario, opts ui.Options) error {
		if !haveTerminal() {
			return noTerminal(fmt.Sprintf("tcpsim run %s", sc.Name))
		}
		defer relayHangup()()
		return lab(sc, opts)
	}
	runCaptureTUI = func(name, title string, tr *trace.Trace, opts ui.Options) error {
		if !haveTerminal() {
			return noTerminal("tcpsim replay " + name)
		}
		defer relayHangup()()
		return capture(name, title, tr, opts)
	}
}

func noTerminal(instead string) error {
	return &exitError{code: exitUsage, err: fmt.Errorf("the lab needs a terminal; use `%s` to print it instead", instead)}
}

// haveTerminal tells whether bubbletea will find a terminal: standard
// input, or the process's controlling terminal.
func haveTerminal() bool {
	if term.IsTerminal(os.Stdin.Fd()) {
		return true
	}
	f, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
	if err != nil {
		return false
	}
	f.Close()
	return true
}

// relayHangup turns SIGHUP into SIGTERM for bubbletea's handler, until
// the returned function is called.
func relayHangup() func() {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		select {
		case <-ch:
			_ = syscall.Kill(os.Getpid(), syscall.SIGTERM)
		case <-done:
		}
	}()
	return func() { signal.Stop(ch); close(done) }
}

// labError is the exit for a lab that failed: its own code if it has
// one (no terminal), otherwise exitFailed.
func labError(err error) error {
	var ee *exitError
	if errors.As(err, &ee) {
		return err
	}
	return &exitError{code: exitFailed, err: err}
}
