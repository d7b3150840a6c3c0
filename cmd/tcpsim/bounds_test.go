package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Each hostile input of issue 19, stopped by its limit with a message
// that names it and says what was going on, and exit status 3. Limits
// are lowered so the test is quick; TestPeakMemory runs the defaults.
func TestHostileInputsStopped(t *testing.T) {
	for _, c := range []struct {
		file, flag, limit, what string
	}{
		{"ack-storm", "--max-events=20000", "20,000 events", "an ACK storm"},
		{"storm-delay-0s", "--max-events=20000", "at t=1.000s", "an ACK storm"},
		{"storm-delay-1ns", "--max-segments=10000", "10,000 segments", "an ACK storm"},
		{"duplicate", "--max-segments=20000", "20,000 segments", "the link also duplicated"},
		{"duplicate", "--max-in-flight=50", "50 segments were on the link at once", "A sent 195 segments and B 200"},
		{"loss-retries", "--max-time=1h", "stopped at t=3600.000s, the virtual time limit", "retransmissions"},
		{"ack-storm", "--max-memory=4MiB", "memory limit of 4 MiB", "an ACK storm"},
	} {
		t.Run(c.file+c.flag, func(t *testing.T) {
			path := filepath.Join("testdata", "hostile", c.file+".yaml")
			for _, verb := range [][]string{{"run", "--format", "jsonl"}, {"check"}, {"export", "-o", filepath.Join(t.TempDir(), "x.pcap")}} {
				args := append(append(verb, path), c.flag)
				_, stderr, code := cli(t, args...)
				if verb[0] == "check" {
					continue // no expectations: check does not run it
				}
				if code != exitLimit || !strings.Contains(stderr, c.limit) || !strings.Contains(stderr, c.what) {
					t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
				}
			}
		})
	}
}

// check runs a scenario with expectations too: STOP, exit 3.
func TestCheckStopped(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "hostile", "ack-storm.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	p := file(t, "storm.yaml", string(src)+"expect:\n  final: {a: ESTABLISHED}\nlimits: {events: 20000}\n")
	out, _, code := cli(t, "check", p)
	if code != exitLimit || !strings.Contains(out, "STOP") || !strings.Contains(out, "1 stopped by a limit") || !strings.Contains(out, "20,000 events") {
		t.Errorf("exit %d\n%s", code, out)
	}
}

func TestHostileLoaderInputs(t *testing.T) {
	_, stderr, code := cli(t, "run", filepath.Join("testdata", "hostile", "until-huge.yaml"))
	if code != exitUsage || !strings.Contains(stderr, "until: 1000000h is longer than 1000h") {
		t.Errorf("exit %d, %q", code, stderr)
	}
	_, stderr, code = cli(t, "run", "handshake", "--max-events=0")
	if code != exitUsage || !strings.Contains(stderr, "--max-events") {
		t.Errorf("exit %d, %q", code, stderr)
	}
}

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
)

// buildTcpsim builds the command once, without the race detector, so a
// subprocess measures what users run. It builds into the same place
// every time (per checkout, in the user's cache directory), where go build
// finds the binary up to date and skips the link, seconds of CPU.
func buildTcpsim(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := binDir()
		if err != nil {
			buildErr = err
			return
		}
		builtBin = filepath.Join(dir, "tcpsim")
		cmd := exec.Command("go", "build", "-o", builtBin, ".")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtBin
}

// binDir is where buildTcpsim keeps the binary of this checkout.
func binDir() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	base, err := os.UserCacheDir()
	if err != nil {
		base = os.TempDir()
	}
	sum := sha256.Sum256([]byte(wd))
	dir := filepath.Join(base, "tcpsim-test", hex.EncodeToString(sum[:8]))
	return dir, os.MkdirAll(dir, 0o700)
}

// The worst hostile input (an ACK storm in zero virtual time, so until:
// never ends it) stopped by the memory limit with exit 3, the process's
// peak memory under a ceiling. (With the default limits, 512 MiB, it
// peaks near 630 MiB; that run takes 20 s, too long for every test run.)
func TestPeakMemory(t *testing.T) {
	t.Parallel() // a subprocess: it shares nothing with the other tests
	bin := buildTcpsim(t)
	const ceiling = 192 << 20
	cmd := exec.Command(bin, "run", "--format", "jsonl", "--max-memory=64MiB", filepath.Join("testdata", "hostile", "storm-delay-0s.yaml"))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	peak, err := peakOf(t, cmd)
	code := cmd.ProcessState.ExitCode()
	if code != exitLimit || !strings.Contains(stderr.String(), "the trace reached the memory limit of 64 MiB") {
		t.Fatalf("exit %d (%v): %s", code, err, stderr.String())
	}
	t.Logf("peak memory %d MiB", peak>>20)
	if peak == 0 {
		t.Fatal("no measure of the peak")
	}
	if peak > ceiling {
		t.Errorf("peak memory %d MiB, over the ceiling of %d MiB", peak>>20, ceiling>>20)
	}
}

// peakOf runs cmd and returns its peak resident memory: the child's
// high-water mark, from /proc (rusage's maxrss would include the test
// process's own memory, inherited before exec).
func peakOf(t *testing.T, cmd *exec.Cmd) (int64, error) {
	t.Helper()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var peak int64
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	for {
		select {
		case err := <-done:
			return peak, err
		case <-time.After(5 * time.Millisecond):
			if hwm := vmHWM(cmd.Process.Pid); hwm > peak {
				peak = hwm
			}
		}
	}
}

// vmHWM reads a process's peak resident memory (bytes) from /proc.
func vmHWM(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			var kb int64
			fmt.Sscanf(strings.TrimSpace(v), "%d", &kb)
			return kb << 10
		}
	}
	return 0
}

func TestNoTerminal(t *testing.T) {
	t.Parallel()
	bin := buildTcpsim(t)
	capture := filepath.Join(t.TempDir(), "h.pcap")
	if _, stderr, code := cli(t, "export", "handshake", "-o", capture); code != 0 {
		t.Fatal(stderr)
	}
	for _, args := range [][]string{{capture}, {"handshake"}} {
		cmd := exec.Command(bin, args...)
		cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true} // no controlling terminal
		out, _ := cmd.CombinedOutput()
		if cmd.ProcessState.ExitCode() != exitUsage || !strings.Contains(string(out), "the lab needs a terminal; use `tcpsim") {
			t.Errorf("%v: exit %d, %q", args, cmd.ProcessState.ExitCode(), out)
		}
	}
}

func TestExportIOErrorAndSymlink(t *testing.T) {
	dir := t.TempDir()
	if _, stderr, code := cli(t, "export", "handshake", "-o", filepath.Join(dir, "missing", "x.pcap")); code != exitIO {
		t.Errorf("missing directory: exit %d, %q", code, stderr)
	}
	target := filepath.Join(dir, "real.pcap")
	link := filepath.Join(dir, "link.pcap")
	if err := os.Symlink("real.pcap", link); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := cli(t, "export", "handshake", "-o", link); code != 0 {
		t.Fatalf("exit %d, %q", code, stderr)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", fi.Mode(), err)
	}
	if fi, err := os.Stat(target); err != nil || fi.Size() == 0 {
		t.Errorf("the target was not written: %v", err)
	}
	dangling := filepath.Join(dir, "dangling.pcap")
	if err := os.Symlink("nowhere/x.pcap", dangling); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := cli(t, "export", "handshake", "-o", dangling); code != exitIO || !strings.Contains(stderr, "symbolic link to") {
		t.Errorf("dangling link: exit %d, %q", code, stderr)
	}
}

func TestExportSweepsStaleTemps(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, ".old.pcapng.tmp12345")
	fresh := filepath.Join(dir, ".busy.pcap.tmp999")
	other := filepath.Join(dir, ".notes.txt.tmp1")
	for _, p := range []string{stale, fresh, other} {
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(stale, old, old); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(other, old, old); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := cli(t, "export", "handshake", "-o", filepath.Join(dir, "x.pcap")); code != 0 {
		t.Fatal(stderr)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Error("a stale temporary file was left")
	}
	for _, p := range []string{fresh, other} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was removed: an export still writing it, or not ours", filepath.Base(p))
		}
	}
}

// An export interrupted by SIGTERM or SIGINT while writing leaves no
// temporary file, and exits 128+signal.
func TestExportInterrupted(t *testing.T) {
	t.Parallel()
	bin := buildTcpsim(t)
	big := file(t, "big.yaml", "endpoints: {a: {mss: 1}, b: {mss: 1}}\n"+
		"timeline:\n  - {at: 0s, b: listen}\n  - {at: 0s, a: connect}\n  - {when: {a: ESTABLISHED}, a: {send: 100000}}\n")
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			cmd := exec.Command(bin, "export", big, "--tap", "link", "-o", filepath.Join(dir, "big.pcapng"))
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			deadline := time.Now().Add(2 * time.Minute)
			for len(temps(dir)) == 0 && time.Now().Before(deadline) {
				time.Sleep(time.Millisecond)
			}
			if len(temps(dir)) == 0 {
				t.Fatal("the export never started writing")
			}
			_ = cmd.Process.Signal(sig)
			_ = cmd.Wait()
			if code := cmd.ProcessState.ExitCode(); code != 128+int(sig) {
				t.Errorf("%v: exit %d", sig, code)
			}
			if ents, _ := os.ReadDir(dir); len(ents) != 0 {
				t.Errorf("%v: left %v", sig, ents)
			}
		})
	}
}
