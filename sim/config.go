package sim

import (
	"fmt"
	"github.com/tcpsim/tcpsim/trace"
	"net/netip"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
)

// Config is everything a run depends on. Same Config ⇒ same trace.
type Config struct {
	Seed     uint64
	MSL      time.Duration // TIME-WAIT lasts 2×MSL unless the profile says otherwise
	Until    time.Duration // stop the run at this virtual time (0: DefaultUntil)
	Profile  *Profile      // nil: RFC9293
	A, B     EndpointConfig
	AtoB     LinkConfig
	BtoA     LinkConfig
	Faults   []Fault
	Timeline []Action
	Limits   Limits // the run's budget (budget.go); zero fields: DefaultLimits
	Record   Record // what the run keeps of its trace (lean.go); zero: everything
}

// DefaultUntil bounds a run whose configuration never lets it go quiet.
const DefaultUntil = 30 * time.Minute

// EndpointConfig describes one host.
type EndpointConfig struct {
	Addr       netip.Addr
	Port       uint16
	ISN        uint32 // ISS of the first incarnation
	Window     uint16 // RCV.WND advertised (default 65535)
	MSS        uint16 // MSS option (default 1460)
	DelayedACK time.Duration
	// Retries before giving up: SYN/SYN,ACK and other segments (0: profile default).
	SynRetries int
	Retries    int
	// NoACKThrottle turns off the profile's limit on ACKs that answer
	// invalid segments (RFC 5961 §7), to show the ACK storm it prevents.
	NoACKThrottle bool
	// NoSoftErrors: the application turned off soft error reports (RFC
	// 9293 SHLD-20): no "connection trouble" at R1; a reset or a time-out
	// still reaches it, since they end the connection.
	NoSoftErrors bool
	// KeyedISN picks every ISN as RFC 6528 does: the 4 µs clock plus a
	// keyed hash of the connection's addresses and ports (isn.go). ISN is
	// then unused.
	KeyedISN bool
	// The application's reading (socket.go). RcvBuf bounds the window
	// (0: Window); Read says when the application reads.
	RcvBuf uint32
	// SndBuf is SO_SNDBUF: the send buffer in bytes (0: no limit). A
	// write that does not fit blocks until ACKs free room (sndbuf.go).
	SndBuf uint32
	Read   ReadMode
	// ReadBytes every ReadEvery, with Read = ReadEvery (0 bytes: all).
	ReadBytes uint32
	ReadEvery time.Duration
	// FinTimeout overrides the profile's FIN-WAIT-2 timeout for an orphan
	// (Linux's tcp_fin_timeout is a per-namespace sysctl).
	FinTimeout time.Duration
	// Keep-alive (RFC 9293 §3.8.4; SO_KEEPALIVE, TCP_KEEPIDLE,
	// TCP_KEEPINTVL, TCP_KEEPCNT): off while KeepIdle is 0 (MUST-25).
	KeepIdle  time.Duration
	KeepIntvl time.Duration
	KeepCnt   int
	// Reopen takes RFC 9293 §3.6 MAY-2 on a profile that does not: a new
	// SYN meeting this endpoint's TIME-WAIT reopens the connection (conns.go).
	Reopen bool
	// Listening: the application keeps its listening socket open beside
	// the connection it accepted (Linux needs one to reopen TIME-WAIT).
	Listening bool
	// Socket options (sockopt.go).
	SockOpts
}

// ReadMode is how an endpoint's application reads.
type ReadMode uint8

const (
	ReadAtOnce   ReadMode = iota // every byte as it arrives (the default)
	ReadPeriodic                 // ReadBytes every ReadEvery
	ReadOnAction                 // only when the timeline says read
)

// LinkConfig is one direction of the virtual link.
type LinkConfig struct {
	Delay     time.Duration
	Jitter    time.Duration // extra delay, uniform in [0, Jitter]; order is kept
	Loss      float64       // probability a segment is lost
	Duplicate float64       // probability a segment arrives twice
	Reorder   float64       // probability a segment is held back behind later ones
}

// FaultKind is a scripted fault.
type FaultKind uint8

const (
	FaultDrop      FaultKind = iota // drop the Nth matching segment
	FaultHold                       // delay the Nth matching segment by For
	FaultInject                     // deliver a crafted segment at At
	FaultDropID                     // drop the transmission with this ID (interactive)
	FaultDupID                      // duplicate the transmission with this ID (explore)
	FaultReorderID                  // hold back the transmission with this ID behind later ones (explore)
	FaultVanish                     // drop every segment From sends (both ways with Both) from At until Until (0: for ever)
)

// Fault is a scripted event on the link.
type Fault struct {
	Kind     FaultKind
	From     trace.Side // sender (drop, hold); for inject, the side it appears to come from
	Flags    fsm.Flags  // match: exactly these flags, or at least these when Contains
	Contains bool
	AnyFlags bool      // match every segment regardless of flags
	State    fsm.State // match only while the sender is in this state (HasState)
	HasState bool
	Nth      int           // 1-based
	For      time.Duration // hold
	At       time.Duration // inject
	Seg      fsm.Segment   // inject
	Ports    [2]uint16     // inject: source and destination port (0: those of the connection the sender's application holds)
	ID       int32         // drop-id
	Until    time.Duration // vanish: when the partition heals (0: never)
	Both     bool          // vanish: both directions
	SegRange               // drop, hold: payload length and SEG.SEQ (match.go)
}

// Action happens at a time, or when an endpoint first enters a state
// (then After later).
type Action struct {
	At        time.Duration
	When      bool // conditional on WhenSide entering WhenState
	WhenSide  trace.Side
	WhenState fsm.State
	After     time.Duration
	Side      trace.Side
	Op        trace.Op
	Data      []byte // send: the bytes
	N         uint32 // read: at most this many bytes (0: start reading everything)
	Port      uint16 // connect: the local port the OPEN names (0: the record's own, or the next free one)
	ISN       uint32 // connect, with HasISN: this connection's ISN instead of the clock's
	HasISN    bool
	Link      *[2]LinkConfig
	// Late runs a timed action after everything else that happens at At
	// (the lab's calls: what is on screen at that instant stays as it
	// is, and the call is recorded at the instant shown, not 1 ns later).
	Late bool
}

// Validate reports the first impossible value.
func (c *Config) Validate() error {
	for _, l := range []LinkConfig{c.AtoB, c.BtoA} {
		for _, p := range []float64{l.Loss, l.Duplicate, l.Reorder} {
			if p < 0 || p > 1 {
				return fmt.Errorf("probability %v outside 0..1", p)
			}
		}
		if l.Delay < 0 || l.Jitter < 0 {
			return fmt.Errorf("negative link delay or jitter")
		}
	}
	if c.MSL < 0 {
		return fmt.Errorf("negative MSL")
	}
	return nil
}

func (c *Config) endpoint(s trace.Side) EndpointConfig {
	if s == trace.A {
		return c.A
	}
	return c.B
}

// Ends is where the two endpoints sit, as a trace records it.
func (c *Config) Ends() [2]trace.Endpoint {
	return [2]trace.Endpoint{{Addr: c.A.Addr, Port: c.A.Port}, {Addr: c.B.Addr, Port: c.B.Port}}
}
