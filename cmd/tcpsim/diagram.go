package main

import (
	"fmt"
	"github.com/tcpsim/tcpsim/msg"
	"path/filepath"
	"strings"
	"time"

	"github.com/tcpsim/tcpsim/trace"

	"github.com/spf13/cobra"

	"github.com/tcpsim/tcpsim/diagram"
	"github.com/tcpsim/tcpsim/replay"
	"github.com/tcpsim/tcpsim/sim"
)

func init() {
	extraCommands = append(extraCommands, newDiagramCmd)
	// The lab's `p` key: the ladder of what is on screen, as SVG.
	tuiOptions.SaveSVG = func(tr *trace.Trace, upTo int, title, path string) error {
		run, err := diagram.FromTrace(tr, title, "").Window(diagram.Bound{}, diagram.Bound{Set: true, IsEvent: true, Event: upTo + 1})
		if err != nil {
			return err
		}
		return diagram.WriteFile(path, run, diagram.Options{}, false)
	}
}

type diagramFlags struct {
	out, theme, from, to, font string
	raw, states                bool
	stream                     int
	seed                       uint64
	loss                       float64
	delay, until               time.Duration
	profile                    string
}

func newDiagramCmd() *cobra.Command {
	var fl diagramFlags
	cmd := &cobra.Command{
		Use:   "diagram NAME|FILE.yaml|FILE.pcap -o OUT.svg|OUT.png|OUT.mmd",
		Short: "Draw a run's ladder (or state diagram) as SVG, PNG or Mermaid",
		Long: `Draw the ladder diagram of a run, simulated or replayed from a capture,
for slides, notes and blogs. The format comes from the extension:
.svg (text stays text), .png (drawn in pure Go, twice the SVG's size), or
.mmd (a Mermaid sequenceDiagram, simplified where Mermaid cannot draw:
messages are level and in sending order, lost ones end in x).

Arrows slope with the link delay; lost segments end in a cross mid-link;
each side's state is written where it changes; timers that fired (and
TIME-WAIT) are brackets on the lifeline. --states draws the RFC 9293 state
diagram instead, with the arcs this run took highlighted. See docs/diagrams.md.`,
		Example: `  tcpsim diagram lost-final-ack -o lost-final-ack.svg
  tcpsim diagram simultaneous-close --theme dark -o sc.png
  tcpsim diagram data-with-loss --from 1s --to 3s --raw -o window.svg
  tcpsim diagram normal-close --states -o states.svg
  tcpsim diagram client.pcapng -o client.mmd`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: completeScenarios,
		RunE:              func(cmd *cobra.Command, args []string) error { return runDiagram(cmd, args[0], &fl) },
	}
	f := cmd.Flags()
	f.StringVarP(&fl.out, "output", "o", "", "file to write: NAME.svg, NAME.png or NAME.mmd")
	f.BoolVar(&fl.states, "states", false, "draw the state diagram with the run's path instead of the ladder")
	f.StringVar(&fl.theme, "theme", "light", "colours: light (white slides) or dark")
	f.BoolVar(&fl.raw, "raw", false, "absolute sequence numbers (default: relative to each side's ISS)")
	f.StringVar(&fl.from, "from", "", "start of the window: a time (1.5s) or an event number as the lab shows it (1 is the first)")
	f.StringVar(&fl.to, "to", "", "end of the window: a time (3s) or an event number")
	f.StringVar(&fl.font, "font", "", "PNG: font file for glyphs the bundled Go fonts lack, e.g. Chinese (default $"+diagram.FontEnv+")")
	f.IntVar(&fl.stream, "stream", 0, "capture: which TCP connection (Wireshark's tcp.stream)")
	f.Uint64Var(&fl.seed, "seed", 0, "seed for the link's random loss, jitter, duplication and reordering")
	f.Float64Var(&fl.loss, "loss", 0, "probability 0..1 that the link loses a segment, both directions")
	f.DurationVar(&fl.delay, "delay", 0, "one-way link delay, both directions (e.g. 20ms)")
	f.DurationVar(&fl.until, "until", 0, "stop the run at this virtual time (e.g. 10s)")
	f.StringVar(&fl.profile, "profile", "", "behaviour profile: "+oneOfProfiles())
	_ = cmd.MarkFlagRequired("output")
	_ = cmd.MarkFlagFilename("output", "svg", "png", "mmd")
	_ = cmd.RegisterFlagCompletionFunc("theme", cobra.FixedCompletions([]string{"light", "dark"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runDiagram(cmd *cobra.Command, arg string, fl *diagramFlags) error {
	if _, err := diagram.FormatForPath(fl.out); err != nil {
		return fmt.Errorf("invalid argument %q for --output: the name must end in .svg, .png or .mmd", fl.out)
	}
	th, err := diagram.ThemeNamed(fl.theme)
	if err != nil {
		return fmt.Errorf("invalid argument %q for --theme: expected light or dark", fl.theme)
	}
	l, p, err := language(cmd)
	if err != nil {
		return err
	}
	from, err := diagram.ParseBound(fl.from)
	if err != nil {
		return fmt.Errorf("invalid argument for --from: %w", err)
	}
	to, err := diagram.ParseBound(fl.to)
	if err != nil {
		return fmt.Errorf("invalid argument for --to: %w", err)
	}
	run, err := diagramRun(cmd, arg, fl, l, p)
	if err != nil {
		return err
	}
	if run, err = run.Window(from, to); err != nil {
		return err
	}
	o := diagram.Options{Theme: th, Raw: fl.raw, Font: fl.font, Lang: p}
	if err := diagram.WriteFile(fl.out, run, o, fl.states); err != nil {
		return &exitError{code: exitFailed, err: err}
	}
	what := "ladder"
	if fl.states {
		what = "state diagram"
	}
	fmt.Fprintf(cmd.OutOrStdout(), "wrote %s (%s, %d segments)\n", fl.out, what, len(run.Arrows))
	return nil
}

// diagramRun simulates a scenario or replays a capture.
func diagramRun(cmd *cobra.Command, arg string, fl *diagramFlags, l string, p *msg.Printer) (*diagram.Run, error) {
	if isCapture(arg) {
		res, err := replay.ReadFile(arg, replay.Options{Stream: fl.stream})
		if err != nil {
			return nil, replayError(err) // a drawing of part of a capture would mislead
		}
		return diagram.FromTraceIn(res.Trace, filepath.Base(arg), "", p), nil
	}
	sc, err := lookup(cmd, arg)
	if err != nil {
		return nil, err
	}
	if err := applyRunFlags(cmd, sc, fl.seed, fl.loss, fl.delay, fl.until, fl.profile); err != nil {
		return nil, err
	}
	return diagram.FromTraceIn(sim.Run(sc.Config), sc.TitleIn(l), strings.TrimSpace(sc.DescriptionIn(l)), p), nil
}
