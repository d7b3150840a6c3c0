package fsm

// Event is what drives the machine: a user call (RFC 9293 §3.10.1–§3.10.5),
// a segment arrival classified by the §3.10.7 step that decided its fate,
// or a timeout (§3.10.8).
type Event uint8

const (
	EvNone Event = iota
	EvPassiveOpen
	EvActiveOpen
	EvSend
	EvClose
	EvAbort
	EvSegment      // any segment reaching a CLOSED (non-existent) connection
	EvUnacceptable // failed the sequence-number test (§3.10.7.4 first step)
	EvRST
	EvSYN
	EvACK
	EvNoACK
	EvText
	EvFIN
	EvOther // none of SYN, RST, ACK where one was needed
	EvRTO
	EvGiveUp
	EvTimeWait
	EvFinWait2Timeout
	EvCrash
	EvOutput // output: queued data or our FIN leaves (§3.10.2, §3.10.4)
	// The socket as applications use it (socket.go).
	EvReceive        // RECEIVE (§3.10.3): the application reads
	EvPersist        // the persist timer fired: the window is still zero
	EvCloseUnread    // a full close while received data is unread
	EvTextAfterClose // new data after a full close: nobody will read it
	EvKeepalive      // the keep-alive timer fired: idle for the interval
	EvKeepaliveGone  // keep-alive probes went unanswered: the peer is gone
	EvNewSYN         // a SYN that may reopen a connection in TIME-WAIT (timewait.go)
	EvTextAfterShut  // new data after shutdown(SHUT_RD) and our FIN (shutread.go)
	EvShutRead       // the application calls shutdown(SHUT_RD) (shutread.go)
	EvSYNAgain       // the peer's SYN again, which Linux answers (linuxsyn.go)
	NumEvents
)

var eventNames = [NumEvents]string{
	"", "passive OPEN", "active OPEN", "SEND", "CLOSE", "ABORT",
	"segment", "unacceptable segment", "RST", "SYN", "ACK", "no ACK", "text", "FIN", "other segment",
	"retransmission timeout", "retries exhausted", "TIME-WAIT timeout", "FIN-WAIT-2 timeout", "crash (REBOOT)",
	"output", "RECEIVE", "persist timeout", "close with unread data", "text after close",
	"keep-alive timeout", "keep-alive gives up", "new SYN", "text after SHUT_RD", "shutdown(SHUT_RD)",
	"repeated SYN",
}

// Abrupt reports an event that ends a connection in CLOSED from almost
// any state; the state diagrams sum its arcs up in one line.
func (e Event) Abrupt() bool {
	switch e {
	case EvAbort, EvRST, EvCrash, EvGiveUp, EvFinWait2Timeout, EvCloseUnread, EvTextAfterClose, EvKeepaliveGone, EvTextAfterShut:
		return true
	}
	return false
}

func (e Event) String() string {
	if e < NumEvents {
		return eventNames[e]
	}
	return "event(?)"
}

// Action is one visible effect of a row. Sequence-space bookkeeping (RCV.NXT,
// SND.UNA, windows) stays in the processing code; rows carry what a reader
// of a ladder diagram sees: segments, timers, user signals and the state.
type Action uint8

const (
	SendSYN       Action = iota // <SEQ=ISS><CTL=SYN>
	SendSYNACK                  // <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>
	SendACK                     // <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, piggybacked or delayed if possible
	SendACKNow                  // the same, at once (challenge ACK, unacceptable segment)
	SendRSTForACK               // <SEQ=SEG.ACK><CTL=RST>
	SendRSTACK                  // <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>
	SendRSTAbort                // <SEQ=SND.NXT><CTL=RST>
	QueueData                   // segmentize user data as the window allows
	QueueFIN                    // send FIN once all queued data is segmentized
	Retransmit                  // resend the front of the retransmission queue
	StartTimeWait               // (re)start the 2MSL timer
	StartFinWait2               // start the FIN-WAIT-2 timer (profiles that have one)
	StopTimers                  // turn off retransmission and delayed-ACK timers
	Tell                        // signal the user (Row.Tell)
	Drop                        // discard the segment; nothing else happens
	SendQueued                  // the segment output built: data, FIN or both
	CloseLater                  // remember a CLOSE until the connection is ESTABLISHED
	UpdateWindow                // open the window the application's read freed (§3.8.6.2.2)
	SendProbe                   // send a zero-window probe (§3.8.6.1)
	SendKeepalive               // send a keep-alive probe (§3.8.4)
	ResendSYNACK                // our SYN,ACK again, at once (Linux, linuxsyn.go)
	NumActions
)

var actionNames = [NumActions]string{
	"send SYN", "send SYN,ACK", "send ACK", "send ACK now", "send RST (seq=SEG.ACK)",
	"send RST,ACK (seq=0)", "send RST (seq=SND.NXT)", "segmentize data", "queue FIN",
	"retransmit", "start 2MSL timer", "start FIN-WAIT-2 timer", "stop timers", "tell user", "drop",
	"send data/FIN", "close once ESTABLISHED", "open the window", "send a zero-window probe",
	"send a keep-alive probe", "resend SYN,ACK",
}

func (a Action) String() string {
	if a < NumActions {
		return actionNames[a]
	}
	return "action(?)"
}

// Signal is what the user hears back (RFC 9293 §3.10 responses).
type Signal uint8

const (
	NoSignal       Signal = iota
	SigReset              // "connection reset"
	SigRefused            // "connection refused"
	SigTimedOut           // "connection timed out" (retries exhausted)
	SigClosing            // the peer sent FIN: end of data ("connection closing")
	ErrExists             // "error: connection already exists"
	ErrNoConn             // "error: connection does not exist"
	ErrClosingCall        // "error: connection closing"
	ErrUnspecified        // "error: remote socket unspecified"
	SigTrouble            // R1 retransmissions went unanswered: a soft error (§3.8.3, SHLD-9)
	ErrBadRemote          // OPEN to a broadcast or multicast address (§3.9.1.1, MUST-46)
	ErrPortInUse          // OPEN naming a local port another connection to the same remote socket holds (Linux: EADDRNOTAVAIL)
	NumSignals
)

var signalNames = [NumSignals]string{
	"", "connection reset", "connection refused", "connection timed out", "connection closing (end of data)",
	"error: connection already exists", "error: connection does not exist", "error: connection closing",
	"error: remote socket unspecified", "connection trouble: R1 retransmissions unanswered",
	"error: remote address is broadcast or multicast", "error: local port in use",
}

func (s Signal) String() string {
	if s < NumSignals {
		return signalNames[s]
	}
	return "signal(?)"
}

// Error reports whether the signal ends the connection abnormally or
// refuses a call (as opposed to the ordinary end-of-data notice).
func (s Signal) Error() bool { return s != NoSignal && s != SigClosing }

// Same as a row's Next keeps the current state.
const Same State = 255

// Row is one rule of the machine.
type Row struct {
	ID          int
	name        string
	From        StateSet
	On          Event
	If          Guard
	Do          []Action
	Tell        Signal
	Next        State // Same keeps the state
	RFC         string
	Explanation string
}

// Next state for a concrete current state.
func (r *Row) To(cur State) State {
	if r.Next == Same {
		return cur
	}
	return r.Next
}

var (
	synced   = Of(Established, FinWait1, FinWait2, CloseWait, Closing, LastAck, TimeWait)
	open4    = Of(Established, FinWait1, FinWait2, CloseWait) // RST means "connection reset" to the user
	closing3 = Of(Closing, LastAck, TimeWait)
	canRetx  = Of(SynSent, SynReceived, Established, FinWait1, CloseWait, Closing, LastAck)
	allTCB   = Of(Listen, SynSent, SynReceived, Established, FinWait1, FinWait2, CloseWait, Closing, LastAck, TimeWait)
)

func a(actions ...Action) []Action { return actions }

// Table is the connection state machine. Processing code classifies each
// event and fires exactly one row (or a few, in §3.10.7 order); state
// changes happen only here. Everything that draws or explains the machine
// reads this table.
var Table = []Row{
	{}, // row 0 means "no row"

	// §3.10.1 OPEN
	{From: Of(Closed), On: EvPassiveOpen, Next: Listen, RFC: "3.10.1",
		Explanation: "A passive OPEN creates a TCB and waits for a SYN."},
	{From: Of(Closed, Listen), On: EvActiveOpen, Do: a(SendSYN), Next: SynSent, RFC: "3.10.1",
		Explanation: "An active OPEN picks an initial sequence number (ISS) and sends <SEQ=ISS><CTL=SYN>."},
	{From: allTCB &^ Of(Listen), On: EvPassiveOpen, Do: a(Tell), Tell: ErrExists, Next: Same, RFC: "3.10.1",
		Explanation: "OPEN on an existing connection is an error."},
	{From: allTCB &^ Of(Listen), On: EvActiveOpen, Do: a(Tell), Tell: ErrExists, Next: Same, RFC: "3.10.1",
		Explanation: "OPEN on an existing connection is an error."},
	{From: Of(Listen), On: EvPassiveOpen, Do: a(Tell), Tell: ErrExists, Next: Same, RFC: "3.10.1",
		Explanation: "The connection is already listening."},

	// §3.10.2 SEND
	{From: Of(Closed), On: EvSend, Do: a(Tell), Tell: ErrNoConn, Next: Same, RFC: "3.10.2",
		Explanation: "SEND on a connection that does not exist is an error."},
	{From: Of(Listen), On: EvSend, Do: a(Tell), Tell: ErrUnspecified, Next: Same, RFC: "3.10.2",
		Explanation: "A passive connection does not know whom to send to yet."},
	{From: Of(SynSent, SynReceived), On: EvSend, Do: a(QueueData), Next: Same, RFC: "3.10.2",
		Explanation: "Data is queued until the connection is ESTABLISHED."},
	{From: Of(Established, CloseWait), On: EvSend, Do: a(QueueData), Next: Same, RFC: "3.10.2",
		Explanation: "Data is segmentized and sent with a piggybacked ACK, as far as the peer's window allows."},
	{From: Of(FinWait1, FinWait2, Closing, LastAck, TimeWait), On: EvSend, Do: a(Tell), Tell: ErrClosingCall, Next: Same, RFC: "3.10.2",
		Explanation: "After CLOSE no more data may be sent."},

	// §3.10.4 CLOSE
	{From: Of(Closed), On: EvClose, Do: a(Tell), Tell: ErrNoConn, Next: Same, RFC: "3.10.4",
		Explanation: "CLOSE on a connection that does not exist is an error."},
	{From: Of(Listen, SynSent), On: EvClose, Next: Closed, RFC: "3.10.4",
		Explanation: "Closing before the connection is synchronized just deletes the TCB."},
	{From: Of(Established), On: EvClose, Do: a(QueueFIN), Next: FinWait1, RFC: "3.10.4",
		Explanation: "CLOSE means \"I have no more data\": a FIN follows the queued data, and the side still receives."},
	{From: Of(CloseWait), On: EvClose, Do: a(QueueFIN), Next: LastAck, RFC: "3.10.4",
		Explanation: "The peer already closed; our FIN follows the queued data and we wait for its ACK."},
	{From: Of(FinWait1, FinWait2, Closing, LastAck, TimeWait), On: EvClose, Do: a(Tell), Tell: ErrClosingCall, Next: Same, RFC: "3.10.4",
		Explanation: "The connection is already closing; no second FIN is sent."},

	// §3.10.5 ABORT
	{From: Of(Closed), On: EvAbort, Do: a(Tell), Tell: ErrNoConn, Next: Same, RFC: "3.10.5",
		Explanation: "ABORT on a connection that does not exist is an error."},
	{From: Of(Listen, SynSent), On: EvAbort, Next: Closed, RFC: "3.10.5",
		Explanation: "Aborting an unsynchronized connection just deletes the TCB."},
	{From: Of(SynReceived) | open4, On: EvAbort, Do: a(SendRSTAbort), Next: Closed, RFC: "3.10.5",
		Explanation: "ABORT sends <SEQ=SND.NXT><CTL=RST>, flushes every queue and deletes the TCB."},
	{From: closing3, On: EvAbort, Next: Closed, RFC: "3.10.5",
		Explanation: "Both FINs are already out: ABORT just deletes the TCB."},

	// §3.10.7.1 CLOSED
	{From: Of(Closed), On: EvSegment, If: WithRST, Do: a(Drop), Next: Same, RFC: "3.10.7.1",
		Explanation: "An RST to a connection that does not exist is discarded."},
	{From: Of(Closed), On: EvSegment, If: WithACK, Do: a(SendRSTForACK), Next: Same, RFC: "3.10.7.1",
		Explanation: "No such connection: answer with <SEQ=SEG.ACK><CTL=RST>."},
	{From: Of(Closed), On: EvSegment, If: WithoutACK, Do: a(SendRSTACK), Next: Same, RFC: "3.10.7.1",
		Explanation: "No such connection: answer with <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>."},

	// §3.10.7.2 LISTEN
	{From: Of(Listen), On: EvRST, Do: a(Drop), Next: Same, RFC: "3.10.7.2",
		Explanation: "An RST cannot be meant for a listening connection; it is ignored."},
	{From: Of(Listen), On: EvACK, Do: a(SendRSTForACK), Next: Same, RFC: "3.10.7.2",
		Explanation: "Any ACK reaching LISTEN is bad: answer with <SEQ=SEG.ACK><CTL=RST>."},
	{From: Of(Listen), On: EvSYN, Do: a(SendSYNACK), Next: SynReceived, RFC: "3.10.7.2",
		Explanation: "An arriving SYN sets IRS and RCV.NXT=SEG.SEQ+1; we answer <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>."},
	{From: Of(Listen), On: EvOther, Do: a(Drop), Next: Same, RFC: "3.10.7.2",
		Explanation: "A segment without SYN, ACK or RST is dropped."},

	// §3.10.7.3 SYN-SENT
	{From: Of(SynSent), On: EvACK, If: BadACK, Do: a(SendRSTForACK), Next: Same, RFC: "3.10.7.3",
		Explanation: "The ACK does not acknowledge our SYN (SEG.ACK =< ISS or > SND.NXT): send <SEQ=SEG.ACK><CTL=RST>."},
	{From: Of(SynSent), On: EvACK, If: BadACKRST, Do: a(Drop), Next: Same, RFC: "3.10.7.3",
		Explanation: "An RST with an unacceptable ACK is dropped."},
	{From: Of(SynSent), On: EvRST, If: GoodACKRefused, Do: a(Tell), Tell: SigRefused, Next: Closed, RFC: "3.10.7.3",
		Explanation: "An RST that acknowledges our SYN: nobody listens there. The sockets API (and Linux) tell the application \"connection refused\" (ECONNREFUSED)."},
	{From: Of(SynSent), On: EvRST, If: WithoutACK, Do: a(Drop), Next: Same, RFC: "3.10.7.3",
		Explanation: "An RST without ACK cannot be validated in SYN-SENT and is dropped."},
	{From: Of(SynSent), On: EvSYN, If: SYNAcked, Do: a(SendACKNow), Next: Established, RFC: "3.10.7.3",
		Explanation: "SYN,ACK acknowledges our SYN: set RCV.NXT=SEG.SEQ+1, send <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>."},
	{From: Of(SynSent), On: EvSYN, If: SYNUnacked, Do: a(SendSYNACK), Next: SynReceived, RFC: "3.10.7.3",
		Explanation: "An arriving SYN without ACK while ours is out: simultaneous open; answer <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>."},
	{From: Of(SynSent), On: EvOther, Do: a(Drop), Next: Same, RFC: "3.10.7.3",
		Explanation: "Neither SYN nor RST: drop the segment."},

	// §3.10.7.4 first: sequence number check
	{From: Of(SynReceived) | synced, On: EvUnacceptable, If: WithoutRST, Do: a(SendACKNow), Next: Same, RFC: "3.10.7.4",
		Explanation: "The segment is outside the receive window: answer <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and drop it."},
	{From: Of(SynReceived) | synced, On: EvUnacceptable, If: WithRST, Do: a(Drop), Next: Same, RFC: "3.10.7.4",
		Explanation: "An RST outside the receive window is silently dropped (RFC 5961 §3)."},
	{From: Of(TimeWait), On: EvFIN, If: Retransmitted, Do: a(SendACKNow, StartTimeWait), Next: Same, RFC: "3.10.7.4",
		Explanation: "In TIME-WAIT only a retransmitted FIN can arrive: acknowledge it and restart the 2MSL timer."},

	// second: RST (with RFC 5961 §3)
	{From: Of(SynReceived) | synced, On: EvRST, If: InWindow, Do: a(SendACKNow), Next: Same, RFC: "3.10.7.4",
		Explanation: "An RST in the window but not at RCV.NXT may be forged: send a challenge ACK (RFC 5961 §3)."},
	{From: Of(SynReceived), On: EvRST, If: Passive, Next: Listen, RFC: "3.10.7.4",
		Explanation: "A valid RST in SYN-RECEIVED from a passive OPEN returns the connection to LISTEN."},
	{From: Of(SynReceived), On: EvRST, If: Active, Do: a(Tell), Tell: SigRefused, Next: Closed, RFC: "3.10.7.4",
		Explanation: "A valid RST in SYN-RECEIVED from an active OPEN: the connection was refused."},
	{From: open4, On: EvRST, If: Exact, Do: a(Tell), Tell: SigReset, Next: Closed, RFC: "3.10.7.4",
		Explanation: "An RST at exactly RCV.NXT resets the connection: queues are flushed and the user hears \"connection reset\"."},
	{From: closing3, On: EvRST, If: Exact, Next: Closed, RFC: "3.10.7.4",
		Explanation: "A valid RST while closing deletes the TCB."},

	// fourth: SYN
	{From: Of(SynReceived), On: EvSYN, If: Passive, Next: Listen, RFC: "3.10.7.4",
		Explanation: "A new SYN in SYN-RECEIVED from a passive OPEN returns the connection to LISTEN."},
	{From: Of(SynReceived) | synced, On: EvSYN, Do: a(SendACKNow), Next: Same, RFC: "3.10.7.4",
		Explanation: "An arriving SYN in a synchronized state gets a challenge ACK and is dropped (RFC 5961 §4)."},

	// fifth: ACK
	{From: Of(SynReceived) | synced, On: EvNoACK, Do: a(Drop), Next: Same, RFC: "3.10.7.4",
		Explanation: "A segment without ACK is dropped."},
	{From: Of(SynReceived), On: EvACK, If: GoodACK, Next: Established, RFC: "3.10.7.4",
		Explanation: "The ACK acknowledges our SYN (SND.UNA < SEG.ACK =< SND.NXT): the connection is ESTABLISHED."},
	{From: Of(SynReceived), On: EvACK, If: BadACK, Do: a(SendRSTForACK), Next: Same, RFC: "3.10.7.4",
		Explanation: "The ACK acknowledges nothing we sent: answer <SEQ=SEG.ACK><CTL=RST>."},
	{From: synced, On: EvACK, If: AckTooNew, Do: a(SendACKNow), Next: Same, RFC: "3.10.7.4",
		Explanation: "The ACK acknowledges something not yet sent (SEG.ACK > SND.NXT): send an ACK and drop it."},
	{From: synced, On: EvACK, If: AckTooOld, Do: a(SendACKNow), Next: Same, RFC: "3.10.7.4",
		Explanation: "The ACK is older than the largest window allows (RFC 5961 §5): send an ACK and drop it."},
	{From: Of(Established, FinWait1, CloseWait, Closing, LastAck), On: EvACK, If: ThirdDupACK, Do: a(Retransmit), Next: Same, RFC: "3.8.2",
		Explanation: "A third duplicate ACK means a segment was lost: resend it now and halve the congestion window (fast retransmit, RFC 5681 §3.2)."},
	{From: Of(FinWait1), On: EvACK, If: AcksFIN, Do: a(StartFinWait2), Next: FinWait2, RFC: "3.10.7.4",
		Explanation: "Our FIN is acknowledged: wait in FIN-WAIT-2 for the peer's FIN (we may still receive data)."},
	{From: Of(Closing), On: EvACK, If: AcksFIN, Do: a(StopTimers, StartTimeWait), Next: TimeWait, RFC: "3.10.7.4",
		Explanation: "Our FIN is acknowledged after both sides sent FIN: linger 2MSL in TIME-WAIT."},
	{From: Of(LastAck), On: EvACK, If: AcksFIN, Next: Closed, RFC: "3.10.7.4",
		Explanation: "The ACK of our FIN ends the connection: delete the TCB."},

	// seventh: segment text
	{From: Of(Established, FinWait1, FinWait2), On: EvText, If: InOrder, Do: a(SendACK), Next: Same, RFC: "3.10.7.4",
		Explanation: "Data at RCV.NXT is delivered, RCV.NXT advances over it and an ACK is due."},
	{From: Of(Established, FinWait1, FinWait2), On: EvText, If: OutOfOrder, Do: a(SendACKNow), Next: Same, RFC: "3.10.7.4",
		Explanation: "Data beyond RCV.NXT is held for later and RCV.NXT is acknowledged at once (duplicate ACK)."},
	{From: Of(CloseWait, Closing, LastAck, TimeWait), On: EvText, If: AfterFIN, Do: a(Drop), Next: Same, RFC: "3.10.7.4",
		Explanation: "Text after the peer's FIN cannot be valid and is ignored."},

	// eighth: FIN
	{From: Of(SynReceived, Established), On: EvFIN, Do: a(SendACK, Tell), Tell: SigClosing, Next: CloseWait, RFC: "3.10.7.4",
		Explanation: "The peer closed its side: RCV.NXT advances over the FIN, it is acknowledged and the user is told; we may still send."},
	// "If our FIN has been ACKed (perhaps in this segment), enter TIME-WAIT":
	// an ACK of our FIN has already moved us to FIN-WAIT-2 in the fifth step,
	// and the FIN-WAIT-2 row below takes us on, so FIN-WAIT-1 only sees a FIN
	// whose segment did not acknowledge ours.
	{From: Of(FinWait1), On: EvFIN, If: FINNotAcked, Do: a(SendACKNow, Tell), Tell: SigClosing, Next: Closing, RFC: "3.10.7.4",
		Explanation: "The peer's FIN arrives before the ACK of ours: simultaneous close, enter CLOSING."},
	{From: Of(FinWait2), On: EvFIN, Do: a(SendACKNow, Tell, StopTimers, StartTimeWait), Tell: SigClosing, Next: TimeWait, RFC: "3.10.7.4",
		Explanation: "The peer's FIN completes the close: ACK it and linger 2MSL in TIME-WAIT so a lost ACK can be repeated."},
	{From: Of(CloseWait, Closing, LastAck), On: EvFIN, Do: a(SendACKNow), Next: Same, RFC: "3.10.7.4",
		Explanation: "A repeated FIN is acknowledged again; the state stays."},

	// §3.10.8 timeouts
	{From: canRetx, On: EvRTO, Do: a(Retransmit), Next: Same, RFC: "3.10.8",
		Explanation: "The retransmission timer expired: resend the segment at the front of the retransmission queue."},
	{From: Of(SynReceived), On: EvGiveUp, If: Passive, Next: Listen, RFC: "3.10.8",
		Explanation: "No ACK for our SYN,ACK after every retry: forget the attempt and keep listening."},
	{From: canRetx, On: EvGiveUp, Do: a(Tell), Tell: SigTimedOut, Next: Closed, RFC: "3.10.8",
		Explanation: "Every retransmission went unanswered: the connection is aborted and the user hears \"connection timed out\"."},
	{From: Of(TimeWait), On: EvTimeWait, Next: Closed, RFC: "3.10.8",
		Explanation: "2MSL passed with no retransmitted FIN: old duplicates have died out, so the TCB is deleted."},
	{From: Of(FinWait2), On: EvFinWait2Timeout, Next: Closed, RFC: "3.10.8",
		Explanation: "The peer never sent its FIN: the orphaned FIN-WAIT-2 connection is dropped (an implementation timer, not in RFC 9293)."},

	// §3.5.1 a crash loses the TCB
	{From: allTCB, On: EvCrash, Next: Closed, RFC: "3.5.1",
		Explanation: "The host crashed and rebooted: it forgets the connection without telling the peer."},

	// Fifth step, continued: every ACK that passed the checks above. These
	// come last because they are the fallbacks for their states.
	{From: Of(Established, FinWait1, CloseWait), On: EvACK, If: NewACK, Next: Same, RFC: "3.10.7.4",
		Explanation: "The ACK acknowledges new data: SND.UNA advances, those bytes leave the retransmission queue, the send window is updated, and the RTO restarts if data is still out (RFC 6298 §5.3)."},
	{From: Of(Established, FinWait1, CloseWait), On: EvACK, If: DupACK, Next: Same, RFC: "3.8.2",
		Explanation: "A duplicate ACK: data is out, yet nothing new is acknowledged. It is counted; the third one triggers fast retransmit (RFC 5681 §3.2)."},
	{From: Of(Established, FinWait1, FinWait2, CloseWait), On: EvACK, Next: Same, RFC: "3.10.7.4",
		Explanation: "The ACK acknowledges nothing new, which is normal when nothing is outstanding; its window is taken if it is newer, and the segment goes on to the text and FIN steps."},
	{From: Of(Closing, LastAck), On: EvACK, Do: a(Drop), Next: Same, RFC: "3.10.7.4",
		Explanation: "Until our FIN is acknowledged, this state takes only the ACK (SND.UNA and the window) from a segment and ignores the rest."},
	{From: Of(TimeWait), On: EvACK, Do: a(Drop), Next: Same, RFC: "3.10.7.4",
		Explanation: "In TIME-WAIT only a retransmission of the peer's FIN can matter; this segment is ignored."},

	// Output: what leaves without a segment or timer asking for it.
	{From: Of(Established, CloseWait, FinWait1, Closing, LastAck), On: EvOutput, If: DataOut, Do: a(SendQueued), Next: Same, RFC: "3.10.2",
		Explanation: "Queued data goes out in segments of at most one MSS, with an ACK piggybacked, as far as the peer's window and the congestion window allow; small segments wait while data is in flight (§3.8.6.2.1)."},
	{From: Of(FinWait1, Closing, LastAck), On: EvOutput, If: FINOut, Do: a(SendQueued), Next: Same, RFC: "3.10.4",
		Explanation: "All queued data is out, so our FIN follows it: it takes one sequence number and is retransmitted until acknowledged."},

	// Rules RFC 9293 states that the first rows above left out.
	{From: Of(SynSent), On: EvRST, If: GoodACK, Do: a(Tell), Tell: SigReset, Next: Closed, RFC: "3.10.7.3",
		Explanation: "An RST that acknowledges our SYN: RFC 9293 tells the user \"connection reset\" (the sockets API calls this case \"connection refused\")."},
	{From: Of(TimeWait), On: EvFIN, If: FINAtRcvNxt, Do: a(SendACKNow, StartTimeWait), Next: Same, RFC: "3.10.7.4",
		Explanation: "A new FIN in TIME-WAIT: acknowledge it and restart the 2MSL timer, as the fifth and eighth steps say for this state."},
	{From: Of(SynReceived), On: EvClose, If: NoDataQueued, Do: a(QueueFIN), Next: FinWait1, RFC: "3.10.4",
		Explanation: "CLOSE before the handshake ends, with nothing queued to send: our FIN goes out now and we wait in FIN-WAIT-1."},
	{From: Of(SynReceived), On: EvClose, If: DataQueued, Do: a(CloseLater), Next: Same, RFC: "3.10.4",
		Explanation: "CLOSE before the handshake ends, with data still queued: it waits until the connection is ESTABLISHED, then the FIN follows the data."},

	// The socket as applications use it (socket.go). §3.10.3 RECEIVE.
	{From: Of(Closed), On: EvReceive, Do: a(Tell), Tell: ErrNoConn, Next: Same, RFC: "3.10.3",
		Explanation: "RECEIVE on a connection that does not exist is an error."},
	{From: Of(Listen, SynSent, SynReceived), On: EvReceive, Next: Same, RFC: "3.10.3",
		Explanation: "Nothing can have arrived before the connection is ESTABLISHED: the RECEIVE waits."},
	{From: synced, On: EvReceive, Do: a(UpdateWindow), Next: Same, RFC: "3.8.6.2.2",
		Explanation: "The application reads from the receive buffer. Once the freed room reaches half the buffer or one full segment, the window opens and a window update goes out (receiver silly window avoidance)."},
	{From: canRetx &^ Of(SynSent, SynReceived), On: EvPersist, Do: a(SendProbe), Next: Same, RFC: "3.8.6.1",
		Explanation: "The peer's window is still zero and data waits: send a zero-window probe, and probe again after twice the interval (MUST-36, RFC 1122 §4.2.2.17)."},
	{From: unreadClose, On: EvCloseUnread, Do: a(SendRSTAbort), Next: Closed, RFC: "3.6",
		Explanation: "close() while received data is unread: the data is lost, so a RST is sent instead of a FIN to say so (RFC 1122 §4.2.2.13; Linux tcp_close sends RST,ACK)."},
	{From: afterClose, On: EvTextAfterClose, Do: a(SendRSTForACK), Next: Closed, RFC: "3.6",
		Explanation: "New data after a full close: no application will read it, so it is answered with <SEQ=SEG.ACK><CTL=RST> and the connection is deleted (RFC 1122 §4.2.2.13; Linux counts it as TCPAbortOnData)."},

	// §3.8.4 keep-alive (socket.go)
	{From: keepStates, On: EvKeepalive, Do: a(SendKeepalive), Next: Same, RFC: "3.8.4",
		Explanation: "Nothing has arrived for the keep-alive interval: send a probe <SEQ=SND.NXT-1><ACK=RCV.NXT><CTL=ACK> without data, which a live peer must answer with an ACK."},
	{From: keepStates, On: EvKeepaliveGone, If: KeepaliveRST, Do: a(SendRSTAbort, Tell), Tell: SigTimedOut, Next: Closed, RFC: "3.8.4",
		Explanation: "Every keep-alive probe went unanswered: the peer is gone. Linux sends RST,ACK and the application hears \"connection timed out\" (tcp_keepalive_probes)."},
	{From: keepStates, On: EvKeepaliveGone, Do: a(Tell), Tell: SigTimedOut, Next: Closed, RFC: "3.8.4",
		Explanation: "Every keep-alive probe went unanswered: the peer is gone, the connection is deleted and the application hears \"connection timed out\"."},

	// §3.6 MAY-2: a new SYN reopens a connection in TIME-WAIT (timewait.go).
	{From: Of(TimeWait), On: EvNewSYN, Do: a(SendSYNACK), Next: SynReceived, RFC: "3.6",
		Explanation: "A new SYN for the same connection, above the old RCV.NXT or with a newer timestamp (RFC 6191), reopens it straight from TIME-WAIT with an ISS above every sequence number of the old one, answered with a SYN,ACK (MAY-2; Linux: ISS = old SND.NXT + 65537)."},
	// Socket options (nagle.go); rows at the end keep the numbers of the rows above.
	{From: Of(Closed), On: EvShutRead, Do: a(Tell), Tell: ErrNoConn, Next: Same, RFC: "3.6",
		Explanation: "shutdown(SHUT_RD) on a connection that does not exist is an error."},
	{From: Of(Listen, SynSent, SynReceived) | synced, On: EvShutRead, Next: Same, RFC: "3.6",
		Explanation: "shutdown(SHUT_RD): nothing is sent and the peer is not told. Data that arrives is still acknowledged and queued, but the application reads no more, so the window closes; RFC 9293 has no such call (Linux tcp_shutdown sends nothing for it)."},
	{From: afterClose, On: EvTextAfterShut, Do: a(SendRSTForACK), Next: Closed, RFC: "3.6",
		Explanation: "New data after shutdown(SHUT_RD) and our FIN: the application reads no more, so it is answered with <SEQ=SEG.ACK><CTL=RST> and the connection is deleted (RFC 1122 §4.2.2.13; Linux tcp_rcv_state_process)."},
	{From: Of(Established, CloseWait, FinWait1, Closing, LastAck), On: EvOutput, If: NoDelayOut, Do: a(SendQueued), Next: Same, RFC: "3.7.4",
		Explanation: "The application turned the Nagle algorithm off (TCP_NODELAY, MUST-17): a segment shorter than the MSS goes at once, though data is still unacknowledged."},

	// Linux answers the peer's SYN again (linuxsyn.go; profile switches).
	{From: Of(SynReceived), On: EvSYNAgain, Do: a(ResendSYNACK), Next: Same, RFC: "3.10.7.4",
		Explanation: "The peer's SYN again, while our SYN,ACK waits for its ACK: Linux takes it for a sign that the SYN,ACK was lost and sends it again at once, instead of the ACK of §3.10.7.4's first step, at most once per 500 ms (tcp_check_req, tcp_invalid_ratelimit); the retransmission timer starts over."},
	{From: Of(Established), On: EvSYNAgain, Do: a(SendACKNow), Next: Same, RFC: "3.10.7.4",
		Explanation: "In a simultaneous open the peer's SYN,ACK repeats the SYN we already hold. It completes the handshake, and Linux also ACKs it at once, as it ACKs any segment that lies below RCV.NXT (tcp_data_queue)."},
}

// index[state][event] lists candidate rows in table order.
var index [NumStates][NumEvents][]int

func init() {
	for i := 1; i < len(Table); i++ {
		r := &Table[i]
		r.ID = i
		r.name = rowName(r)
		for s := Closed; s < NumStates; s++ {
			if r.From.Has(s) {
				index[s][r.On] = append(index[s][r.On], i)
			}
		}
	}
}

// candidates lists the rows for (state, event) in table order.
func candidates(s State, e Event) []int { return index[s][e] }

// Lookup finds the row for (state, event, guard), as the diagram and tests
// ask: a row naming the exact guard wins over a row for Always.
func Lookup(s State, e Event, g Guard) *Row {
	var fallback *Row
	for _, i := range index[s][e] {
		r := &Table[i]
		if r.If == g {
			return r
		}
		if r.If == Always && fallback == nil {
			fallback = r
		}
	}
	return fallback
}

// Name is the row's stable name, built from its first state, event and
// guard (for example "syn-sent.syn.our-syn-acked"): the key of its
// sentence in a message catalogue, which row numbers cannot be.
func (r *Row) Name() string { return r.name }

func rowName(r *Row) string {
	first := Closed
	for s := Closed; s < NumStates; s++ {
		if r.From.Has(s) {
			first = s
			break
		}
	}
	n := slug(first.String()) + "." + slug(r.On.String())
	if r.If != Always {
		n += "." + slug(r.If.String())
	}
	return n
}

// slug lower-cases a label and keeps letters and digits, joining the rest
// with single hyphens.
func slug(s string) string {
	out := make([]byte, 0, len(s))
	dash := false
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case ch >= 'A' && ch <= 'Z':
			ch += 'a' - 'A'
		case ch >= 'a' && ch <= 'z', ch >= '0' && ch <= '9':
		default:
			dash = len(out) > 0
			continue
		}
		if dash {
			out = append(out, '-')
			dash = false
		}
		out = append(out, ch)
	}
	return string(out)
}
