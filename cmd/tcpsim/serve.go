package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/tcpsim/tcpsim/trace"

	"github.com/spf13/cobra"

	"github.com/tcpsim/tcpsim/lesson"
	"github.com/tcpsim/tcpsim/serve"
	"github.com/tcpsim/tcpsim/sim/pcap"
	"github.com/tcpsim/tcpsim/ui"
)

func init() {
	extraCommands = append(extraCommands, newServeCmd)
}

// runLeader runs the teacher's lab in follow mode; tests replace it.
var runLeader = ui.RunSession

func newServeCmd() *cobra.Command {
	var (
		listen, hostKey, scDir, lesDir, pwFile, authKeys, host, logFile string
		maxSessions, maxForks, maxEvents                                int
		idle                                                            time.Duration
		follow                                                          bool
	)
	cmd := &cobra.Command{
		Use:   "serve [SCENARIO|LESSON|FILE]",
		Short: "Serve the lab over SSH to a class: ssh -p 2222 host, nothing to install",
		Long: `Serve the lab over SSH. Every student types ssh -p 2222 HOST and gets a lab
of their own, in their own terminal, at their own size and colours: own
timelines, own forks, own lessons and score, own language (from LANG/LC_*
when their ssh sends it, or ssh -t HOST --lang zh; --lang here sets the
default for students whose ssh sends none).

Students may name what they want after the host: ssh -t -p 2222 HOST learn
lists the lessons (the bundled course and --lessons DIR), ssh -t -p 2222 HOST
learn time-wait opens one, ssh -t -p 2222 HOST lost-fin a scenario.

Safe by default: no shell, no file access. The scenario picker lists the
bundled library and --scenarios DIR only; an export (e) is saved in a private
area for that student and the lab shows the scp command that fetches it.
Without --password-file or --authorized-keys anyone who reaches the port gets
in (a warning says so). The host key is created on the first start and kept
in $XDG_STATE_HOME/tcpsim (or ~/.local/state/tcpsim).

With --follow the teacher's lab runs in this terminal and every student's
lab follows it step by step; F releases the class to explore on its own (and
gathers it again), w shows who is connected. See docs/serve.md.`,
		Example: `  # an open lab on the classroom network
  tcpsim serve
  # a class password, your own scenarios, and the class follows you
  tcpsim serve --password-file class.txt --scenarios lesson3/ --follow lost-fin
  # every lab opens on a lesson; your own lessons too, Chinese by default
  tcpsim serve time-wait --lessons mine/ --lang zh
  # students:
  ssh -p 2222 alice@teacher-laptop
  ssh -t -p 2222 alice@teacher-laptop learn why-three-segments`,
		Args:              cobra.MaximumNArgs(1),
		ValidArgsFunction: completeScenarios,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg := serve.Config{
				HostKeyPath: hostKey, ScenarioDir: scDir, PasswordFile: pwFile, AuthorizedKeys: authKeys,
				MaxSessions: maxSessions, IdleTimeout: idle, MaxForks: maxForks, MaxEvents: maxEvents, Follow: follow, PublicHost: host,
				Export: func(tr *trace.Trace, path string) error { return pcap.WriteFile(path, tr, pcap.Options{}) },
			}
			if f := cmd.Flag("lang"); f != nil && f.Changed {
				l, _, err := language(cmd)
				if err != nil {
					return err
				}
				cfg.Lang = l
			}
			cfg.LessonDir = lesDir
			if err := serveStart(cmd, &cfg, args); err != nil {
				return err
			}
			return runServe(cmd, cfg, listen, logFile)
		},
	}
	f := cmd.Flags()
	f.StringVar(&listen, "listen", ":2222", "address to listen on (host:port)")
	f.StringVar(&hostKey, "host-key", "", "host key file, created on first start (default $XDG_STATE_HOME/tcpsim/ssh_host_ed25519_key)")
	f.StringVar(&scDir, "scenarios", "", "directory of scenario files offered in the picker, with the bundled library")
	f.StringVar(&lesDir, "lessons", "", "directory of lesson files offered by W and learn, with the bundled course")
	f.StringVar(&pwFile, "password-file", "", "file whose first line is the class password")
	f.StringVar(&authKeys, "authorized-keys", "", "authorized_keys file of public keys let in")
	f.IntVar(&maxSessions, "max-sessions", 50, "labs at once; the next student is told the class is full")
	f.DurationVar(&idle, "idle-timeout", 30*time.Minute, "close a lab nobody typed in for this long")
	f.IntVar(&maxForks, "max-forks", 20, "forked timelines a lab keeps for undo")
	f.IntVar(&maxEvents, "max-events", serve.DefaultMaxEvents, "events a lab's run may make when its scenario sets no limit")
	f.BoolVar(&follow, "follow", false, "run your lab here; students' labs follow it until you release them (F)")
	f.StringVar(&host, "public-host", "", "host name students use, shown in the scp command of an export")
	f.StringVar(&logFile, "log", "", "append the connection log to this file (default: stderr; with --follow, none)")
	_ = cmd.MarkFlagDirname("scenarios")
	_ = cmd.MarkFlagDirname("lessons")
	_ = cmd.MarkFlagFilename("password-file")
	_ = cmd.MarkFlagFilename("authorized-keys")
	return cmd
}

// runServe starts the server, says how to connect, and runs until ctrl+c
// (or, with --follow, until the teacher quits the lab).
func runServe(cmd *cobra.Command, cfg serve.Config, listen, logFile string) error {
	out := cmd.ErrOrStderr()
	var logw io.Writer = out
	if cfg.Follow {
		logw = io.Discard // the teacher's terminal shows the lab
	}
	if logFile != "" {
		f, err := os.OpenFile(logFile, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
		if err != nil {
			return fmt.Errorf("--log: %w", err)
		}
		defer f.Close()
		logw = f
	}
	cfg.Log = logw
	srv, err := serve.New(cfg)
	if err != nil {
		return err
	}
	l, err := serve.Listen(listen)
	if err != nil {
		return err
	}
	color := useColor(out)
	fmt.Fprintf(out, "tcpsim serving the lab on %s — students: ssh -p %s HOST\n", l.Addr(), portOf(l.Addr().String()))
	fmt.Fprintf(out, "host key %s\n", srv.HostKeyFingerprint())
	if srv.Open() {
		fmt.Fprintln(out, paint(color, red, "warning: no --password-file or --authorized-keys: anyone who can reach this port gets a lab. Use it on a trusted network only."))
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(l) }()

	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if cfg.Follow {
		lead := srv.NewLeader(cfg.Scenario)
		if f := cmd.Flag("lang"); f != nil && f.Changed { // the teacher's own lab; students keep theirs
			if l, _, err := language(cmd); err == nil {
				lead.SetLang(l)
			}
		}
		go func() {
			if err := runLeader(lead); err != nil {
				errc <- err
				return
			}
			stop()
		}()
	}
	select {
	case <-ctx.Done():
	case err = <-errc:
	}
	sctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if serr := srv.Shutdown(sctx); serr != nil && err == nil && !errors.Is(serr, context.DeadlineExceeded) {
		err = serr
	}
	if err != nil {
		return &exitError{code: exitFailed, err: err}
	}
	fmt.Fprintln(out, "tcpsim: the class is over")
	return nil
}

// serveStart is where every lab starts: a scenario, or a lesson (a
// bundled lesson's name or a lesson file, as tcpsim learn takes).
func serveStart(cmd *cobra.Command, cfg *serve.Config, args []string) error {
	if len(args) == 0 {
		return nil
	}
	if isLesson(args[0]) {
		les, err := lesson.Lookup(args[0])
		if err != nil {
			return err
		}
		cfg.Lesson = les // with --follow, the teacher's lab opens on it and the class follows
		return nil
	}
	sc, err := lookup(cmd, args[0])
	if err != nil {
		return err
	}
	cfg.Scenario = sc
	return nil
}

func portOf(addr string) string {
	for i := len(addr) - 1; i >= 0; i-- {
		if addr[i] == ':' {
			return addr[i+1:]
		}
	}
	return addr
}
