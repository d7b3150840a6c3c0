// Package serve serves the lab over SSH (tcpsim serve): one process on the
// teacher's machine, and every student who types `ssh -p 2222 host` gets a
// lab of their own in their own terminal. Each SSH session runs its own
// Bubble Tea program on its own model, so sizes, colours, timelines, forks
// and language are per session, and one session ending touches no other.
//
// Safe by default: there is no shell and no file access; the picker lists
// only the bundled library and the served directory; exports go to a
// per-session area outside the teacher's working directory, fetched with
// scp; sessions are counted, idle ones closed, forks bounded.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tcpsim/tcpsim/trace"

	tea "charm.land/bubbletea/v2"
	"charm.land/log/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	"charm.land/wish/v2/recover"

	"github.com/tcpsim/tcpsim/lesson"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/ui"
)

// Config is how a class is served. Zero values are safe defaults.
type Config struct {
	HostKeyPath      string              // "" → DefaultHostKeyPath()
	Scenario         *scenarios.Scenario // where every lab starts (nil: the default)
	ScenarioDir      string              // served with the bundled library ("": bundled only)
	PasswordFile     string              // a shared class password (first line)
	AuthorizedKeys   string              // an authorized_keys file of accepted public keys
	MaxSessions      int                 // labs at once (0: 50)
	IdleTimeout      time.Duration       // a lab with no key for this long is closed (0: 30m)
	MaxForks         int                 // timelines a lab keeps for undo (0: 20)
	MaxEvents        int                 // a run's event budget when its scenario sets none (0: 50000)
	Follow           bool                // students follow the leader (NewLeader)
	Lesson           *lesson.Lesson      // where every lab starts, instead of Scenario (nil: none)
	LessonDir        string              // lessons served with the bundled course ("": bundled only)
	Lang             string              // a session's language when its client sends none ("": en)
	HandshakeTimeout time.Duration       // a client must finish the SSH handshake in this (0: 10s)
	PublicHost       string              // the host name students type, for the scp hint ("": the address they reached)
	Log              io.Writer           // connections and refusals (nil: discarded)
	// Export writes a capture (pcap/pcapng by extension) at path.
	Export func(tr *trace.Trace, path string) error
}

// DefaultMaxEvents is a served run's budget: 50,000 events of 144 bytes
// are about 7 MB, so a lab with 20 forks holds at most about 150 MB even
// when a student makes a run that never ends; the bundled scenarios use
// a few hundred events.
const DefaultMaxEvents = 50_000

// Server is a running class.
type Server struct {
	cfg       Config
	srv       *ssh.Server
	exports   *exports
	dir       *scenarioDir
	bundled   []ui.ScenarioEntry
	lessons   []*lesson.Lesson // the bundled course
	lessonDir *lessonDir
	saidBad   map[string]string // lesson files logged as left out, and why
	hub       hub
	logMu     sync.Mutex
	open      bool // no authentication: anyone who reaches the port

	mu       sync.Mutex
	sessions map[*session]struct{}
	nextID   uint64
	conns    atomic.Int64
	closed   chan struct{}
	stopOnce sync.Once
}

// session is one served lab.
type session struct {
	id               uint64
	user, addr, lang string
	since            time.Time
	w, h             atomic.Int32
	lastInput        atomic.Int64 // unix nanoseconds
	lab              *ui.Session
	prog             *tea.Program
	idled            atomic.Bool
	notify           chan struct{} // follow mode: the leader moved
}

// New prepares a server: it loads (or creates) the host key and checks
// the auth files, so mistakes show before anyone connects.
func New(cfg Config) (*Server, error) {
	if cfg.MaxSessions <= 0 {
		cfg.MaxSessions = 50
	}
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = 30 * time.Minute
	}
	if cfg.MaxForks <= 0 {
		cfg.MaxForks = 20
	}
	if cfg.MaxEvents <= 0 {
		cfg.MaxEvents = DefaultMaxEvents
	}
	if cfg.HandshakeTimeout <= 0 {
		cfg.HandshakeTimeout = 10 * time.Second
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	if cfg.Scenario == nil {
		sc, err := scenarios.Lookup(scenarios.Default)
		if err != nil {
			return nil, err
		}
		cfg.Scenario = sc
	}
	s := &Server{cfg: cfg, sessions: map[*session]struct{}{}, closed: make(chan struct{}), bundled: bundledEntries()}
	if cfg.ScenarioDir != "" {
		d, err := openScenarioDir(cfg.ScenarioDir)
		if err != nil {
			return nil, err
		}
		s.dir = d
	}
	if cfg.LessonDir != "" {
		d, err := openLessonDir(cfg.LessonDir)
		if err != nil {
			return nil, err
		}
		s.lessonDir = d
		s.saidBad = map[string]string{}
		s.lessonList() // the teacher hears of a broken file now
	}
	s.lessons = lesson.Bundled()
	ex, err := newExports()
	if err != nil {
		return nil, err
	}
	s.exports = ex
	opts, err := s.sshOptions()
	if err != nil {
		ex.remove()
		return nil, err
	}
	srv, err := wish.NewServer(opts...)
	if err != nil {
		ex.remove()
		return nil, err
	}
	s.srv = srv
	// wish's middlewares log through charm log's default logger; keep it
	// off the teacher's terminal, where the lab may be running.
	log.SetOutput(cfg.Log)
	return s, nil
}

// Open reports whether the server lets anyone in without a password or key.
func (s *Server) Open() bool { return s.open }

// sshOptions are the host key, auth, limits and the middleware chain.
func (s *Server) sshOptions() ([]ssh.Option, error) {
	keyPath := s.cfg.HostKeyPath
	if keyPath == "" {
		p, err := DefaultHostKeyPath()
		if err != nil {
			return nil, err
		}
		keyPath = p
	}
	hk, err := hostKeyOption(keyPath)
	if err != nil {
		return nil, err
	}
	auth, open, err := authOptions(s.cfg.PasswordFile, s.cfg.AuthorizedKeys)
	if err != nil {
		return nil, err
	}
	s.open = open
	opts := append([]ssh.Option{hk}, auth...)
	opts = append(opts,
		wish.WithIdleTimeout(s.cfg.IdleTimeout+time.Minute), // dead connections; idle labs are closed below
		func(srv *ssh.Server) error {
			srv.HandshakeTimeout = s.cfg.HandshakeTimeout
			srv.ConnCallback = s.admit
			srv.SubsystemHandlers = map[string]ssh.SubsystemHandler{"sftp": s.exports.sftpHandler}
			srv.ConnectionFailedCallback = func(c net.Conn, err error) {
				s.logf("%s: connection failed: %v", c.RemoteAddr(), err)
			}
			return nil
		},
		// Listed innermost first: recover → scp → the lab.
		wish.WithMiddleware(
			s.labMiddleware,         // which checks for a pty, with a word on ssh -t
			s.exports.scpMiddleware, // classic scp -O (scpsource.go)
			recover.MiddlewareWithLogger(logger{s}),
		),
	)
	return opts, nil
}

// admit bounds open connections (labs, scp, handshakes in progress) so a
// flood of half-open clients cannot exhaust the machine.
func (s *Server) admit(_ ssh.Context, c net.Conn) net.Conn {
	if s.conns.Add(1) > int64(2*s.cfg.MaxSessions+8) {
		s.conns.Add(-1)
		s.logf("%s: refused, too many connections", c.RemoteAddr())
		return nil
	}
	return &countedConn{Conn: c, s: s}
}

type countedConn struct {
	net.Conn
	s    *Server
	once sync.Once
}

func (c *countedConn) Close() error {
	c.once.Do(func() { c.s.conns.Add(-1) })
	return c.Conn.Close()
}

// Serve accepts students on l until Shutdown.
func (s *Server) Serve(l net.Listener) error {
	go s.watchIdle()
	err := s.srv.Serve(l)
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown ends every lab, closes the listener and removes the export area.
func (s *Server) Shutdown(ctx context.Context) error {
	s.stopOnce.Do(func() { close(s.closed) })
	s.mu.Lock()
	for ss := range s.sessions {
		if ss.prog != nil {
			go ss.prog.Quit() // Quit waits for the program to take it
		}
	}
	s.mu.Unlock()
	err := s.srv.Shutdown(ctx)
	if err != nil {
		_ = s.srv.Close()
	}
	s.exports.remove()
	return err
}

// Count is the number of labs running.
func (s *Server) Count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sessions)
}

// Peers lists the connected students, oldest first.
func (s *Server) Peers() []ui.Peer {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]ui.Peer, 0, len(s.sessions))
	for ss := range s.sessions {
		p := ui.Peer{User: ss.user, Addr: ss.addr, Lang: ss.lang, Since: ss.since,
			Width: int(ss.w.Load()), Height: int(ss.h.Load())}
		if ss.lab != nil {
			p.Status = ss.lab.Status()
		}
		out = append(out, p)
	}
	sortPeers(out)
	return out
}

func (s *Server) logf(format string, args ...any) {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	fmt.Fprintf(s.cfg.Log, time.Now().Format("15:04:05")+" "+format+"\n", args...)
}

// logger adapts the server log for wish's recover middleware.
type logger struct{ s *Server }

func (l logger) Printf(format string, v ...any) { l.s.logf(format, v...) }

// HostKeyFingerprint is the SHA256 fingerprint students may check on
// their first connection.
func (s *Server) HostKeyFingerprint() string {
	if len(s.srv.HostSigners) == 0 {
		return ""
	}
	return fingerprint(s.srv.HostSigners[0].PublicKey())
}

// Listen opens addr ("host:port" or ":port").
func Listen(addr string) (net.Listener, error) {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	return l, nil
}
