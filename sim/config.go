package sim

import (
	"fmt"
	"net/netip"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
)

// Side names an endpoint: A (usually the client) or B.
type Side uint8

const (
	A Side = iota
	B
)

func (s Side) String() string {
	if s == A {
		return "a"
	}
	return "b"
}

// Upper is "A" or "B", for prose.
func (s Side) Upper() string {
	if s == A {
		return "A"
	}
	return "B"
}

// Peer is the other side.
func (s Side) Peer() Side { return 1 - s }

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
	// NoSnapshots leaves Event.TCB zero: for sweeps that read only counts,
	// outcomes and times (copying the TCB is most of the recording cost).
	NoSnapshots bool
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
}

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
	FaultDrop   FaultKind = iota // drop the Nth matching segment
	FaultHold                    // delay the Nth matching segment by For
	FaultInject                  // deliver a crafted segment at At
	FaultDropID                  // drop the transmission with this ID (interactive)
)

// Fault is a scripted event on the link.
type Fault struct {
	Kind     FaultKind
	From     Side      // sender (drop, hold); for inject, the side it appears to come from
	Flags    fsm.Flags // match: exactly these flags, or at least these when Contains
	Contains bool
	AnyFlags bool      // match every segment regardless of flags
	State    fsm.State // match only while the sender is in this state (HasState)
	HasState bool
	Nth      int           // 1-based
	For      time.Duration // hold
	At       time.Duration // inject
	Seg      fsm.Segment   // inject
	ID       int32         // drop-id
}

// Op is an application or user action on the timeline.
type Op uint8

const (
	OpListen Op = iota
	OpConnect
	OpSend
	OpClose
	OpAbort
	OpCrash
	OpLink // change the link (both directions) to Action.Link
)

var opNames = [...]string{"listen", "connect", "send", "close", "abort", "crash", "link"}

func (o Op) String() string {
	if int(o) < len(opNames) {
		return opNames[o]
	}
	return "op(?)"
}

// Action happens at a time, or when an endpoint first enters a state
// (then After later).
type Action struct {
	At        time.Duration
	When      bool // conditional on WhenSide entering WhenState
	WhenSide  Side
	WhenState fsm.State
	After     time.Duration
	Side      Side
	Op        Op
	Data      []byte // send: the bytes
	Link      *[2]LinkConfig
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

func (c *Config) endpoint(s Side) EndpointConfig {
	if s == A {
		return c.A
	}
	return c.B
}
