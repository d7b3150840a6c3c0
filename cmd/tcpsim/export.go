package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/sim/pcap"
)

func init() {
	extraCommands = append(extraCommands, newExportCmd)
	// The lab's `e` key: see output.go.
}

const exportLong = `Run a scenario and write every segment as an Ethernet/IP/TCP frame, with
correct checksums, in a capture file Wireshark and tcpdump open. The format
comes from the extension: .pcap, or .pcapng, where each packet also carries
a comment with what tcpsim knows and Wireshark cannot (both ends' states
before and after, "retransmission #2 (RTO 4s)", "dropped by the link").

--tap chooses where the virtual capture is taken: at A's interface (the
default, as tcpdump on the client would see it), at B's, or on the link,
where every transmission appears, lost ones included (docs/pcap.md).
The same scenario and seed always give the same bytes.

The file is written to a temporary name and renamed at the end: an
interrupted export (Ctrl-C, SIGTERM) leaves nothing behind, and temporary
files a killed one left are swept by the next export into that directory.
If OUT is a symbolic link, the capture is written to the file it points
to and the link stays.`

func newExportCmd() *cobra.Command {
	var (
		seed    uint64
		loss    float64
		delay   time.Duration
		until   time.Duration
		profile string
		tap     string
		out     string
		limits  limitFlags
	)
	cmd := &cobra.Command{
		Use:   "export NAME|FILE -o OUT.pcap|OUT.pcapng",
		Short: "Write a scenario's run as a capture file for Wireshark",
		Long:  exportLong,
		Example: `  tcpsim export lost-fin -o lost-fin.pcapng
  tcpsim export lost-final-ack --tap b -o server-side.pcap
  tcpsim export data-with-loss --seed 3 --loss 0.2 --tap link -o lossy.pcapng`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: completeScenarios,
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := pcap.FormatForPath(out)
			if err != nil {
				return fmt.Errorf("invalid argument %q for --output: the name must end in .pcap or .pcapng", out)
			}
			where, err := pcap.ParseTap(tap)
			if err != nil {
				return fmt.Errorf("invalid argument %q for --tap: expected a, b or link", tap)
			}
			_, p, err := language(cmd)
			if err != nil {
				return err
			}
			sc, err := lookup(cmd, args[0])
			if err != nil {
				return err
			}
			if err := applyRunFlags(cmd, sc, seed, loss, delay, until, profile); err != nil {
				return err
			}
			if err := limits.apply(cmd, sc.Config); err != nil {
				return err
			}
			tr, stop := sim.RunLimited(sc.Config)
			if err := writeCapture(cmd.Context(), out, tr, pcap.Options{Format: format, Tap: where, Printer: p}); err != nil {
				return err
			}
			at := map[pcap.Tap]string{pcap.TapA: "at A's interface", pcap.TapB: "at B's interface", pcap.TapLink: "on the link"}[where]
			fmt.Fprintf(cmd.OutOrStdout(), "wrote %s (%s, %d packets captured %s)\n", out, format, pcap.Count(tr, where), at)
			if stop != nil {
				return limitError(sc.Name+" (the capture holds the run up to the limit)", stop)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVarP(&out, "output", "o", "", "capture file to write: NAME.pcap or NAME.pcapng")
	f.StringVar(&tap, "tap", "a", "where the capture is taken: a, b or link")
	f.Uint64Var(&seed, "seed", 0, "seed for the link's random loss, jitter, duplication and reordering")
	f.Float64Var(&loss, "loss", 0, "probability 0..1 that the link loses a segment, both directions")
	f.DurationVar(&delay, "delay", 0, "one-way link delay, both directions (e.g. 20ms)")
	f.DurationVar(&until, "until", 0, "stop the run at this virtual time (e.g. 10s)")
	f.StringVar(&profile, "profile", "", "behaviour profile: "+oneOfProfiles())
	limits.add(cmd)
	_ = cmd.MarkFlagRequired("output")
	_ = cmd.MarkFlagFilename("output", "pcap", "pcapng")
	_ = cmd.RegisterFlagCompletionFunc("tap", cobra.FixedCompletions([]string{"a", "b", "link"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("profile", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return sim.ProfileNames(), cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}
