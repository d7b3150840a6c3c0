//go:build linux

package kernel

import (
	"io"
	"os"
	"strings"
	"sync"
)

// procTCP is /proc/net/tcp of one namespace, opened from inside it (the
// file keeps showing that namespace's sockets wherever it is read).
type procTCP struct {
	mu sync.Mutex
	f  *os.File
}

func openProcTCP(ns string) (*procTCP, error) {
	var f *os.File
	err := inNS(ns, func() error {
		var err error
		f, err = os.Open("/proc/thread-self/net/tcp")
		return err
	})
	if err != nil {
		return nil, err
	}
	return &procTCP{f: f}, nil
}

func (p *procTCP) Close() { p.f.Close() }

// quiet says no socket will send anything unless a segment arrives or its
// application calls: each is in LISTEN, ESTABLISHED, FIN-WAIT-2,
// CLOSE-WAIT, TIME-WAIT or CLOSE with nothing in its send queue (so no
// retransmission timer). A delayed ACK is not visible here; the caller
// waits Options.Quiet, longer than one. A nil table is never quiet.
func (p *procTCP) quiet() bool {
	if p == nil {
		return false
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, err := p.f.Seek(0, io.SeekStart); err != nil {
		return false
	}
	data, err := io.ReadAll(p.f)
	if err != nil {
		return false
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	for _, l := range lines[1:] {
		f := strings.Fields(l)
		if len(f) < 5 {
			continue
		}
		tx, _, _ := strings.Cut(f[4], ":")
		if !strings.Contains(" 01 05 06 07 08 0A ", " "+f[3]+" ") || strings.Trim(tx, "0") != "" {
			return false
		}
	}
	return true
}
