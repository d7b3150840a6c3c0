package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// openPty opens a pseudo-terminal pair of cols×rows (Linux /dev/ptmx).
func openPty(t *testing.T, cols, rows int) (master, slave *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatalf("no pseudo-terminals: %v", err)
	}
	if err := unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := unix.IoctlSetWinsize(int(s.Fd()), unix.TIOCSWINSZ, &unix.Winsize{Col: uint16(cols), Row: uint16(rows)}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close(); s.Close() })
	return m, s
}

// screen collects what a program writes to its terminal.
type screen struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}
func (s *screen) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.buf.String() }

// The lab stopped by SIGTERM or SIGHUP (kill, a closed SSH session)
// leaves the alternate screen, says why, and exits 128+N as a shell
// expects of a program a signal ended; it used to exit 0.
func TestLabSignalExit(t *testing.T) {
	t.Parallel() // a subprocess on its own terminal
	bin := buildTcpsim(t)
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGHUP} {
		m, s := openPty(t, 80, 24)
		cmd := exec.Command(bin, "handshake")
		cmd.Env = append(os.Environ(), "TCPSIM_LANG=en", "TERM=xterm-256color")
		cmd.Stdin, cmd.Stdout, cmd.Stderr = s, s, s
		cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
		var out screen
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		go func() { _, _ = out.ReadFrom(m) }()
		deadline := time.Now().Add(30 * time.Second)
		for !strings.Contains(out.String(), "\x1b[?1049h") && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		if !strings.Contains(out.String(), "\x1b[?1049h") {
			_ = cmd.Process.Kill()
			t.Fatalf("%v: the lab never opened: %q", sig, out.String())
		}
		_ = cmd.Process.Signal(sig)
		waited := make(chan error, 1)
		go func() { waited <- cmd.Wait() }()
		select {
		case <-waited:
		case <-time.After(30 * time.Second):
			_ = cmd.Process.Kill()
			t.Fatalf("%v: the lab did not end", sig)
		}
		// Let the reader drain what the child wrote last.
		for end := time.Now().Add(2 * time.Second); time.Now().Before(end) && !strings.Contains(out.String(), "restored"); {
			time.Sleep(10 * time.Millisecond)
		}
		got := out.String()
		if code := cmd.ProcessState.ExitCode(); code != 128+int(sig) {
			t.Errorf("%v: exit %d, want %d", sig, code, 128+int(sig))
		}
		opened := strings.Index(got, "\x1b[?1049h")
		if strings.LastIndex(got, "\x1b[?1049l") < opened {
			t.Errorf("%v: the alternate screen was not left", sig)
		}
		want := fmt.Sprintf("the lab was stopped by %s; the terminal was restored (exit status %d)", signalName(sig), 128+int(sig))
		if !strings.Contains(got, want) {
			t.Errorf("%v: no %q in %q", sig, want, got[max(0, len(got)-300):])
		}
	}
}

func (s *screen) ReadFrom(f *os.File) (int64, error) {
	var n int64
	b := make([]byte, 4096)
	for {
		k, err := f.Read(b)
		n += int64(k)
		_, _ = s.Write(b[:k])
		if err != nil {
			return n, err
		}
	}
}
