package main

import (
	"fmt"
	"github.com/tcpsim/tcpsim/trace"
	"time"

	"github.com/spf13/cobra"

	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
)

func newRunCmd() *cobra.Command {
	var (
		seed    uint64
		loss    float64
		delay   time.Duration
		until   time.Duration
		format  string
		profile string
		limits  limitFlags
	)
	cmd := &cobra.Command{
		Use:   "run NAME|FILE",
		Short: "Run a scenario headless and print its ladder diagram or trace",
		// Long: the catalogue's (longIDs, help.go).
		Example: `  tcpsim run lost-final-ack
  tcpsim run data-with-loss --seed 3 --loss 0.2
  tcpsim run handshake --format jsonl | jq .kind`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: completeScenarios,
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "jsonl" {
				return fmt.Errorf("invalid argument %q for --format: expected text or jsonl", format)
			}
			l, p, err := language(cmd)
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
			w := cmd.OutOrStdout()
			if format == "jsonl" {
				err = trace.WriteJSONLIn(w, tr, p)
			} else {
				width := outWidth(w)
				writeProse(w, sc.Name+": "+sc.TitleIn(l), width)
				if d := sc.DescriptionIn(l); d != "" {
					fmt.Fprintln(w)
					writeProse(w, d, width)
				}
				fmt.Fprintln(w)
				err = trace.WriteLadderWidth(w, tr, p, width)
			}
			if err == nil && stop != nil {
				return limitError(sc.Name, stop)
			}
			return ioError(err)
		},
	}
	f := cmd.Flags()
	f.Uint64Var(&seed, "seed", 0, "seed for the link's randomness (loss, jitter, duplication, reordering)")
	f.Float64Var(&loss, "loss", 0, "probability 0..1 that the link loses a segment, each way")
	f.DurationVar(&delay, "delay", 0, "link delay each way, instead of the scenario's (e.g. 20ms)")
	f.DurationVar(&until, "until", 0, "stop the run at this virtual time, instead of the scenario's (e.g. 10s)")
	f.StringVar(&format, "format", "text", "output: text (ladder diagram) or jsonl (trace events)")
	f.StringVar(&profile, "profile", "", "behaviour profile: "+oneOfProfiles())
	limits.add(cmd)
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"text", "jsonl"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("profile", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return sim.ProfileNames(), cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

// applyRunFlags overrides the scenario with the flags the user set.
func applyRunFlags(cmd *cobra.Command, sc *scenarios.Scenario, seed uint64, loss float64, delay, until time.Duration, profile string) error {
	cfg := sc.Config
	set := cmd.Flags().Changed
	if set("seed") {
		cfg.Seed = seed
	}
	if set("loss") {
		if loss < 0 || loss > 1 || loss != loss {
			return fmt.Errorf("invalid argument %v for --loss: expected a probability from 0 to 1", loss)
		}
		cfg.AtoB.Loss, cfg.BtoA.Loss = loss, loss
	}
	if set("delay") {
		if delay < 0 {
			return fmt.Errorf("invalid argument %s for --delay: expected 0s or more", delay)
		}
		cfg.AtoB.Delay, cfg.BtoA.Delay = delay, delay
	}
	if set("until") {
		if until <= 0 {
			return fmt.Errorf("invalid argument %s for --until: expected more than 0s", until)
		}
		cfg.Until = until
	}
	if set("profile") {
		p, ok := sim.Profiles[profile]
		if !ok {
			return fmt.Errorf("invalid argument %q for --profile: expected %s", profile, oneOfProfiles())
		}
		sc.Profile, cfg.Profile = profile, p
	}
	return nil
}
