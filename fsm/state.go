package fsm

// State is one of the eleven connection states of RFC 9293 §3.3.2.
type State uint8

const (
	Closed State = iota
	Listen
	SynSent
	SynReceived
	Established
	FinWait1
	FinWait2
	CloseWait
	Closing
	LastAck
	TimeWait
	NumStates
)

var stateNames = [NumStates]string{
	"CLOSED", "LISTEN", "SYN-SENT", "SYN-RECEIVED", "ESTABLISHED",
	"FIN-WAIT-1", "FIN-WAIT-2", "CLOSE-WAIT", "CLOSING", "LAST-ACK", "TIME-WAIT",
}

func (s State) String() string {
	if s < NumStates {
		return stateNames[s]
	}
	return "STATE(?)"
}

// ParseState accepts the RFC spelling ("FIN-WAIT-1"); case and the use of
// '_' for '-' do not matter.
func ParseState(name string) (State, bool) {
	b := []byte(name)
	for i, c := range b {
		switch {
		case c >= 'a' && c <= 'z':
			b[i] = c - 'a' + 'A'
		case c == '_':
			b[i] = '-'
		}
	}
	for i, n := range stateNames {
		if n == string(b) {
			return State(i), true
		}
	}
	return Closed, false
}

// Synchronized reports whether both sides' sequence numbers are known
// (RFC 9293 §3.5.2 group 3).
func (s State) Synchronized() bool { return s >= Established }

// StateSet is a set of states, used by table rows that apply to several.
type StateSet uint16

// Of builds a set from states.
func Of(states ...State) StateSet {
	var m StateSet
	for _, s := range states {
		m |= 1 << s
	}
	return m
}

// Has reports whether s is in the set.
func (m StateSet) Has(s State) bool { return m&(1<<s) != 0 }

// States lists the members in enum order.
func (m StateSet) States() []State {
	var out []State
	for s := Closed; s < NumStates; s++ {
		if m.Has(s) {
			out = append(out, s)
		}
	}
	return out
}
