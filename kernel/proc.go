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

// quiet says no socket is in a state that may still send: only LISTEN
// (0A), TIME-WAIT (06) and CLOSE (07) remain. A nil table is never quiet.
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
		if len(f) > 3 && f[3] != "0A" && f[3] != "06" && f[3] != "07" {
			return false
		}
	}
	return true
}
