package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/lesson"
	"github.com/tcpsim/tcpsim/trace"

	"github.com/spf13/cobra"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/ui"
)

// cli runs the command in-process and returns stdout, stderr and the exit code.
func cli(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := execute(context.Background(), args, &out, &errb)
	return out.String(), errb.String(), code
}

// file writes a scenario into a temporary directory and returns its path.
func file(t *testing.T, name, src string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const minimal = "timeline:\n  - {at: 0s, b: listen}\n  - {at: 0s, a: connect}\n"

// badSrc has a typo on line 3.
const badSrc = "timeline:\n  - {at: 0s, b: listen}\n  - {at: 0s, a: conect}\n"

func badWant(path string) string {
	return path + `:3:17: timeline[1].a: unknown action "conect" (did you mean "connect"?); expected listen, connect, send, close, shutdown, abort, crash, read or stop_reading` + "\n" +
		"   1 | timeline:\n" +
		"   2 |   - {at: 0s, b: listen}\n" +
		">  3 |   - {at: 0s, a: conect}\n" +
		"                       ^\n"
}

// ladder is the run's ladder as run prints it to a pipe (80 columns).
func ladder(t *testing.T, cfg *sim.Config) string {
	var b bytes.Buffer
	if err := trace.WriteLadderWidth(&b, sim.Run(cfg), nil, defaultWidth); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func bundled(t *testing.T, name string) *scenarios.Scenario {
	sc, err := scenarios.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func TestRunText(t *testing.T) {
	out, errs, code := cli(t, "run", "handshake")
	sc := bundled(t, "handshake")
	var desc strings.Builder
	writeProse(&desc, sc.Description, defaultWidth)
	want := "handshake: Three-way handshake\n\n" + desc.String() + "\n" + ladder(t, sc.Config)
	if code != 0 || errs != "" || out != want {
		t.Errorf("exit %d, stderr %q, stdout:\n%s\nwant:\n%s", code, errs, out, want)
	}
}

func TestRunJSONL(t *testing.T) {
	out, errs, code := cli(t, "run", "refused", "--format", "jsonl")
	var want bytes.Buffer
	trace.WriteJSONL(&want, sim.Run(bundled(t, "refused").Config))
	if code != 0 || errs != "" || out != want.String() {
		t.Errorf("exit %d, stderr %q, stdout:\n%s", code, errs, out)
	}
}

// Flags override the scenario: the output is the ladder of the changed config.
func TestRunOverrides(t *testing.T) {
	out, _, code := cli(t, "run", "data-with-loss", "--seed", "8", "--loss", "0.2", "--delay", "20ms", "--until", "3s", "--profile", "rfc9293")
	sc := bundled(t, "data-with-loss")
	c := sc.Config
	c.Seed, c.AtoB.Loss, c.BtoA.Loss = 8, 0.2, 0.2
	c.AtoB.Delay, c.BtoA.Delay = 20*time.Millisecond, 20*time.Millisecond
	c.Until = 3 * time.Second
	want := ladder(t, c)
	if code != 0 || !strings.HasSuffix(out, want) {
		t.Errorf("exit %d; output does not end with the overridden ladder:\n%s", code, out)
	}
	if plain, _, _ := cli(t, "run", "data-with-loss"); plain == out {
		t.Error("the flags changed nothing")
	}
}

func TestRunFile(t *testing.T) {
	p := file(t, "mine.yaml", "title: Mine\n"+minimal)
	out, errs, code := cli(t, "run", p)
	if code != 0 || errs != "" || !strings.HasPrefix(out, "mine: Mine\n\n") || !strings.Contains(out, "final: A ESTABLISHED, B ESTABLISHED") {
		t.Errorf("exit %d, stderr %q, stdout:\n%s", code, errs, out)
	}
}

func TestUsageErrors(t *testing.T) {
	help := "Run 'tcpsim --help' for usage.\n"
	for _, c := range []struct {
		args []string
		err  string
	}{
		{[]string{"run"}, "tcpsim: accepts 1 arg(s), received 0\n" + help},
		{[]string{"run", "handshake", "--loss", "2"}, "tcpsim: invalid argument 2 for --loss: expected a probability from 0 to 1\n" + help},
		{[]string{"run", "handshake", "--delay", "-1s"}, "tcpsim: invalid argument -1s for --delay: expected 0s or more\n" + help},
		{[]string{"run", "handshake", "--until", "0s"}, "tcpsim: invalid argument 0s for --until: expected more than 0s\n" + help},
		{[]string{"run", "handshake", "--format", "xml"}, `tcpsim: invalid argument "xml" for --format: expected text or jsonl` + "\n" + help},
		{[]string{"run", "handshake", "--profile", "bsd"}, `tcpsim: invalid argument "bsd" for --profile: expected ` + oneOfProfiles() + "\n" + help},
		{[]string{"run", "handshake", "--sed", "1"}, "tcpsim: unknown flag: --sed\n" + help},
		{[]string{"run", "normal-clos"}, `tcpsim: no scenario "normal-clos": not a bundled scenario (see tcpsim list) and no such file; did you mean "normal-close"?` + "\n"},
		{[]string{"lsit"}, `tcpsim: no scenario "lsit": not a bundled scenario (see tcpsim list) and no such file; did you mean the command "list"?` + "\n"},
		{[]string{"show"}, "tcpsim: accepts 1 arg(s), received 0\n" + help},
		{[]string{"validate"}, "tcpsim: requires at least 1 arg(s), only received 0\n" + help},
		{[]string{"list", "x"}, "tcpsim: unknown command \"x\" for \"tcpsim list\"\n" + help},
	} {
		out, errs, code := cli(t, c.args...)
		if code != 2 || out != "" || errs != c.err {
			t.Errorf("%v: exit %d, stdout %q, stderr:\n%s\nwant:\n%s", c.args, code, out, errs, c.err)
		}
	}
}

// An invalid file: exit 2 and the position plus the lines around it.
func TestInvalidFile(t *testing.T) {
	p := file(t, "bad.yaml", badSrc)
	for _, verb := range []string{"run", "show", "validate", "check"} {
		out, errs, code := cli(t, verb, p)
		if code != 2 || errs != badWant(p) {
			t.Errorf("%s: exit %d, stderr:\n%s\nwant:\n%s", verb, code, errs, badWant(p))
		}
		if verb != "check" && out != "" {
			t.Errorf("%s: stdout %q", verb, out)
		}
	}
}

func TestList(t *testing.T) {
	out, errs, code := cli(t, "list")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if code != 0 || errs != "" || len(lines) != len(scenarios.Names()) {
		t.Fatalf("exit %d, stderr %q, %d lines:\n%s", code, errs, len(lines), out)
	}
	if want := "abort                      Abort (RST in the middle of a connection)"; lines[0] != want {
		t.Errorf("first line %q, want %q", lines[0], want)
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("color on a pipe")
	}
}

func TestShow(t *testing.T) {
	out, errs, code := cli(t, "show", "lost-fin")
	src := string(bundled(t, "lost-fin").Source)
	if code != 0 || errs != "" || out != urlSchemaLine+strings.TrimPrefix(src, repoSchemaLine) {
		t.Errorf("exit %d, stderr %q, stdout:\n%s", code, errs, out)
	}
	// The schema comment works wherever the copy is saved: not a path
	// relative to the repository.
	if !strings.HasPrefix(src, repoSchemaLine) || strings.Contains(out, "../docs") {
		t.Errorf("the schema comment was not made portable:\n%s", out[:min(len(out), 120)])
	}
	mine := file(t, "mine.yaml", "# yaml-language-server: $schema=../docs/scenario.schema.json\n"+minimal)
	if out, _, _ := cli(t, "show", mine); !strings.HasPrefix(out, urlSchemaLine) {
		t.Errorf("a copy of a bundled file: %q", out)
	}
	// What show prints loads again: ready to copy and edit.
	if _, err := scenarios.Load("copy.yaml", []byte(out)); err != nil {
		t.Error(err)
	}
}

func TestCheckBundled(t *testing.T) {
	out, errs, code := cli(t, "check")
	ok := 0
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "ok    ") {
			ok++
		}
	}
	all := len(scenarios.Names()) + len(lesson.Names()) // the bundled lessons are checked too
	if code != 0 || errs != "" || ok != all {
		t.Errorf("exit %d, stderr %q, stdout:\n%s", code, errs, out)
	}
	if !strings.HasSuffix(out, fmt.Sprintf("\n%d passed, 0 failed\n", all)) {
		t.Errorf("summary: %s", out)
	}
}

func TestCheckFailure(t *testing.T) {
	p := file(t, "fail.yaml", minimal+"expect:\n  final: {a: ESTABLISHED, b: LISTEN}\n")
	out, errs, code := cli(t, "check", p, "handshake")
	want := "FAIL  fail\n      " + p + ":5: expect.final.b: expected B to end in LISTEN, but it ended in ESTABLISHED\n" +
		"ok    handshake\n\n1 passed, 1 failed\n"
	if code != 1 || errs != "" || out != want {
		t.Errorf("exit %d, stderr %q, stdout:\n%s\nwant:\n%s", code, errs, out, want)
	}
}

func TestCheckMixed(t *testing.T) {
	bad := file(t, "bad.yaml", badSrc)
	none := file(t, "none.yaml", minimal)
	out, errs, code := cli(t, "check", bad, none, "-v", "refused")
	want := "--    none (no expectations)\n" +
		"ok    refused\n" +
		"      ✓ A to end in CLOSED\n" +
		"      ✓ B to end in CLOSED\n" +
		"      ✓ A to pass through SYN-SENT, CLOSED in that order\n" +
		"      ✓ B never to enter LISTEN\n" +
		"      ✓ B never to enter SYN-RECEIVED\n" +
		"      ✓ A to send 1 segment with flags SYN\n" +
		"      ✓ B to send 1 segment with flags RST,ACK\n" +
		"      ✓ B to send 0 segments with flags including SYN\n" +
		"      ✓ B's 1st segment with flags RST,ACK to have seq=0 ack=101 (raw numbers)\n" +
		"      ✓ A to be told \"connection reset\"\n" +
		"      ✓ B to be told of no error\n" +
		"\n1 passed, 0 failed, 1 without expectations\n"
	if code != 2 || errs != badWant(bad) || out != want {
		t.Errorf("exit %d, stderr:\n%s\nstdout:\n%s\nwant:\n%s", code, errs, out, want)
	}
}

func TestValidate(t *testing.T) {
	good := file(t, "good.yaml", minimal)
	out, errs, code := cli(t, "validate", good, "handshake")
	if code != 0 || errs != "" || out != "ok  "+good+" (good)\nok  handshake (handshake)\n" {
		t.Errorf("exit %d, stderr %q, stdout %q", code, errs, out)
	}
	bad := file(t, "bad.yaml", badSrc)
	out, errs, code = cli(t, "validate", good, bad)
	if code != 2 || out != "ok  "+good+" (good)\n" || errs != badWant(bad) {
		t.Errorf("exit %d, stdout %q, stderr:\n%s", code, out, errs)
	}
}

// With no argument the TUI opens on the default scenario; with one, on that.
func TestRootOpensTUI(t *testing.T) {
	var got []string
	runTUI = func(sc *scenarios.Scenario, _ ui.Options) error {
		got = append(got, sc.Name)
		return nil
	}
	defer func() { runTUI = ui.Run }()
	if _, errs, code := cli(t); code != 0 || errs != "" {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	p := file(t, "mine.yaml", minimal)
	cli(t, p)
	cli(t, "lost-fin")
	if want := []string{scenarios.Default, "mine", "lost-fin"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("TUI opened on %v, want %v", got, want)
	}
	runTUI = func(*scenarios.Scenario, ui.Options) error { return errors.New("no terminal") }
	if _, errs, code := cli(t); code != 1 || errs != "tcpsim: no terminal\n" {
		t.Errorf("a failing TUI: exit %d, stderr %q", code, errs)
	}
	runTUI = func(*scenarios.Scenario, ui.Options) error { return errors.New("tcpsim: internal error") }
	if _, errs, _ := cli(t); errs != "tcpsim: internal error\n" {
		t.Errorf("prefix doubled: %q", errs)
	}
}

// Other files add verbs by appending to extraCommands from an init().
func TestExtraCommands(t *testing.T) {
	saved := extraCommands
	defer func() { extraCommands = saved }()
	extraCommands = append(extraCommands, func() *cobra.Command {
		return &cobra.Command{Use: "hello", RunE: func(cmd *cobra.Command, _ []string) error {
			cmd.Print("hi\n")
			return nil
		}}
	})
	if out, _, code := cli(t, "hello"); code != 0 || out != "hi\n" {
		t.Errorf("exit %d, stdout %q", code, out)
	}
}

func TestHelpAndVersion(t *testing.T) {
	out, _, code := cli(t, "--help")
	for _, verb := range []string{"run", "list", "show", "check", "validate"} {
		if !strings.Contains(out, verb) {
			t.Errorf("help does not mention %s", verb)
		}
	}
	if code != 0 || strings.Contains(out, "\x1b[") {
		t.Errorf("exit %d, or color on a pipe:\n%s", code, out)
	}
	if _, _, code := cli(t, "--version"); code != 0 {
		t.Errorf("--version: exit %d", code)
	}
}

func TestColor(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if useColor(f) || useColor(&bytes.Buffer{}) {
		t.Error("color for something that is not a terminal")
	}
	if paint(false, red, "x") != "x" || paint(true, red, "x") != "\x1b[31mx\x1b[0m" {
		t.Error("paint")
	}
	t.Setenv("NO_COLOR", "1")
	if useColor(os.Stdout) {
		t.Error("color despite NO_COLOR")
	}
}

// A capture file opens the lab on the replayed connection; a broken one
// is refused with the reader's error.
func TestRootOpensCapture(t *testing.T) {
	var got *trace.Trace
	var title string
	runCaptureTUI = func(_, ti string, tr *trace.Trace, _ ui.Options) error {
		got, title = tr, ti
		return nil
	}
	defer func() { runCaptureTUI = ui.RunCapture }()
	if _, errs, code := cli(t, "../../replay/testdata/a_normal.pcap"); code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	if got == nil || got.Final[trace.A] != fsm.TimeWait && got.Final[trace.A] != fsm.Closed || !strings.Contains(title, "a_normal.pcap") {
		t.Fatalf("lab opened on %q with final states %v", title, got.Final)
	}
	bad := file(t, "broken.pcap", "not a capture at all")
	if _, errs, code := cli(t, bad); code != 2 || !strings.Contains(errs, "broken.pcap") {
		t.Errorf("broken capture: exit %d, stderr %q", code, errs)
	}
}
