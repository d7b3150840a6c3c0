package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/replay"
	"github.com/tcpsim/tcpsim/sim"
)

func init() { extraCommands = append(extraCommands, newReplayCmd) }

func newReplayCmd() *cobra.Command {
	var (
		stream int
		format string
		limits *limitFlags
	)
	cmd := &cobra.Command{
		Use:   "replay CAPTURE.pcap|CAPTURE.pcapng",
		Short: "Read a real capture of a TCP connection and infer both ends' states",
		// Long: the catalogue's (longIDs, help.go).
		Example: `  tcpsim replay client.pcap
  tcpsim replay busy.pcapng --stream 3 --format jsonl | jq 'select(.kind=="note")'`,
		Args: cobra.ExactArgs(1),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return []string{"pcap", "pcapng", "cap"}, cobra.ShellCompDirectiveFilterFileExt
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "jsonl" {
				return fmt.Errorf("invalid argument %q for --format: expected text or jsonl", format)
			}
			if stream < 0 {
				return fmt.Errorf("invalid argument %d for --stream: expected 0 or more", stream)
			}
			_, p, err := language(cmd)
			if err != nil {
				return err
			}
			lim, err := limits.replayLimits(cmd, sim.Limits{})
			if err != nil {
				return err
			}
			softLimit(lim)
			// A replay the budget stopped prints what came before, then
			// says why on stderr and exits 3 (replaylimit.go).
			res, err := replay.ReadFile(args[0], replay.Options{Stream: stream, Limits: lim})
			if res == nil {
				return replayError(err)
			}
			if werr := writeReplay(cmd, res, args[0], format, p); werr != nil {
				return werr
			}
			return replayError(err)
		},
	}
	limits = replayLimitFlags(cmd)
	f := cmd.Flags()
	f.IntVar(&stream, "stream", 0, "which TCP connection to replay (Wireshark's tcp.stream number)")
	f.StringVar(&format, "format", "text", "output: text (ladder diagram and notes) or jsonl (trace events and notes)")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"text", "jsonl"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// writeReplay prints a replay as text (header, ladder, notes) or JSON Lines.
func writeReplay(cmd *cobra.Command, res *replay.Result, file, format string, p *msg.Printer) error {
	w := cmd.OutOrStdout()
	if format == "jsonl" {
		return res.WriteJSONLIn(w, p)
	}
	width := outWidth(w)
	writeProse(w, p.T(msg.ReplayHeader, msg.Args{"File": file, "Format": res.Format, "Frames": res.Frames, "Stream": res.Stream, "Streams": res.Streams}), width)
	fmt.Fprintln(w)
	return res.WriteTextWidth(w, p, width)
}
