//go:build linux

package kernel

import (
	"io"
	"strings"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// watchGone reports CLOSED for a side once its connections are all gone
// from its namespace's /proc/net/tcp, for a `when: {X: CLOSED}` action. An
// application that has closed its descriptor cannot see its connection
// end: TIME-WAIT cut short by a RST (tcp_timewait_state_process, with
// tcp_rfc1337 0), or a LAST-ACK acknowledged. The runner can, within a
// poll of a millisecond; a CLOSED the application sees as an error is
// reported once (play ignores a state seen before).
func (s *session) watchGone(side trace.Side) {
	t, err := openProcTCP(s.lab.ns[side])
	if err != nil {
		s.call(side, "cannot watch /proc/net/tcp: "+err.Error())
		return
	}
	defer t.Close()
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	had := false
	for {
		select {
		case <-s.ctx.Done():
			return
		case <-tick.C:
		}
		n, ok := t.conns()
		switch {
		case !ok:
		case n > 0:
			had = true
		case had:
			s.call(side, "its last connection is gone (/proc/net/tcp)")
			s.observe(side, fsm.Closed)
			return
		}
	}
}

// conns counts the sockets that are connections, neither LISTEN (0A) nor
// CLOSE (07, a reset socket whose descriptor is still open: its
// application sees the error itself).
func (p *procTCP) conns() (int, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, err := p.f.Seek(0, io.SeekStart); err != nil {
		return 0, false
	}
	data, err := io.ReadAll(p.f)
	if err != nil {
		return 0, false
	}
	n := 0
	for _, l := range strings.Split(strings.TrimSpace(string(data)), "\n")[1:] {
		if f := strings.Fields(l); len(f) > 3 && f[3] != "0A" && f[3] != "07" {
			n++
		}
	}
	return n, true
}

// watchSides starts watchGone for each side a `when:` waits to see CLOSED.
func (s *session) watchSides(timeline []sim.Action) {
	var on [2]bool
	for _, a := range timeline {
		if a.When && a.WhenState == fsm.Closed && !on[a.WhenSide] {
			on[a.WhenSide] = true
			go s.watchGone(a.WhenSide)
		}
	}
}
