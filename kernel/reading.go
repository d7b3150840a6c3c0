//go:build linux

package kernel

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// The application's reading, as the endpoint says (sim.ReadMode): every
// byte as it arrives, N bytes every interval, or only when the timeline
// says `read`. Unread bytes stay in the kernel's receive buffer, so the
// window shrinks and close() answers them with RST, as in the model.

// reader reads while the application is reading. A `stop_reading` sets a
// read deadline of now, which ends a blocked read() without taking data.
func (p *app) reader(c *net.TCPConn) {
	if p.cfg.Read == sim.ReadPeriodic {
		p.periodic(c)
		return
	}
	buf := make([]byte, 64<<10)
	for {
		p.mu.Lock()
		all := p.all
		if all {
			_ = c.SetReadDeadline(time.Time{})
		}
		p.mu.Unlock()
		if !all {
			select {
			case <-p.wake:
				continue
			case <-p.s.ctx.Done():
				return
			}
		}
		n, err := c.Read(buf)
		p.count(n)
		if err == nil || errors.Is(err, os.ErrDeadlineExceeded) || p.shutRead(err) {
			continue
		}
		p.endOfData(c, err)
		return
	}
}

// periodic reads ReadBytes (0: all there is) ReadEvery after data has
// come to wait, and again every ReadEvery while some waits (sim/socket.go).
func (p *app) periodic(c *net.TCPConn) {
	for {
		if err := p.peek(c); err != nil {
			p.endOfData(c, err)
			return
		}
		select {
		case <-time.After(p.cfg.ReadEvery):
		case <-p.s.ctx.Done():
			return
		}
		p.mu.Lock()
		all := p.all
		p.mu.Unlock()
		if !all { // stop_reading: wait for a read
			select {
			case <-p.wake:
			case <-p.s.ctx.Done():
				return
			}
			continue
		}
		n, err := p.readNow(c, p.cfg.ReadBytes)
		p.s.call(p.side, fmt.Sprintf("read(%d) = %d", p.cfg.ReadBytes, n))
		if err != nil {
			p.endOfData(c, err)
			return
		}
	}
}

// peek waits until data or the end of data waits to be read, taking none
// (recv with MSG_PEEK); at the end of data it returns io.EOF.
func (p *app) peek(c *net.TCPConn) error {
	raw, err := c.SyscallConn()
	if err != nil {
		return err
	}
	var n int
	var rerr error
	b := make([]byte, 1)
	err = raw.Read(func(fd uintptr) bool {
		n, _, rerr = unix.Recvfrom(int(fd), b, unix.MSG_PEEK|unix.MSG_DONTWAIT)
		return rerr != unix.EAGAIN
	})
	switch {
	case err != nil:
		return err
	case rerr != nil:
		return rerr
	case n == 0:
		return io.EOF
	}
	return nil
}

// readNow is one read() of at most max bytes (0: all) of what waits now;
// it does not wait for more. The end of data is io.EOF.
func (p *app) readNow(c *net.TCPConn, max uint32) (int, error) {
	raw, err := c.SyscallConn()
	if err != nil {
		return 0, err
	}
	if max == 0 {
		max = 1 << 20
	}
	buf := make([]byte, max)
	total := 0
	for total < len(buf) {
		var n int
		var rerr error
		// Control, not Read: a reader blocked in read() holds the
		// descriptor's read lock, and this must not wait for it.
		err = raw.Control(func(fd uintptr) {
			n, _, rerr = unix.Recvfrom(int(fd), buf[total:], unix.MSG_DONTWAIT)
		})
		if rerr == unix.EAGAIN || (rerr == nil && n == 0 && p.isRdShut()) {
			break // nothing waits (after SHUT_RD, read() says so with 0)
		}
		if err == nil && rerr == nil && n == 0 {
			err = io.EOF
		}
		if err = errors.Join(err, rerr); err != nil {
			p.count(total)
			return total, err
		}
		total += n
	}
	p.count(total)
	return total, nil
}

func (p *app) count(n int) {
	p.mu.Lock()
	p.read += n
	p.mu.Unlock()
}

// userRead carries out a timeline `read` (N bytes of what waits, or with
// N = 0 read everything from now on) or `stop_reading`.
func (p *app) userRead(c *net.TCPConn, a *sim.Action) {
	switch {
	case a.Op == trace.OpStopReading:
		p.mu.Lock()
		p.all = false
		_ = c.SetReadDeadline(time.Now()) // ends a blocked read() without taking data
		p.mu.Unlock()
		p.s.call(p.side, "stops reading")
	case a.N > 0:
		n, err := p.readNow(c, a.N)
		p.s.call(p.side, fmt.Sprintf("read(%d) = %d", a.N, n))
		if err != nil {
			p.endOfData(c, err)
		}
	default:
		p.mu.Lock()
		p.all = true
		p.mu.Unlock()
		select {
		case p.wake <- struct{}{}:
		default:
		}
		p.s.call(p.side, "reads everything from now on")
	}
}

// shutRead says whether err is the 0 that read() returns once the
// application has called shutdown(SHUT_RD) and the queue is empty: not the
// peer's FIN, so the reader stops until a `read` (tcp_recvmsg_locked
// returns what is queued, then 0 on RCV_SHUTDOWN).
func (p *app) shutRead(err error) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if errors.Is(err, io.EOF) && p.rdShut {
		p.all = false
		return true
	}
	return false
}

func (p *app) isRdShut() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.rdShut
}

// endOfData handles the end of a read loop: read() returned 0 (the peer's
// FIN: CLOSE-WAIT, or the descriptor is closed if the application has
// shut its side already) or failed (the connection is CLOSED).
func (p *app) endOfData(c *net.TCPConn, err error) {
	if !errors.Is(err, io.EOF) {
		c.Close()
		p.fail(err)
		return
	}
	p.mu.Lock()
	already := p.eof
	p.eof = true
	fin, n := p.wroteFIN, p.read
	p.mu.Unlock()
	if already {
		return
	}
	p.s.call(p.side, fmt.Sprintf("read() returns 0 (end of data) after %d bytes", n))
	if fin {
		p.closeFD(c)
	} else {
		p.s.observe(p.side, fsm.CloseWait)
	}
}

// drain reads what waits before a close() of an application that reads
// at once: it would have read it already (the model's does, instantly).
func (p *app) drain(c *net.TCPConn) {
	p.mu.Lock()
	all := p.all
	p.mu.Unlock()
	if all && p.cfg.Read == sim.ReadAtOnce {
		_, _ = p.readNow(c, 0)
	}
}

// sockopts sets what the scenario implies on a socket before connect() or
// listen(): the MSS, the receive buffer and the user timeout (an accepted
// socket inherits them from its listener).
func (p *app) sockopts(fd int) error {
	// SO_REUSEADDR, as the reference captures' applications: a client
	// that binds its fixed port again (a reconnect) may do so while a
	// socket on it lingers.
	if err := syscall.SetsockoptInt(fd, syscall.SOL_SOCKET, syscall.SO_REUSEADDR, 1); err != nil {
		return fmt.Errorf("SO_REUSEADDR: %w", err)
	}
	if p.cfg.UserTimeout > 0 { // R2 as a time, RFC 9293 §3.8.3 MUST-21
		if err := syscall.SetsockoptInt(fd, syscall.IPPROTO_TCP, unix.TCP_USER_TIMEOUT, int(p.cfg.UserTimeout.Milliseconds())); err != nil {
			return fmt.Errorf("TCP_USER_TIMEOUT: %w", err)
		}
	}
	if p.cfg.MSS != 0 && p.cfg.MSS != 1460 {
		if err := syscall.SetsockoptInt(fd, syscall.IPPROTO_TCP, syscall.TCP_MAXSEG, int(p.cfg.MSS)); err != nil {
			return fmt.Errorf("TCP_MAXSEG: %w", err)
		}
	}
	if p.cfg.RcvBuf > 0 {
		if err := syscall.SetsockoptInt(fd, syscall.SOL_SOCKET, syscall.SO_RCVBUF, soRcvBuf(p.cfg.RcvBuf)); err != nil {
			return fmt.Errorf("SO_RCVBUF: %w", err)
		}
	}
	return nil
}

// keepalive turns keep-alive on with the endpoint's times (whole seconds,
// which Unsupported checks): TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT,
// then SO_KEEPALIVE.
func (p *app) keepalive(c *net.TCPConn) error {
	if p.cfg.KeepIdle == 0 {
		return nil
	}
	raw, err := c.SyscallConn()
	if err != nil {
		return err
	}
	var serr error
	err = raw.Control(func(fd uintptr) {
		set := func(level, opt, v int) {
			if serr == nil && v > 0 {
				serr = syscall.SetsockoptInt(int(fd), level, opt, v)
			}
		}
		set(syscall.IPPROTO_TCP, unix.TCP_KEEPIDLE, int(p.cfg.KeepIdle/time.Second))
		set(syscall.IPPROTO_TCP, unix.TCP_KEEPINTVL, int(p.cfg.KeepIntvl/time.Second))
		set(syscall.IPPROTO_TCP, unix.TCP_KEEPCNT, p.cfg.KeepCnt)
		set(syscall.SOL_SOCKET, syscall.SO_KEEPALIVE, 1)
	})
	return errors.Join(err, serr)
}
