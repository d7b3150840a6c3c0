package serve

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/trace"

	"github.com/tcpsim/tcpsim/sim/pcap"
)

// These tests drive the server with OpenSSH's client inside tmux, as a
// student would: a real pty, real keys, the screen read back. Without ssh
// or tmux they skip, except under CI=true, where that is a failure
// (.ci/run installs both).
func need(t testing.TB, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s not found and CI=true: install it (apt-get install -y openssh-client tmux)", tool)
			}
			t.Skipf("%s not found; install openssh-client and tmux to run the SSH tests", tool)
		}
	}
}

// testServer is a server on 127.0.0.1 with a client key it accepts.
type testServer struct {
	*Server
	port string
	key  string // the client's private key file
	dir  string
}

// startServer serves on a free loopback port; cfg.AuthorizedKeys is set
// to a fresh client key unless cfg.PasswordFile is given.
func startServer(t *testing.T, cfg Config) *testServer {
	t.Helper()
	need(t, "ssh", "ssh-keygen", "tmux")
	dir := t.TempDir()
	ts := &testServer{dir: dir, key: filepath.Join(dir, "id_ed25519")}
	if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", ts.key).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen: %v\n%s", err, out)
	}
	if cfg.PasswordFile == "" && cfg.AuthorizedKeys == "" {
		cfg.AuthorizedKeys = ts.key + ".pub"
	}
	cfg.HostKeyPath = filepath.Join(dir, "host_key")
	if cfg.Export == nil {
		cfg.Export = func(tr *trace.Trace, path string) error { return pcap.WriteFile(path, tr, pcap.Options{}) }
	}
	if testing.Verbose() {
		cfg.Log = os.Stderr
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(l) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	_, ts.port, _ = net.SplitHostPort(l.Addr().String())
	ts.Server = srv
	return ts
}

// sshArgs are the client's arguments: no user config, no known hosts.
func (ts *testServer) sshArgs(extra ...string) []string {
	a := []string{"-p", ts.port, "-F", "/dev/null", "-i", ts.key, "-o", "IdentitiesOnly=yes",
		"-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR"}
	return append(a, extra...)
}

// tmux is one tmux server private to a test.
type tmux struct {
	t    *testing.T
	sock string
}

var tmuxN atomic.Int32

func newTmux(t *testing.T) *tmux {
	tm := &tmux{t: t, sock: fmt.Sprintf("tcpsim-serve-test-%d-%d", os.Getpid(), tmuxN.Add(1))}
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", tm.sock, "kill-server").Run() })
	return tm
}

func (tm *tmux) run(args ...string) string {
	tm.t.Helper()
	c := exec.Command("tmux", append([]string{"-L", tm.sock, "-f", "/dev/null"}, args...)...)
	if os.Getenv("TERM") == "" || os.Getenv("TERM") == "dumb" {
		c.Env = append(os.Environ(), "TERM=xterm-256color") // CI runs without a terminal
	}
	out, err := c.CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// open starts a pane of w×h running ssh -tt as user, with env sent by
// SetEnv (e.g. "LANG=zh_CN.UTF-8"). The pane stays after ssh exits, so
// its last words can be read.
func (tm *tmux) open(ts *testServer, name string, w, h int, user string, env ...string) {
	tm.t.Helper()
	tm.openCmd(ts, name, w, h, user, env)
}

// openCmd is open with a command after the host (ssh -tt HOST learn …).
func (tm *tmux) openCmd(ts *testServer, name string, w, h int, user string, env []string, command ...string) {
	tm.t.Helper()
	args := []string{"-tt"}
	for _, e := range env {
		args = append(args, "-o", "SetEnv="+e)
	}
	cmd := "ssh " + strings.Join(ts.sshArgs(args...), " ") + " " + user + "@127.0.0.1 " + strings.Join(command, " ") + "; echo; echo SSH-EXITED $?; sleep 30"
	tm.run("new-session", "-d", "-s", name, "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), "sh", "-c", cmd)
}

func (tm *tmux) screen(name string) string {
	tm.t.Helper()
	return tm.run("capture-pane", "-p", "-t", name)
}

func (tm *tmux) keys(name string, keys ...string) {
	tm.t.Helper()
	tm.run(append([]string{"send-keys", "-t", name}, keys...)...)
}

// waitFor polls the screen until it holds want.
func (tm *tmux) waitFor(name, want string) string {
	tm.t.Helper()
	var s string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if s = tm.screen(name); strings.Contains(s, want) {
			return s
		}
	}
	tm.t.Fatalf("%s: %q never appeared; the screen:\n%s", name, want, s)
	return ""
}

// eventually polls cond.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting: %s", what)
}

// maxLineWidth is the widest line of a screen, in cells (the lab draws
// box characters and ASCII; tmux pads nothing on the right).
func maxLineWidth(s string) int {
	w := 0
	for _, l := range strings.Split(s, "\n") {
		w = max(w, len([]rune(l)))
	}
	return w
}

func hasMagic(t *testing.T, path string, magic []byte) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, magic) {
		t.Fatalf("%s does not start with % x", path, magic)
	}
}

// childPID finds the child of process ppid running name, from /proc.
func childPID(t *testing.T, ppid, name string) int {
	t.Helper()
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, f := range stats {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		s := string(b)
		open, end := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
		if open < 0 || end < 0 || s[open+1:end] != name {
			continue
		}
		if fields := strings.Fields(s[end+1:]); len(fields) > 1 && fields[1] == ppid {
			pid, _ := strconv.Atoi(strings.Fields(s)[0])
			return pid
		}
	}
	t.Fatalf("no %s under process %s", name, ppid)
	return 0
}
