package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/tcpsim/tcpsim/internal/atomicfile"

	"github.com/spf13/cobra"

	"github.com/tcpsim/tcpsim/ui"
)

func init() { extraCommands = append(extraCommands, newRecordCmd) }

func newRecordCmd() *cobra.Command {
	var (
		out           string
		width, height int
		fps           int
		hold          time.Duration
	)
	cmd := &cobra.Command{
		Use:   "record NAME|FILE.yaml -o RUN.cast",
		Short: "Record the lab playing a scenario as an asciinema cast",
		Long: `Play a scenario in the lab, as 'tcpsim NAME' would at its default speed,
and write the screens as an asciinema v2 recording (.cast) that
asciinema-player embeds in a web page. Frames come from the lab's virtual
clock, not the wall clock: the same scenario and size give the same file.`,
		Example: `  tcpsim record lost-final-ack -o lost-final-ack.cast
  tcpsim record simultaneous-close --size 100x30 --fps 15 -o sc.cast`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: completeScenarios,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !strings.HasSuffix(out, ".cast") {
				return fmt.Errorf("invalid argument %q for --output: the name must end in .cast", out)
			}
			sc, err := lookup(cmd, args[0])
			if err != nil {
				return err
			}
			l, _, err := language(cmd)
			if err != nil {
				return err
			}
			frames, err := ui.RecordFramesIn(l, sc, width, height, fps, hold)
			if err != nil {
				return err
			}
			b, err := castBytes(sc.TitleIn(l), width, height, frames) // the title in the chosen language
			if err != nil {
				return err
			}
			if err := atomicfile.WriteFile(out, b); err != nil {
				return &exitError{code: exitFailed, err: err}
			}
			fmt.Fprintf(cmd.OutOrStdout(), "wrote %s (%d frames, %s, %dx%d)\n", out, len(frames), frames[len(frames)-1].At, width, height)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVarP(&out, "output", "o", "", "recording to write: NAME.cast")
	f.IntVar(&width, "width", 120, "terminal columns")
	f.IntVar(&height, "height", 40, "terminal rows")
	f.IntVar(&fps, "fps", 10, "frames a second of playback")
	f.DurationVar(&hold, "hold", 3*time.Second, "how long the last screen stays")
	_ = cmd.MarkFlagRequired("output")
	_ = cmd.MarkFlagFilename("output", "cast")
	return cmd
}

// castBytes is an asciinema v2 file: a header line, then one [time, "o",
// data] line per frame. No timestamp in the header, to stay reproducible.
func castBytes(title string, w, h int, frames []ui.Frame) ([]byte, error) {
	var b bytes.Buffer
	hdr := map[string]any{"version": 2, "width": w, "height": h, "title": title,
		"env": map[string]string{"TERM": "xterm-256color", "SHELL": "/bin/sh"}}
	if err := json.NewEncoder(&b).Encode(hdr); err != nil {
		return nil, err
	}
	clear := "\x1b[?25l\x1b[2J"
	for i, f := range frames {
		data := f.Screen
		if i == 0 {
			data = clear + data
		}
		line, err := json.Marshal([]any{json.Number(fmt.Sprintf("%.3f", f.At.Seconds())), "o", data})
		if err != nil {
			return nil, err
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.Bytes(), nil
}
