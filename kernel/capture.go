//go:build linux

package kernel

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// capture is tcpdump on A's side of the veth, like the reference captures.
type capture struct {
	cmd  *exec.Cmd
	file string
	errs strings.Builder
}

func startCapture(ns, ifname, file string) (*capture, error) {
	c := &capture{file: file}
	c.cmd = exec.Command("tcpdump", "-i", ifname, "-n", "-U", "--immediate-mode", "-s", "0",
		"--time-stamp-precision=micro", "-w", file, "tcp")
	stderr, err := c.cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	// Started from a thread inside the namespace, tcpdump lives there.
	if err := inNS(ns, c.cmd.Start); err != nil {
		return nil, fmt.Errorf("tcpdump: %w", err)
	}
	ready := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		said := false
		for sc.Scan() {
			c.errs.WriteString(sc.Text() + "\n")
			if !said && strings.Contains(sc.Text(), "listening on") {
				ready <- true
				said = true
			}
		}
		if !said {
			ready <- false
		}
	}()
	select {
	case ok := <-ready:
		if ok {
			return c, nil
		}
	case <-time.After(10 * time.Second):
	}
	c.stop()
	return nil, fmt.Errorf("tcpdump did not start: %s", strings.TrimSpace(c.errs.String()))
}

// stop ends tcpdump (it writes out what it holds on SIGINT) and returns
// the capture.
func (c *capture) stop() ([]byte, error) {
	_ = c.cmd.Process.Signal(syscall.SIGINT)
	done := make(chan error, 1)
	go func() { done <- c.cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = c.cmd.Process.Kill()
		<-done
	}
	return os.ReadFile(c.file)
}
