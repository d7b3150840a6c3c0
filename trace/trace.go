package trace

import (
	"net/netip"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
)

// Kind is the type of a trace event.
type Kind uint8

const (
	KUser    Kind = iota // a user/application call
	KSend                // a segment leaves its sender
	KDeliver             // a segment arrives
	KDrop                // a segment is lost
	KDup                 // the link duplicated a segment
	KState               // a state change
	KTimer               // a timer armed, fired or cancelled
	KData                // data (or end of data) handed to the application
	KError               // the user is told of an error
	NumKinds
)

var kindNames = [NumKinds]string{"user", "send", "deliver", "drop", "dup", "state", "timer", "data", "error"}

func (k Kind) String() string {
	if k < NumKinds {
		return kindNames[k]
	}
	return "kind(?)"
}

// TimerEv says what happened to a timer.
type TimerEv uint8

const (
	TimerArmed TimerEv = iota
	TimerFired
	TimerCancelled
)

var timerEvNames = [...]string{"armed", "fired", "cancelled"}

func (t TimerEv) String() string { return timerEvNames[t] }

// DropReason says why a segment was lost.
type DropReason uint8

const (
	DropNone  DropReason = iota
	DropLoss             // random loss on the link
	DropFault            // a scripted drop
	DropUser             // dropped interactively
)

var dropNames = [...]string{"", "random loss", "scripted drop", "dropped by user"}

func (d DropReason) String() string { return dropNames[d] }

// Snap is a TCB snapshot taken after an event.
type Snap struct {
	SndUna, SndNxt fsm.Seq
	SndWnd         uint32
	RcvNxt         fsm.Seq
	RcvWnd         uint32
	ISS, IRS       fsm.Seq
}

// Event is one entry of the trace: the single record every consumer reads.
// Fields beyond T, Kind and Side are set as the kind needs.
type Event struct {
	T    time.Duration // virtual time since the start
	Kind Kind
	Side Side // send, drop, dup: the sender; deliver: the receiver; others: the endpoint
	// Conn is the connection record at Side the event belongs to: 0 is
	// the side's first record, so a run with one connection per side
	// never sets it (sim: several records per host, RFC 9293 MUST-42).
	Conn uint8

	// segments
	Seg fsm.Segment
	ID  int32 // transmission number; a duplicate shares its original's
	// Ports are the segment's source and destination ports (send, drop,
	// dup, deliver); zero: the ports of Trace.Ends, as a trace with one
	// connection per side leaves them. With several records per side
	// each connection has its own ports, and a capture shows each on
	// them (sim/pcap).
	Ports    [2]uint16
	Arrive   time.Duration // send: when it arrives (lost: when it would have)
	Lost     bool          // send: it will not arrive
	Drop     DropReason
	Dup      bool // deliver/dup: this is the extra copy
	Reorder  bool // send: held back behind later segments
	Held     bool // send: delayed by a scripted hold
	Injected bool // send/deliver: crafted by a fault, not sent by an endpoint
	Reason   fsm.SendReason
	Retx     uint16 // send: retransmission number (1 = first resend)

	// state changes and the rule behind sends, signals and changes
	From, To fsm.State // state: old and new; send/deliver: the endpoint's state before
	Row      int16

	// timers
	Timer   fsm.Timer
	TimerEv TimerEv
	Dur     time.Duration // armed: how long; RTO: current value

	// user calls, data and errors
	Op  Op
	N   uint32 // bytes (send call, data delivered)
	EOF bool   // data: the peer's FIN reached the application
	Sig fsm.Signal

	TCB Snap // the endpoint's TCB after the event
}

// Rule returns the table row behind the event, or nil.
func (e *Event) Rule() *fsm.Row {
	if e.Row <= 0 || int(e.Row) >= len(fsm.Table) {
		return nil
	}
	return &fsm.Table[e.Row]
}

// Endpoint is where a side sits on the network, as ladders and captures
// name it.
type Endpoint struct {
	Addr netip.Addr // invalid: not known
	Port uint16
}

// String is "10.0.0.1:80" or "[2001:db8::1]:80"; "" when the address is
// not known.
func (e Endpoint) String() string {
	if !e.Addr.IsValid() {
		return ""
	}
	return netip.AddrPortFrom(e.Addr, e.Port).String()
}

// Challenge reports whether a send is a challenge ACK (RFC 5961 §3.2,
// §4.2): the answer to an in-window RST, or to a SYN in a synchronized
// state.
func (e *Event) Challenge() bool { return ChallengeRule(e.Rule()) }

// ChallengeRule reports whether a table row answers with a challenge ACK.
func ChallengeRule(r *fsm.Row) bool {
	return r != nil && (r.On == fsm.EvRST && r.If == fsm.InWindow || r.On == fsm.EvSYN && r.Next == fsm.Same)
}

// Trace is a whole run.
type Trace struct {
	Ends   [2]Endpoint      // A and B
	Delay  [2]time.Duration // base one-way delay A→B and B→A; 0: not known
	Events []Event
	Final  [2]fsm.State    // each side's state at the end: of the connection its application holds (the newest it opened or accepted)
	Errors [2][]fsm.Signal // connection errors each side was told, in order
	End    time.Duration   // virtual time of the last event

	index *Index // built by Index on first use
}

// SnapOf copies the parts of c's TCB a trace keeps.
func SnapOf(c *fsm.Conn) Snap {
	t := c.TCB()
	return Snap{SndUna: t.SndUna, SndNxt: t.SndNxt, SndWnd: t.SndWnd, RcvNxt: t.RcvNxt, RcvWnd: t.RcvWnd, ISS: t.ISS, IRS: t.IRS}
}
