//go:build linux

package kernel

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"sync"
	"syscall"
	"time"

	"github.com/tcpsim/tcpsim/trace"

	"golang.org/x/sys/unix"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/sim"
)

// app is one endpoint's application: real sockets in its namespace.
type app struct {
	s      *session
	side   trace.Side
	ns     string
	local  netip.AddrPort
	remote netip.AddrPort
	cfg    sim.EndpointConfig

	mu       sync.Mutex
	ln       *net.TCPListener
	conn     *net.TCPConn
	ready    chan struct{} // closed once connect/accept has succeeded or failed
	wroteFIN bool
	rdShut   bool // shutdown(SHUT_RD) called: read() returning 0 is not the peer's FIN
	eof      bool
	done     bool // the application has closed its socket (or never will use it)
	read     int
	all      bool             // reading everything as it arrives (reading.go)
	wake     chan struct{}    // a read action lets the reader go on
	queue    chan *sim.Action // calls that need the connection, in order
}

func newApp(s *session, side trace.Side, ns string, local, remote netip.AddrPort, cfg sim.EndpointConfig) *app {
	return &app{s: s, side: side, ns: ns, local: local, remote: remote, cfg: cfg,
		done: true, all: cfg.Read != sim.ReadOnAction, wake: make(chan struct{}, 1), queue: make(chan *sim.Action, 64)}
}

// control sets the socket options the scenario implies before connect or
// listen (reading.go's sockopts).
func (p *app) control(_, _ string, c syscall.RawConn) error {
	var serr error
	err := c.Control(func(fd uintptr) { serr = p.sockopts(int(fd)) })
	return errors.Join(err, serr)
}

func (p *app) listen() {
	p.mu.Lock()
	p.ready = make(chan struct{}) // a listener alone does not keep the run going
	p.mu.Unlock()
	err := inNS(p.ns, func() error {
		// KeepAlive -1: no keep-alive unless a scenario asks (Go turns it on by default).
		lc := net.ListenConfig{KeepAlive: -1, Control: p.control}
		ln, err := lc.Listen(p.s.ctx, "tcp4", p.local.String())
		if err == nil {
			p.ln = ln.(*net.TCPListener)
		}
		return err
	})
	if err != nil {
		p.fail(err)
		return
	}
	p.s.call(p.side, "listen() on "+p.local.String())
	if p.cfg.Listening {
		go p.acceptAll(p.ln)
		return
	}
	go func() {
		c, err := p.ln.AcceptTCP()
		// One connection per listen, as in the model: the listening socket
		// becomes the connection, and a later SYN meets no listener.
		p.ln.Close()
		if err != nil {
			p.fail(err)
			return
		}
		p.established(c, "accept() returns")
	}()
}

// acceptAll is the server of `listening: true` (sim/conns.go): the
// listening socket stays open beside the connection, so a later SYN finds
// it (into TIME-WAIT too: tcp_v4_rcv's TCP_TW_SYN hands the SYN to the
// listener), and each accepted connection becomes the one the timeline's
// calls use.
func (p *app) acceptAll(ln *net.TCPListener) {
	for {
		c, err := ln.AcceptTCP()
		if err != nil {
			if p.s.ctx.Err() == nil && !errors.Is(err, net.ErrClosed) {
				p.s.call(p.side, "accept error: "+errText(err))
			}
			return
		}
		p.mu.Lock()
		if p.conn != nil { // a new connection: its own end of data and reading
			p.eof, p.wroteFIN, p.rdShut, p.all = false, false, false, p.cfg.Read != sim.ReadOnAction
		}
		p.mu.Unlock()
		p.established(c, "accept() returns")
	}
}

// connect returns once the connect() call is about to be made, so the
// caller can tell how late it is.
func (p *app) connect() {
	p.mu.Lock()
	p.ready, p.done = make(chan struct{}), false
	p.mu.Unlock()
	started := make(chan struct{})
	go func() {
		var c net.Conn
		err := inNS(p.ns, func() error {
			d := net.Dialer{KeepAlive: -1, Control: p.control, LocalAddr: net.TCPAddrFromAddrPort(p.local)}
			p.s.call(p.side, "connect() to "+p.remote.String())
			close(started)
			var err error
			c, err = d.DialContext(p.s.ctx, "tcp4", p.remote.String())
			return err
		})
		select {
		case <-started:
		default:
			close(started) // inNS failed before the call
		}
		if err != nil {
			p.fail(err)
			return
		}
		p.established(c.(*net.TCPConn), "connect() returns")
	}()
	<-started
}

func (p *app) established(c *net.TCPConn, what string) {
	// Go sets TCP_NODELAY; the applications of the reference captures kept
	// Nagle's algorithm on, as a C or Python socket does, unless the
	// scenario says nodelay.
	_ = c.SetNoDelay(p.cfg.NoDelay)
	if err := p.keepalive(c); err != nil {
		p.s.call(p.side, "keep-alive options: "+err.Error())
	}
	p.mu.Lock()
	p.conn, p.done = c, false
	select {
	case <-p.ready: // a second connection of a kept listener
	default:
		close(p.ready)
	}
	p.mu.Unlock()
	p.s.call(p.side, what)
	p.s.observe(p.side, fsm.Established)
	go p.reader(c)
}

// fail records a failed connect/accept/read: the application sees CLOSED.
func (p *app) fail(err error) {
	p.mu.Lock()
	if p.ready != nil {
		select {
		case <-p.ready:
		default:
			close(p.ready)
		}
	}
	p.done = true
	p.mu.Unlock()
	if p.s.ctx.Err() != nil || errors.Is(err, net.ErrClosed) {
		return
	}
	p.s.call(p.side, "error: "+errText(err))
	p.s.observe(p.side, fsm.Closed)
}

func errText(err error) string {
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused (ECONNREFUSED)"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset (ECONNRESET)"
	case errors.Is(err, syscall.ETIMEDOUT):
		return "timed out (ETIMEDOUT)"
	case errors.Is(err, syscall.EPIPE):
		return "broken pipe (EPIPE)"
	}
	return err.Error()
}

func (p *app) closeFD(c *net.TCPConn) {
	c.Close()
	p.mu.Lock()
	p.done = true
	p.mu.Unlock()
}

// worker runs the calls that need the connection, one after the other, as
// one application thread would.
func (p *app) worker() {
	for {
		select {
		case <-p.s.ctx.Done():
			return
		case a := <-p.queue:
			p.do(a)
			p.s.pending.Add(-1)
		}
	}
}

func (p *app) do(a *sim.Action) {
	p.mu.Lock()
	ready, ln := p.ready, p.ln
	p.mu.Unlock()
	if ready == nil {
		p.s.call(p.side, a.Op.String()+": no socket (the model's call fails the same way)")
		return
	}
	if ln != nil && (a.Op == trace.OpClose || a.Op == trace.OpAbort || a.Op == trace.OpCrash) {
		select {
		case <-ready:
		default: // still listening: closing the listener is the whole call
			ln.Close()
			p.s.call(p.side, "close() of the listening socket")
			return
		}
	}
	select {
	case <-ready:
	case <-p.s.ctx.Done():
		return
	}
	p.mu.Lock()
	c := p.conn
	p.mu.Unlock()
	if c == nil {
		p.s.call(p.side, a.Op.String()+": the connection has failed; call skipped")
		return
	}
	p.op(c, a)
}

func (p *app) op(c *net.TCPConn, a *sim.Action) {
	p.s.done(a)
	switch a.Op {
	case trace.OpSend:
		n, err := c.Write(a.Data)
		p.s.call(p.side, fmt.Sprintf("write(%d bytes) = %d", len(a.Data), n))
		if err != nil {
			p.s.call(p.side, "write error: "+errText(err))
		}
	case trace.OpShutdown:
		// shutdown(SHUT_WR): the half close, which still receives; the
		// descriptor is closed once read() has returned the end of data.
		err := c.CloseWrite()
		p.mu.Lock()
		p.wroteFIN = true
		eof := p.eof
		p.mu.Unlock()
		p.s.call(p.side, "shutdown(SHUT_WR)")
		if err != nil {
			p.s.call(p.side, "shutdown error: "+errText(err))
		}
		if eof || err != nil {
			p.closeFD(c)
			p.s.call(p.side, "close()")
		}
	case trace.OpShutRead:
		p.shutdownRead(c)
	case trace.OpClose:
		// close() at once, the linux profile's full close: unread data is
		// answered with RST, the socket becomes an orphan whose FIN-WAIT-2
		// times out (tcp_fin_timeout), later data gets a RST.
		p.drain(c)
		p.mu.Lock()
		p.wroteFIN = true
		p.mu.Unlock()
		p.closeFD(c)
		p.s.call(p.side, "close()")
	case trace.OpRead, trace.OpStopReading:
		p.userRead(c, a)
	case trace.OpAbort:
		_ = c.SetLinger(0) // SO_LINGER 0: close() sends RST (RFC 9293 §3.10.5 ABORT)
		p.closeFD(c)
		p.s.call(p.side, "close() with SO_LINGER 0 (abort)")
	case trace.OpCrash:
		p.crash(c)
	}
}

// shutdownRead calls shutdown(SHUT_RD): nothing is sent, the data that
// arrives is still acknowledged and queued (tcp_shutdown acts only on
// SEND_SHUTDOWN), and stays there until a timeline `read` takes it.
func (p *app) shutdownRead(c *net.TCPConn) {
	p.mu.Lock()
	p.rdShut, p.all = true, false
	_ = c.SetReadDeadline(time.Now()) // ends a blocked read() without taking data
	p.mu.Unlock()
	err := c.CloseRead()
	p.s.call(p.side, "shutdown(SHUT_RD)")
	if err != nil {
		p.s.call(p.side, "shutdown error: "+errText(err))
	}
}

// crash makes the host forget the connection without a word: the socket
// is put in repair mode (TCP_REPAIR, the checkpoint/restore option), and a
// socket in repair mode is closed without sending anything. Later segments
// meet no socket, as after a reboot.
func (p *app) crash(c *net.TCPConn) {
	raw, err := c.SyscallConn()
	var serr error
	if err == nil {
		err = raw.Control(func(fd uintptr) {
			serr = unix.SetsockoptInt(int(fd), unix.IPPROTO_TCP, unix.TCP_REPAIR, 1)
		})
	}
	if err = errors.Join(err, serr); err != nil {
		p.s.call(p.side, "crash not realised: TCP_REPAIR: "+err.Error())
		return
	}
	p.closeFD(c)
	p.s.call(p.side, "crash: the socket is gone, nothing sent")
}

// shut closes whatever is still open when the run ends, with RST (the
// namespaces are deleted next anyway).
func (p *app) shut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
	}
	if p.conn != nil {
		_ = p.conn.SetLinger(0)
		p.conn.Close()
	}
}
