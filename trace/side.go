package trace

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
	// The socket as applications use it (issue 14).
	OpRead        // RECEIVE: read N bytes, or with N = 0 start reading everything as it comes
	OpStopReading // stop reading: data waits in the receive buffer
	OpShutdown    // shutdown(SHUT_WR): RFC 9293's CLOSE, a half-close
	OpShutRead    // shutdown(SHUT_RD): the application reads no more (fsm/shutread.go)
)

var opNames = [...]string{"listen", "connect", "send", "close", "abort", "crash", "link", "read", "stop reading", "shutdown", "shutdown read"}

func (o Op) String() string {
	if int(o) < len(opNames) {
		return opNames[o]
	}
	return "op(?)"
}
