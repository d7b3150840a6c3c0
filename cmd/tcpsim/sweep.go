package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/tcpsim/tcpsim/diagram"
	"github.com/tcpsim/tcpsim/explore"
	"github.com/tcpsim/tcpsim/msg"
)

func init() { extraCommands = append(extraCommands, newSweepCmd) }

const exitInterrupted = 130

func newSweepCmd() *cobra.Command {
	var (
		opt     explore.SweepOptions
		loss    string
		delay   string
		format  string
		profile string
		out     string
		theme   string
		font    string
		seed    uint64
	)
	cmd := &cobra.Command{
		Use:   "sweep NAME|FILE",
		Short: "Run a scenario over many seeds and a grid of loss rates",
		Long: `Run a scenario with --runs seeds at each point of a loss grid (and of a
one-way delay grid, set in both directions) and report,
per point, the outcome classes (final states, errors, data intact, half-open)
with their share, the completion time (median, p90, p99, max, virtual time),
retransmissions and segments per run, and the seed of the longest run (open
it with tcpsim run NAME --seed S --loss L). Run i uses seed --seed + i, so
the report is the same whatever the number of cores. Ctrl-C stops the sweep
and prints the report of the runs done.
-o FILE.svg (or .png) also draws the outcome share as a picture. A seed
whose random draws repeat a run already made is answered from that run
rather than simulated again (the report is the same bytes; --no-share
simulates every seed).`,
		Example: `  tcpsim sweep normal-close --runs 10000 --loss 0:0.3:0.05
  tcpsim sweep normal-close --runs 2000 --loss 0:0.2:0.1 --delay 10ms:100ms:45ms
  tcpsim sweep data-with-loss --runs 1000 --format csv > dwl.csv
  tcpsim sweep lost-final-ack --runs 2000 --loss 0:0.3:0.05 -o share.svg`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: completeScenarios,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, p, err := language(cmd)
			if err != nil {
				return err
			}
			if format != "text" && format != "csv" && format != "json" {
				return sayErr(msg.SweepErrFormat, msg.Args{"Q": strconv.Quote(format)})
			}
			pic, err := sweepPicture(out, theme, font)
			if err != nil {
				return err
			}
			if opt.Runs < 1 || opt.Runs > 100_000_000 {
				return sayErr(msg.SweepErrRuns, msg.Args{"V": opt.Runs})
			}
			grid, err := parseGrid(loss)
			if err != nil {
				return err
			}
			opt.Loss = grid
			if opt.Delay, err = parseDelayGrid(delay); err != nil {
				return err
			}
			if n := max(1, len(opt.Loss)) * max(1, len(opt.Delay)); n > 1000 {
				return sayErr(msg.SweepErrPoints, msg.Args{"N": n})
			}
			sc, err := lookup(cmd, args[0])
			if err != nil {
				return err
			}
			if err := applyRunFlags(cmd, sc, seed, 0, 0, 0, profile); err != nil {
				return err
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt)
			defer stop()
			total := int64(opt.Runs) * int64(max(1, len(grid))) * int64(max(1, len(opt.Delay)))
			done := startProgress(cmd.ErrOrStderr(), total, &opt, p)
			rep := explore.Sweep(ctx, sc.Config, opt)
			done()
			if out != "" {
				if err := diagram.WriteBarsFile(out, rep.Picture(sc.Name, p), pic); err != nil {
					return ioError(err)
				}
			}
			w := cmd.OutOrStdout()
			switch format {
			case "csv":
				err = rep.WriteCSV(w)
			case "json":
				err = rep.WriteJSON(w, sc.Name)
			default:
				err = rep.WriteTable(w, sc.Name, p)
			}
			if err == nil && rep.Interrupted {
				return &exitError{code: exitInterrupted, err: sayErr(msg.ExploreErrInterrupted, nil)}
			}
			return ioError(err)
		},
	}
	f := cmd.Flags()
	f.IntVar(&opt.Runs, "runs", 1000, "seeds at each grid point")
	f.StringVar(&loss, "loss", "", "loss grid FROM:TO:STEP (e.g. 0:0.3:0.05) or one value; default: the scenario's link")
	f.StringVar(&delay, "delay", "", "one-way delay grid FROM:TO:STEP (e.g. 10ms:200ms:50ms) or one value; default: the scenario's link")
	f.Uint64Var(&seed, "seed", 0, "first seed (default: the scenario's)")
	f.IntVar(&opt.Workers, "workers", 0, "runs at once (0: one per core); the report does not depend on it")
	f.BoolVar(&opt.NoShare, "no-share", false, "simulate every seed, even one whose random draws repeat a run already made; the report does not depend on it")
	f.StringVar(&format, "format", "text", "output: text, csv or json")
	f.StringVarP(&out, "output", "o", "", "also draw the outcome share against loss as a picture (FILE.svg or FILE.png)")
	f.StringVar(&theme, "theme", "light", "the picture's colours: light or dark")
	f.StringVar(&font, "font", "", "PNG: font file for glyphs the bundled Go fonts lack, e.g. Chinese (default $"+diagram.FontEnv+")")
	_ = cmd.MarkFlagFilename("output", "svg", "png")
	_ = cmd.RegisterFlagCompletionFunc("theme", cobra.FixedCompletions([]string{"light", "dark"}, cobra.ShellCompDirectiveNoFileComp))
	f.StringVar(&profile, "profile", "", "behaviour profile: "+oneOfProfiles())
	return cmd
}

// sweepPicture checks -o and --theme before the sweep runs: a bad name
// must not cost the runs.
func sweepPicture(out, theme, font string) (diagram.Options, error) {
	th, err := diagram.ThemeNamed(theme)
	if err != nil {
		return diagram.Options{}, sayErr(msg.SweepErrTheme, msg.Args{"Q": strconv.Quote(theme)})
	}
	if out != "" {
		if f, err := diagram.FormatForPath(out); err != nil || f == diagram.Mermaid {
			return diagram.Options{}, sayErr(msg.SweepErrOutput, msg.Args{"Q": strconv.Quote(out)})
		}
	}
	return diagram.Options{Theme: th, Font: font}, nil
}

// parseGrid reads "" (none), "P" or "FROM:TO:STEP".
func parseGrid(s string) ([]float64, error) {
	if s == "" {
		return nil, nil
	}
	bad := sayErr(msg.SweepErrLoss, msg.Args{"Q": strconv.Quote(s)})
	parts := strings.Split(s, ":")
	var v []float64
	for _, p := range parts {
		x, err := strconv.ParseFloat(p, 64)
		if err != nil || math.IsNaN(x) {
			return nil, bad
		}
		v = append(v, x)
	}
	switch len(v) {
	case 1:
		v = []float64{v[0], v[0], 1}
	case 3:
	default:
		return nil, bad
	}
	from, to, step := v[0], v[1], v[2]
	if from < 0 || to > 1 || from > to || step <= 0 {
		return nil, bad
	}
	n := int(math.Floor((to-from)/step+1e-9)) + 1
	if n > 1000 {
		return nil, sayErr(msg.SweepErrLossPoints, msg.Args{"Q": strconv.Quote(s), "N": n})
	}
	grid := make([]float64, n)
	for i := range grid {
		grid[i] = math.Round((from+float64(i)*step)*1e9) / 1e9
	}
	return grid, nil
}

// startProgress shows runs done, runs/s and an ETA on a terminal, every
// 200 ms (wall clock: the runs themselves never read it). The returned
// function stops it and clears the line.
func startProgress(w io.Writer, total int64, opt *explore.SweepOptions, p *msg.Printer) func() {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(f.Fd()) {
		return func() {}
	}
	var done atomic.Int64
	opt.Progress = func(n int64) { done.Add(n) }
	stop := make(chan struct{})
	finished := make(chan struct{})
	start := time.Now()
	go func() {
		defer close(finished)
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				fmt.Fprint(w, "\r\x1b[K")
				return
			case <-t.C:
				d := done.Load()
				el := time.Since(start).Seconds()
				rate := float64(d) / el
				eta := "?"
				if rate > 0 {
					eta = time.Duration(float64(total-d) / rate * float64(time.Second)).Round(time.Second).String()
				}
				line := p.T(msg.SweepProgress, msg.Args{"Done": d, "Total": total, "Rate": fmt.Sprintf("%.0f", rate), "ETA": eta})
				fmt.Fprint(w, "\r\x1b[K"+line)
			}
		}
	}()
	return func() { close(stop); <-finished }
}

// parseDelayGrid reads "" (none), "D" or "FROM:TO:STEP" of durations.
func parseDelayGrid(s string) ([]time.Duration, error) {
	if s == "" {
		return nil, nil
	}
	bad := sayErr(msg.SweepErrDelay, msg.Args{"Q": strconv.Quote(s)})
	var v []time.Duration
	for _, p := range strings.Split(s, ":") {
		d, err := time.ParseDuration(p)
		if err != nil || d < 0 {
			return nil, bad
		}
		v = append(v, d)
	}
	switch len(v) {
	case 1:
		return v, nil
	case 3:
	default:
		return nil, bad
	}
	from, to, step := v[0], v[1], v[2]
	if from > to || step <= 0 {
		return nil, bad
	}
	if n := (to-from)/step + 1; n > 1000 {
		return nil, sayErr(msg.SweepErrDelayPoints, msg.Args{"Q": strconv.Quote(s), "N": int64(n)})
	}
	var grid []time.Duration
	for d := from; d <= to; d += step {
		grid = append(grid, d)
	}
	return grid, nil
}
