package main

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/tcpsim/tcpsim/trace"

	"github.com/charmbracelet/x/term"

	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/ui"
)

// The lab needs a terminal, and must give it back however it ends:
// bubbletea restores it on SIGINT and SIGTERM; a hangup is relayed as
// SIGTERM so it does too. A lab ended by a signal exits 128+N, as a
// shell reports a program killed by it, and says so. Without a terminal,
// say what to use instead of bubbletea's "could not open TTY".
func init() {
	lab, capture := runTUI, runCaptureTUI
	runTUI = func(sc *scenarios.Scenario, opts ui.Options) error {
		if !haveTerminal() {
			return noTerminal(fmt.Sprintf("tcpsim run %s", sc.Name))
		}
		stop := watchSignals()
		err := lab(sc, opts)
		return signalled(stop(), err)
	}
	runCaptureTUI = func(name, title string, tr *trace.Trace, opts ui.Options) error {
		if !haveTerminal() {
			return noTerminal("tcpsim replay " + name)
		}
		stop := watchSignals()
		err := capture(name, title, tr, opts)
		return signalled(stop(), err)
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

// watchSignals notes the first of SIGINT, SIGTERM and SIGHUP that
// reaches the lab, and turns SIGHUP into SIGTERM for bubbletea's handler,
// which quits and restores the terminal. The returned function stops
// watching and says which signal came, if any.
func watchSignals() func() os.Signal {
	ch := make(chan os.Signal, 4)
	signal.Notify(ch, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	done, exited := make(chan struct{}), make(chan struct{})
	var first os.Signal
	go func() {
		defer close(exited)
		for {
			select {
			case s := <-ch:
				if first == nil {
					first = s
				}
				if s == syscall.SIGHUP {
					_ = syscall.Kill(os.Getpid(), syscall.SIGTERM)
				}
			case <-done:
				return
			}
		}
	}()
	return func() os.Signal {
		close(done)
		<-exited
		signal.Stop(ch)
		// bubbletea and this channel hear a signal at the same moment:
		// one the goroutine had no time to read is still here.
		if first == nil && len(ch) > 0 {
			first = <-ch
		}
		return first
	}
}

// labPrinter speaks the language the lab was opened in (--lang).
var labPrinter = msg.English()

// signalled turns the end of a lab stopped by a signal into its exit
// status, 128+N; otherwise the lab's own error stands.
func signalled(sig os.Signal, err error) error {
	s, ok := sig.(syscall.Signal)
	if !ok {
		return err
	}
	code := 128 + int(s)
	text := labPrinter.T(msg.CLILabSignal, msg.Args{"Signal": signalName(s), "Code": code})
	return &exitError{code: code, err: errors.New(text)}
}

// signalName is the name a shell user knows: SIGTERM, not "terminated".
func signalName(s syscall.Signal) string {
	switch s {
	case syscall.SIGINT:
		return "SIGINT"
	case syscall.SIGTERM:
		return "SIGTERM"
	case syscall.SIGHUP:
		return "SIGHUP"
	}
	return s.String()
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
