package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/replay"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/ui"
)

// extraCommands holds constructors of verbs that live in other files (such
// as export and replay); they append here from an init() so that adding a
// verb never means editing this file.
var extraCommands []func() *cobra.Command

// tuiOptions are the services handed to the TUI; other files may fill them
// in from an init() (for example Export, from the pcap code).
var tuiOptions ui.Options

// runTUI and runCaptureTUI open the lab; tests replace them so they never
// need a terminal.
var (
	runTUI        = ui.Run
	runCaptureTUI = ui.RunCapture
)

// isCapture tells a capture file (opened by replaying it) from a scenario.
func isCapture(arg string) bool {
	a := strings.ToLower(strings.TrimSuffix(strings.ToLower(arg), ".gz"))
	return strings.HasSuffix(a, ".pcap") || strings.HasSuffix(a, ".pcapng") || strings.HasSuffix(a, ".cap")
}

// Exit codes.
const (
	exitOK     = 0
	exitFailed = 1 // an expectation was not met, or the run failed
	exitUsage  = 2 // bad usage or invalid input
)

// exitError carries an exit code other than exitUsage. When quiet, the
// command already said everything on stdout/stderr.
type exitError struct {
	code  int
	err   error
	quiet bool
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func newRoot() *cobra.Command {
	root := &cobra.Command{
		Use:   "tcpsim [NAME|FILE]",
		Short: msg.English().T(msg.CLIRootShort, nil),
		// The description (--help, the man page) comes from the
		// catalogue in the reader's language: see commandLong.
		Example: `  # the lab, on the default scenario
  tcpsim
  # a scenario's ladder diagram, in the terminal
  tcpsim run lost-final-ack
  # your own variant of a bundled scenario
  tcpsim show lost-fin > mine.yaml
  tcpsim check mine.yaml`,
		Args:              cobra.MaximumNArgs(1),
		ValidArgsFunction: completeScenarios,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, p, err := language(cmd)
			if err != nil {
				return err
			}
			labPrinter = p
			name := scenarios.Default
			if len(args) == 1 {
				name = args[0]
			}
			opts, err := labOptions(cmd)
			if err != nil {
				return err
			}
			if isCapture(name) {
				// A real capture: the lab shows what happened, replayed
				// through both state machines.
				// The lab's budget, as for a simulated run; a replay it
				// stopped opens on what came before and says so.
				res, err := replay.ReadFile(name, replay.Options{Limits: ui.CaptureLimits})
				if res == nil {
					return replayError(err)
				}
				opts.CaptureStop = res.Stop
				title := printerOf(opts.Lang).T(msg.LabCaptureTitle, msg.Args{"File": filepath.Base(name), "Stream": res.Stream, "Streams": res.Streams})
				if err := runCaptureTUI(filepath.Base(name), title, res.Trace, opts); err != nil {
					return labError(err)
				}
				return nil
			}
			sc, err := lookup(cmd, name)
			if err != nil {
				return err
			}
			if err := runTUI(sc, opts); err != nil {
				return labError(err)
			}
			return nil
		},
	}
	root.SuggestionsMinimumDistance = 2 // cobra only defaults this on its own code path
	root.SilenceUsage, root.SilenceErrors = true, true
	root.Version = versionLine()
	root.SetVersionTemplate("{{.Name}} {{.Version}}\n")
	addLangFlag(root)
	for _, c := range []func() *cobra.Command{newRunCmd, newListCmd, newShowCmd, newCheckCmd, newValidateCmd, newManCmd} {
		root.AddCommand(c())
	}
	for _, c := range extraCommands {
		root.AddCommand(c())
	}
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	root.InitDefaultHelpFlag()
	root.InitDefaultVersionFlag()
	for _, c := range root.Commands() {
		if id, ok := shortIDs[c.Name()]; ok {
			c.Short = msg.English().T(id, nil)
		}
		if id, ok := longIDs[c.Name()]; ok {
			c.Long = msg.English().T(id, nil) + c.Long // limits.add put the exit codes there
		}
	}
	root.SetHelpFunc(helpFunc)
	return root
}

// shortIDs are the catalogue's one-line summaries of the verbs.
var shortIDs = map[string]msg.ID{
	"check": msg.CLIShortCheck, "completion": msg.CLIShortCompletion, "diagram": msg.CLIShortDiagram,
	"explore": msg.CLIShortExplore, "export": msg.CLIShortExport, "help": msg.CLIShortHelp,
	"list": msg.CLIShortList, "man": msg.CLIShortMan, "real": msg.CLIShortReal, "record": msg.CLIShortRecord,
	"replay": msg.CLIShortReplay, "run": msg.CLIShortRun, "serve": msg.CLIShortServe, "show": msg.CLIShortShow,
	"sweep": msg.CLIShortSweep, "validate": msg.CLIShortValidate,
}

// longIDs are the catalogue's descriptions of the verbs translated so far.
var longIDs = map[string]msg.ID{
	"check": msg.CLILongCheck, "replay": msg.CLILongReplay, "run": msg.CLILongRun, "validate": msg.CLILongValidate,
}

func defaultScenario() string { return scenarios.Default }

// execute runs the CLI and returns the process exit code.
func execute(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	root := newRoot()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	cmd, err := root.ExecuteContextC(ctx)
	if err != nil {
		printError(stderr, err, useColor(stderr), errPrinter(cmd))
	}
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return exitUsage // cobra's usage errors, unknown scenarios, invalid files
}

// printError writes an error for a person: scenario errors with their
// source excerpt, usage errors with a pointer to --help.
func printError(w io.Writer, err error, color bool, p *msg.Printer) {
	var ee *exitError
	if errors.As(err, &ee) && ee.quiet {
		return
	}
	var ses scenarios.Errors
	if errors.As(err, &ses) {
		for _, se := range ses { // every problem of the file, in order
			printScenarioError(w, se, color, p)
		}
		return
	}
	var se *scenarios.Error
	if errors.As(err, &se) {
		printScenarioError(w, se, color, p)
		return
	}
	// In p's language (usageerr.go).
	line := errorText(err, p)
	if !strings.HasPrefix(line, "tcpsim: ") { // the TUI's errors already say who speaks
		line = "tcpsim: " + line
	}
	fmt.Fprintln(w, paint(color, red, line))
	if ee == nil && isUsage(err) {
		fmt.Fprintln(w, p.T(msg.CLIRunHelp, nil))
	}
}

// printScenarioError writes a problem in a scenario file, explained in
// p's language, and the lines around it.
func printScenarioError(w io.Writer, se *scenarios.Error, color bool, p *msg.Printer) {
	fmt.Fprintln(w, paint(color, red, se.In(p)))
	if ex := se.Excerpt(color); ex != "" {
		fmt.Fprintln(w, ex)
	}
}

// isUsage tells cobra's complaints about the command line from the rest.
func isUsage(err error) bool {
	s := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "flag needs an argument",
		"invalid argument", "accepts ", "requires at least", "bad flag"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// lookup resolves NAME|FILE; for an unknown name it also suggests a
// command, since "tcpsim lsit" reaches the root command as a scenario name.
func lookup(cmd *cobra.Command, name string) (*scenarios.Scenario, error) {
	sc, err := scenarios.Lookup(name)
	var nf *scenarios.NotFoundError
	if errors.As(err, &nf) && nf.Suggest == "" && cmd == cmd.Root() {
		if s := cmd.SuggestionsFor(name); len(s) > 0 {
			return nil, fmt.Errorf("%w; did you mean the command %q?", err, s[0])
		}
	}
	return sc, err
}

func completeScenarios(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	var out []string
	for _, sc := range scenarios.Bundled() {
		out = append(out, sc.Name+"\t"+sc.Title)
	}
	return out, cobra.ShellCompDirectiveDefault // files too
}
