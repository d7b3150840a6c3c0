package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/tcpsim/tcpsim/internal/capcmp"
	"github.com/tcpsim/tcpsim/kernel"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/ui"
)

func init() { extraCommands = append(extraCommands, newCompareCmd) }

// runCompareTUI opens the lab's comparison; tests replace it.
var runCompareTUI = openCompare

func openCompare(c *ui.Comparison, opts ui.Options) error {
	if !haveTerminal() {
		return noTerminal("--format text") // tcpsim compare or tcpsim real
	}
	stop := watchSignals()
	err := ui.RunCompare(c, opts)
	return signalled(stop(), err)
}

func newCompareCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "compare NAME|FILE.yaml CAPTURE.pcap | DIR",
		Short: "Hold a kernel's capture against the model's run of the same scenario",
		Long: `Hold a capture of a scenario on a real kernel against the model's run of
the same scenario under the linux profile, segment for segment, as
'tcpsim real' does: the same flags, seq/ack relative to each ISN and
length, and every gap of a millisecond or more within 10% plus the
kernel's timer granularity. On a terminal it opens the lab's comparison:
the two ladders aligned by segment, the differences marked and explained.
With --format text or jsonl it prints the comparison instead. DIR is what
'tcpsim real --save DIR' wrote (scenario.yaml, kernel-a.pcap and the
model's model-a.pcap at the applications' real times). The capture must
be taken at A. Exits 0 when they agree, 1 when they differ.`,
		Example: `  tcpsim compare linux-normal sim/testdata/linux/a_normal.pcap
  tcpsim compare runs/my --format text
  tcpsim compare linux-refused g_refused.pcap --format jsonl`,
		Args:              cobra.RangeArgs(1, 2),
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
			c, err := comparison(cmd, args)
			if err != nil {
				return err
			}
			return showComparison(cmd, c, format, args[len(args)-1], opts)
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "output: lab (on a terminal), text (the two captures side by side) or jsonl")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"lab", "text", "jsonl"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func isTerminalOut(cmd *cobra.Command) bool {
	f, ok := cmd.OutOrStdout().(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

// comparison builds what is compared: NAME CAPTURE runs the scenario
// under the linux profile; DIR (tcpsim real --save) holds both captures.
func comparison(cmd *cobra.Command, args []string) (*ui.Comparison, error) {
	scName, kpath, mpath := args[0], "", ""
	if len(args) == 2 {
		kpath = args[1]
	} else {
		if st, err := os.Stat(args[0]); err != nil || !st.IsDir() {
			return nil, &exitError{code: exitUsage, err: fmt.Errorf("%s: want a directory written by 'tcpsim real --save', or a scenario and a capture", args[0])}
		}
		scName = filepath.Join(args[0], "scenario.yaml")
		kpath, mpath = filepath.Join(args[0], "kernel-a.pcap"), filepath.Join(args[0], "model-a.pcap")
	}
	sc, err := lookup(cmd, scName)
	if err != nil {
		return nil, err
	}
	kdata, err := os.ReadFile(kpath)
	if err != nil {
		return nil, ioError(err)
	}
	var mdata []byte
	if mpath != "" {
		if mdata, err = os.ReadFile(mpath); err != nil {
			return nil, ioError(err)
		}
	}
	c, err := ui.NewComparison(sc.Name, sc.Title, kdata, sc.Config, mdata, capcmp.Plus(kernel.Slack, sc.Tolerance.Gap))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", kpath, err)
	}
	return c, nil
}

// showComparison opens the lab or prints the comparison; either way the
// exit status says whether the two agree.
func showComparison(cmd *cobra.Command, c *ui.Comparison, format, file string, opts ui.Options) error {
	w := cmd.OutOrStdout()
	p := printerOf(opts.Lang)
	var err error
	switch format {
	case "lab":
		if err := runCompareTUI(c, opts); err != nil {
			return labError(err)
		}
		// What the view said, left on the terminal once it has closed.
		_, err = fmt.Fprintln(w, verdict(p, c.Result))
	case "jsonl":
		r := &kernel.Result{Kernel: c.Want, Model: c.Got, Compare: c.Result}
		err = r.WriteJSONL(w)
	default:
		fmt.Fprintln(w, p.T(msg.CompareHeader, msg.Args{"Name": c.Name, "File": file}))
		fmt.Fprintln(w)
		err = capcmp.WriteSideBySide(w, p.T(msg.CompareKernelShort, nil), p.T(msg.CompareModelShort, nil), c.Want, c.Got, c.Result)
		if err == nil {
			_, err = fmt.Fprintln(w, "\n"+verdict(p, c.Result))
		}
	}
	if err != nil {
		return err
	}
	if !c.Result.Agree() {
		return &exitError{code: exitFailed, err: errors.New(verdict(msg.English(), c.Result)), quiet: true}
	}
	return nil
}

func verdict(p *msg.Printer, r *capcmp.Result) string {
	if r.Agree() {
		return p.T(msg.CompareAgree, msg.Args{"Segments": r.Packets, "Gaps": r.Gaps})
	}
	return p.N(msg.CompareDisagree, len(r.Diffs), nil)
}

// labOrText is compare's and real's --format: the lab on a terminal (or
// when asked), else text or JSON Lines.
func labOrText(cmd *cobra.Command, format string) (string, error) {
	if format == "" {
		format = "text"
		if haveTerminal() && isTerminalOut(cmd) {
			format = "lab"
		}
	}
	if format != "lab" && format != "text" && format != "jsonl" {
		return "", fmt.Errorf("invalid argument %q for --format: expected lab, text or jsonl", format)
	}
	return format, nil
}
