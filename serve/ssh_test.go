package serve

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Three students at three sizes and two languages, each with a lab of
// their own: keys in one pane move only that lab, a resize reaches only
// its session, and killing one ssh mid-run leaves the others working.
func TestSSHSessionsAreIndependent(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mine := "name: my-lesson\ntitle: A scenario of the teacher's own\ntimeline:\n  - {at: 0s, b: listen}\n  - {at: 0s, a: connect}\n"
	if err := os.WriteFile(filepath.Join(dir, "mine.yaml"), []byte(mine), 0o644); err != nil {
		t.Fatal(err)
	}
	ts := startServer(t, Config{ScenarioDir: dir})
	tm := newTmux(t)
	tm.open(ts, "small", 80, 24, "alice", "LANG=zh_CN.UTF-8")
	tm.open(ts, "mid", 120, 40, "bob", "LANG=en_US.UTF-8")
	tm.open(ts, "big", 200, 60, "carol", "LC_ALL=zh_TW.UTF-8", "LANG=C")
	// Each lab speaks its person's language.
	for p, title := range map[string]string{"small": "时序图", "mid": "Ladder", "big": "时序图"} {
		tm.waitFor(p, title)
	}
	eventually(t, "three labs", func() bool { return ts.Count() == 3 })
	want := map[string]string{"alice": "80x24 zh", "bob": "120x40 en", "carol": "200x60 zh"}
	for _, p := range ts.Peers() {
		if got := fmt.Sprintf("%dx%d %s", p.Width, p.Height, p.Lang); got != want[p.User] {
			t.Errorf("%s: %s, want %s", p.User, got, want[p.User])
		}
	}
	for p, w := range map[string]int{"small": 80, "mid": 120, "big": 200} {
		if got := maxLineWidth(tm.screen(p)); got > w {
			t.Errorf("%s: a line of %d cells on a %d-cell terminal", p, got, w)
		}
	}

	// Bob rewinds and steps twice; the others keep playing on their own.
	tm.keys("mid", "g")
	tm.waitFor("mid", "event 0/")
	tm.keys("mid", "l", "l")
	tm.waitFor("mid", "event 2/")

	// Alice's window grows; only her session sees it.
	tm.run("resize-window", "-t", "small", "-x", "100", "-y", "30")
	eventually(t, "alice's resize", func() bool {
		for _, p := range ts.Peers() {
			if p.User == "alice" {
				return p.Width == 100 && p.Height == 30
			}
		}
		return false
	})

	// Carol's ssh dies mid-run.
	pid := strings.TrimSpace(tm.run("display-message", "-p", "-t", "big", "#{pane_pid}"))
	if err := syscall.Kill(childPID(t, pid, "ssh"), syscall.SIGKILL); err != nil {
		t.Fatalf("killing carol's ssh: %v", err)
	}
	eventually(t, "carol's lab to end", func() bool { return ts.Count() == 2 })

	// Bob's lab still answers, and his picker lists the bundled library
	// and the served directory, nothing else.
	tm.keys("mid", "l")
	tm.waitFor("mid", "event 3/")
	tm.keys("mid", "o")
	tm.waitFor("mid", "Open a scenario")
	tm.waitFor("mid", "normal-close")                                    // the bundled library, once listed
	tm.keys("mid", strings.Split(strings.Repeat("j ", 30), " ")[:30]...) // to the end of the list
	s := tm.waitFor("mid", "mine.yaml")
	if !strings.Contains(s, "A scenario of the teacher's own") {
		t.Errorf("the served scenario's title is missing:\n%s", s)
	}
	tm.keys("mid", "Enter")
	tm.waitFor("mid", "opened my-lesson")

	// Alice quits with q; her ssh exits cleanly and Bob is still there.
	tm.keys("small", "q")
	tm.waitFor("small", "SSH-EXITED 0")
	eventually(t, "alice's lab to end", func() bool { return ts.Count() == 1 })
	tm.keys("mid", "q")
	tm.waitFor("mid", "SSH-EXITED 0")
	eventually(t, "every lab to end", func() bool { return ts.Count() == 0 })
}

// Garbage instead of SSH is refused without harm to a student's session.
func TestGarbageClient(t *testing.T) {
	t.Parallel()
	ts := startServer(t, Config{HandshakeTimeout: time.Second})
	tm := newTmux(t)
	tm.open(ts, "s", 100, 30, "dave")
	tm.waitFor("s", "Ladder")
	for _, junk := range []string{
		"GET / HTTP/1.1\r\nHost: x\r\n\r\n",
		"SSH-2.0-evil\r\n" + strings.Repeat("\x00\xff\x13\x37", 4096),
		strings.Repeat("\xde\xad\xbe\xef", 100000),
	} {
		c, err := net.Dial("tcp", "127.0.0.1:"+ts.port)
		if err != nil {
			t.Fatal(err)
		}
		_ = c.SetDeadline(time.Now().Add(5 * time.Second))
		_, _ = c.Write([]byte(junk))
		buf := make([]byte, 4096)
		for {
			if _, err := c.Read(buf); err != nil {
				if ne, ok := err.(net.Error); ok && ne.Timeout() {
					t.Fatalf("the server kept a garbage connection open")
				}
				break
			}
		}
		c.Close()
	}
	if ts.Count() != 1 {
		t.Fatalf("%d labs, want 1", ts.Count())
	}
	tm.keys("s", "g")
	tm.waitFor("s", "event 0/")
	tm.keys("s", "l")
	tm.waitFor("s", "event 1/")
	tm.keys("s", "q")
	tm.waitFor("s", "SSH-EXITED 0")
}

// An export is saved in the student's own area and fetched with the scp
// command the lab shows; nothing else can be fetched, listed or uploaded,
// and nothing is written to the working directory.
func TestExportFetchedByScp(t *testing.T) {
	t.Parallel()
	need(t, "scp")
	ts := startServer(t, Config{})
	wd, _ := os.Getwd()
	before, _ := filepath.Glob(filepath.Join(wd, "*.pcap*"))
	tm := newTmux(t)
	tm.open(ts, "s", 120, 40, "erin")
	tm.waitFor("s", "Ladder")
	tm.keys("s", "e")
	s := tm.waitFor("s", "is ready")
	cmd := regexp.MustCompile(`scp -P \d+ erin@127\.0\.0\.1:([0-9a-f]{16})/normal-close\.pcapng \.`).FindStringSubmatch(s)
	if cmd == nil {
		t.Fatalf("no scp command on the screen:\n%s", s)
	}
	tok := cmd[1]
	// OpenSSH's scp speaks SFTP by default, and classic SCP with -O:
	// both fetch the export and nothing else.
	for _, mode := range []string{"-s", "-O"} {
		fetchOnlyTheExport(t, ts, tok, mode)
	}
	sftpRefusesTheRest(t, ts, tok)
	tm.keys("s", "q")
	after, _ := filepath.Glob(filepath.Join(wd, "*.pcap*"))
	if len(after) != len(before) {
		t.Errorf("an export landed in the working directory: %v", after)
	}
	// Without a pty there is no lab and no shell.
	o, err := exec.Command("ssh", append(ts.sshArgs(), "erin@127.0.0.1", "cat /etc/passwd")...).CombinedOutput()
	if err == nil || strings.Contains(string(o), "root:") {
		t.Errorf("a command without a pty ran: %v\n%s", err, o)
	}
}

// The class password: the right one lets a student in, a wrong one not.
func TestClassPassword(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	pw := filepath.Join(dir, "class.txt")
	if err := os.WriteFile(pw, []byte("tcp-is-fun\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ts := startServer(t, Config{PasswordFile: pw})
	try := func(password string) string {
		ask := filepath.Join(dir, "askpass")
		_ = os.WriteFile(ask, []byte("#!/bin/sh\necho '"+password+"'\n"), 0o700)
		args := append(ts.sshArgs("-o", "PubkeyAuthentication=no", "-o", "NumberOfPasswordPrompts=1"), "student@127.0.0.1")
		c := exec.Command("ssh", args...)
		c.Env = append(os.Environ(), "SSH_ASKPASS="+ask, "SSH_ASKPASS_REQUIRE=force", "DISPLAY=:0")
		out, _ := c.CombinedOutput()
		return string(out)
	}
	if out := try("tcp-is-fun"); !strings.Contains(out, "the lab needs a terminal: ssh -t") {
		t.Errorf("the right password: %s", out)
	}
	if out := try("guess"); !strings.Contains(out, "Permission denied") {
		t.Errorf("a wrong password: %s", out)
	}
}

// The class is full at MaxSessions: the next student is told so.
func TestClassFull(t *testing.T) {
	t.Parallel()
	ts := startServer(t, Config{MaxSessions: 1})
	tm := newTmux(t)
	tm.open(ts, "first", 100, 30, "frank")
	tm.waitFor("first", "Ladder")
	tm.open(ts, "second", 100, 30, "grace")
	tm.waitFor("second", "the class is full: 1 labs already")
	tm.waitFor("second", "SSH-EXITED")
	if ts.Count() != 1 {
		t.Fatalf("%d labs, want 1", ts.Count())
	}
	tm.keys("first", "q")
	eventually(t, "the lab to end", func() bool { return ts.Count() == 0 })
}

// A lab nobody types in closes after IdleTimeout, and says why.
func TestIdleTimeout(t *testing.T) {
	t.Parallel()
	ts := startServer(t, Config{IdleTimeout: time.Second})
	tm := newTmux(t)
	tm.open(ts, "s", 100, 30, "heidi")
	tm.waitFor("s", "Ladder")
	tm.waitFor("s", "no key for 1s")
	eventually(t, "the idle lab to end", func() bool { return ts.Count() == 0 })
}

// fetchOnlyTheExport fetches the export with scp in one mode (-s: SFTP,
// -O: classic SCP), then tries what must fail.
func fetchOnlyTheExport(t *testing.T, ts *testServer, tok, mode string) {
	t.Helper()
	out := t.TempDir()
	scp := func(src, dst string, extra ...string) error {
		args := append([]string{mode, "-P", ts.port}, extra...)
		args = append(args, ts.sshArgs()[2:]...) // scp takes -P, not ssh's -p
		o, err := exec.Command("scp", append(args, src, dst)...).CombinedOutput()
		if err != nil {
			t.Logf("scp %s %s %s: %v %s", mode, src, dst, err, o)
		}
		return err
	}
	if err := scp("erin@127.0.0.1:"+tok+"/normal-close.pcapng", out); err != nil {
		t.Fatalf("scp %s: %v", mode, err)
	}
	hasMagic(t, filepath.Join(out, "normal-close.pcapng"), []byte{0x0a, 0x0d, 0x0d, 0x0a})
	bads := []string{"*", tok, tok + "/*", "/etc/passwd", "0000000000000000/normal-close.pcapng", tok + "/../../etc/passwd", "/"}
	if mode == "-O" { // SFTP cleans a path as under "/", where ../TOKEN/NAME is TOKEN/NAME
		bads = append(bads, "../"+tok+"/normal-close.pcapng")
	}
	for _, bad := range bads {
		if err := scp("erin@127.0.0.1:"+bad, out); err == nil {
			t.Errorf("scp %s %q succeeded", mode, bad)
		}
	}
	if err := scp("erin@127.0.0.1:"+tok, out, "-r"); err == nil {
		t.Errorf("scp %s: a recursive copy succeeded", mode)
	}
	if err := scp(filepath.Join(out, "normal-close.pcapng"), "erin@127.0.0.1:"+tok+"/up.pcapng"); err == nil {
		t.Errorf("scp %s: an upload succeeded", mode)
	}
}

// sftpRefusesTheRest: with the sftp client, the export can be fetched,
// but no directory listed and nothing written, renamed or removed.
func sftpRefusesTheRest(t *testing.T, ts *testServer, tok string) {
	t.Helper()
	need(t, "sftp")
	out := t.TempDir()
	run := func(cmd string) (string, error) {
		args := append([]string{"-b", "-", "-P", ts.port}, ts.sshArgs()[2:]...)
		c := exec.Command("sftp", append(args, "erin@127.0.0.1")...)
		c.Stdin, c.Dir = strings.NewReader(cmd+"\n"), out
		o, err := c.CombinedOutput()
		return string(o), err
	}
	if o, err := run("get " + tok + "/normal-close.pcapng"); err != nil {
		t.Fatalf("sftp get: %v\n%s", err, o)
	}
	hasMagic(t, filepath.Join(out, "normal-close.pcapng"), []byte{0x0a, 0x0d, 0x0d, 0x0a})
	for _, bad := range []string{"ls /", "ls " + tok, "ls", "put normal-close.pcapng " + tok + "/up.pcapng",
		"rm " + tok + "/normal-close.pcapng", "rename " + tok + "/normal-close.pcapng x", "mkdir x",
		"get /etc/passwd", "symlink /etc/passwd " + tok + "/p"} {
		// sftp -b goes on after a failed ls: read what it said.
		o, err := run(bad)
		refused := err != nil || regexp.MustCompile(`Failure|denied|No such file|not found`).MatchString(o)
		if !refused || strings.HasPrefix(bad, "ls") && strings.Contains(o, "normal-close") {
			t.Errorf("sftp %q succeeded:\n%s", bad, o)
		}
	}
}
