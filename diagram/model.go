// Package diagram draws a run as pictures for slides, notes and blogs: the
// ladder and the state diagram as SVG and PNG, and the ladder as a Mermaid
// sequenceDiagram. It reads only its own plain model (this file); source.go
// is the one place that knows the simulator's trace.
package diagram

import "time"

// Side is a lifeline: 0 is the left one (A), 1 the right one (B).
type Side uint8

// Fate is what the link did with a transmission.
type Fate uint8

const (
	Delivered Fate = iota
	Lost           // ends in ✕ mid-link
)

// Segment is the part of a TCP header a ladder label shows.
type Segment struct {
	Flags  string // "SYN,ACK"
	Seq    uint32
	Ack    uint32
	HasAck bool
	Len    uint32
}

// Arrow is one transmission crossing the link (a duplicate is its own arrow).
type Arrow struct {
	Index        int // event number in the run, for --from/--to
	From         Side
	Send, Arrive time.Duration // Arrive: when a lost one would have arrived
	Fate         Fate
	Dup          bool // the link's extra copy
	Reorder      bool // held back so later segments overtook it
	Seg          Segment
	Notes        []string // why it was sent, what the link did
}

// StateMark is an endpoint entering a state.
type StateMark struct {
	Index int
	Side  Side
	T     time.Duration
	From  string
	State string
	Event string // what caused it, in the state table's words ("FIN", "CLOSE")
}

// Span is a timer from arming to firing (or to being stopped).
type Span struct {
	Index      int
	Side       Side
	Name       string // "RTO", "TIME-WAIT", ...
	Start, End time.Duration
	Dur        time.Duration // the duration it was armed with
	Fired      bool
}

// Call is a user call or a signal to the user, written beside the lifeline.
type Call struct {
	Index int
	Side  Side
	T     time.Duration
	Text  string
	Error bool // what the user is told when something failed
}

// Run is everything the pictures show.
type Run struct {
	Lost    string // the label under a lost arrow; "": English
	Title   string
	Caption string
	Names   [2]string // "A 10.0.0.1:40000"
	ISS     [2]uint32 // base of relative sequence numbers, per sender
	HasISS  [2]bool
	Arrows  []Arrow
	States  []StateMark
	Timers  []Span
	Calls   []Call
	Start   time.Duration
	End     time.Duration
	Initial [2]string // the states before the first mark
	Final   [2]string
	Events  int // number of events in the source, for --to
}

func (r *Run) lostLabel() string {
	if r.Lost == "" {
		return "lost on the link"
	}
	return r.Lost
}
