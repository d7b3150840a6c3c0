package main

import (
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/tcpsim/tcpsim/internal/capcmp"
	"github.com/tcpsim/tcpsim/kernel"
	"github.com/tcpsim/tcpsim/ui"
)

func init() { extraCommands = append(extraCommands, newRealCmd) }

func newRealCmd() *cobra.Command {
	var (
		format string
		save   string
		limit  time.Duration
	)
	cmd := &cobra.Command{
		Use:   "real NAME|FILE",
		Short: "Run a scenario on this machine's Linux kernel and compare it with the model",
		Long: `Run a scenario's applications with real sockets on this machine's kernel,
in two fresh network namespaces joined by a veth (Linux, root), capture the
segments at A with tcpdump, and hold them against the model's run under
the linux profile: segment for segment (direction, flags, relative seq/ack,
length) and every gap of a millisecond or more within 10%, plus the
granularity of the kernel's timers for a gap that long. The namespaces
are removed when the run ends, on Ctrl-C too. On a terminal the result
opens in the lab's comparison: the two ladders aligned by segment, the
differences marked and explained (--format text or jsonl prints it).
Exits 0 when kernel and model agree, 1 when they differ, 2 when the
scenario cannot be run on a kernel. See docs/kernel.md.`,
		Example: `  sudo tcpsim real linux-normal
  sudo tcpsim real my.yaml --save runs/my --format jsonl`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: completeScenarios,
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := labOrText(cmd, format)
			if err != nil {
				return err
			}
			opts, err := labOptions(cmd)
			if err != nil {
				return err
			}
			if err := kernel.Available(); err != nil {
				return err
			}
			sc, err := lookup(cmd, args[0])
			if err != nil {
				return err
			}
			res, err := kernel.Run(cmd.Context(), sc.Config, kernel.Options{Max: limit, Tolerance: sc.Tolerance})
			var un *kernel.UnsupportedError
			if errors.As(err, &un) {
				return err
			}
			if err != nil {
				return &exitError{code: exitFailed, err: err}
			}
			if save != "" {
				if err := res.Save(save, sc.Name, sc.Source); err != nil {
					return &exitError{code: exitFailed, err: err}
				}
			}
			w := cmd.OutOrStdout()
			if format == "lab" {
				// The lab's comparison: the kernel's capture and the model's,
				// retimed to the applications' real calls, both replayed.
				c, err := ui.NewComparison(sc.Name, sc.Title, res.KernelPcap, sc.Config, res.ModelPcap, capcmp.Plus(kernel.Slack, sc.Tolerance.Gap))
				if err != nil {
					return &exitError{code: exitFailed, err: err}
				}
				return showComparison(cmd, c, format, "", opts)
			}
			if format == "jsonl" {
				err = res.WriteJSONL(w)
			} else {
				fmt.Fprintf(w, "%s: %s\n", sc.Name, sc.Title)
				err = res.WriteText(w)
			}
			if err != nil {
				return err
			}
			if !res.Agree() {
				return &exitError{code: exitFailed, err: errors.New(res.Verdict()), quiet: true}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&format, "format", "", "output: lab (on a terminal: the two ladders side by side), text (calls and the two captures side by side) or jsonl")
	f.StringVar(&save, "save", "", "keep the captures, the scenario and a README of what ran in this directory")
	f.DurationVar(&limit, "max", 2*time.Minute, "longest real time a run may take")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"lab", "text", "jsonl"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}
