package msg

// The catalogue's IDs (locales/en.yaml). Parameters are named in the
// comment; a plural message also gets {{.Count}}.
const (
	SendInjected          ID = "send.injected"
	SendRetransmit        ID = "send.retransmit" // N: retransmission number, RTO: its timeout
	SendFastRetransmit    ID = "send.fast_retransmit"
	SendDelayedACK        ID = "send.delayed_ack"
	SendChallengeACK      ID = "send.challenge_ack"
	SendUnacceptableACK   ID = "send.unacceptable_ack"
	SendResetNoConnection ID = "send.reset_no_connection"
	LinkHeld              ID = "link.held"
	LinkReordered         ID = "link.reordered"
	LinkDuplicates        ID = "link.duplicates"

	DropLoss  ID = "drop.loss"
	DropFault ID = "drop.fault"
	DropUser  ID = "drop.user"
	DropLost  ID = "drop.lost" // Reason: one of the drop.* reasons

	ArriveDuplicate ID = "arrive.duplicate"
	ArriveInjected  ID = "arrive.injected"
	TimerExpires    ID = "timer.expires" // Side, Timer
	AppReads        ID = "app.reads"     // plural; Side
	AppReadsEOF     ID = "app.reads_eof" // Side
	UserCall        ID = "user.call"     // Side, Call
	UserSend        ID = "user.send"     // plural
	UserError       ID = "user.error"    // Side, Error

	LadderFinal     ID = "ladder.final" // A, B: final states; T: time
	LadderDuplicate ID = "ladder.duplicate"
	NoteSep         ID = "note.sep" // between two notes on one line

	WhyLinkCopy      ID = "why.link_copy"
	WhyInjected      ID = "why.injected"
	WhyRetransmit    ID = "why.retransmit" // N, RTO
	WhyDelayedACK    ID = "why.delayed_ack"
	WhyACK           ID = "why.ack"
	WhyDataFIN       ID = "why.data_fin"
	WhyFIN           ID = "why.fin"
	WhyData          ID = "why.data"
	WhyRule          ID = "why.rule"           // Rule: the row's explanation, Section
	WhyChallengeRule ID = "why.challenge_rule" // Rule, Section
	WhyControl       ID = "why.control"

	TagLinkCopy   ID = "tag.link_copy"
	TagInjected   ID = "tag.injected"
	TagRetransmit ID = "tag.retransmit" // N
	TagReordered  ID = "tag.reordered"
	TagHeld       ID = "tag.held"
	TagChallenge  ID = "tag.challenge"

	CaptureInjected  ID = "capture.injected"   // Side
	CaptureArrivesAt ID = "capture.arrives_at" // T
	CaptureDropped   ID = "capture.dropped"    // Reason, Peer
	CaptureInFlight  ID = "capture.in_flight"
	CaptureLinkCopy  ID = "capture.link_copy"
	CaptureSender    ID = "capture.sender"
	CaptureReceiver  ID = "capture.receiver"

	LogCalls           ID = "log.calls" // Call
	LogSends           ID = "log.sends" // Seg
	LogSendsInjected   ID = "log.sends_injected"
	LogSendsRetransmit ID = "log.sends_retransmit" // Seg, N
	LogSendsDelayedACK ID = "log.sends_delayed_ack"
	LogSendsChallenge  ID = "log.sends_challenge"
	LogReceives        ID = "log.receives"
	LogReceivesCopy    ID = "log.receives_copy"
	LogLost            ID = "log.lost" // Seg, Reason
	LogLinkCopy        ID = "log.link_copy"
	LogReadsEOF        ID = "log.reads_eof"
	LogReads           ID = "log.reads" // plural
	LogTold            ID = "log.told"  // Error
)

// Names of timers and of what the user is told (fsm.Timer, fsm.Signal).
const (
	TimerRTO        ID = "timer.rto"
	TimerTimeWait   ID = "timer.time_wait"
	TimerFinWait2   ID = "timer.fin_wait_2"
	TimerDelayedACK ID = "timer.delayed_ack"

	SignalReset          ID = "signal.reset"
	SignalRefused        ID = "signal.refused"
	SignalTimedOut       ID = "signal.timed_out"
	SignalClosing        ID = "signal.closing"
	SignalExists         ID = "signal.exists"
	SignalNoConnection   ID = "signal.no_connection"
	SignalAlreadyClosing ID = "signal.already_closing"
	SignalUnspecified    ID = "signal.unspecified"
)

// The diagram verb's labels (diagram/source.go).
const (
	DiagramLost        ID = "diagram.lost"
	DiagramDuplicated  ID = "diagram.duplicated"
	DiagramSend        ID = "diagram.send" // plural
	DiagramCrash       ID = "diagram.crash"
	DiagramLinkChanged ID = "diagram.link_changed"
)

// tcpsim check's report (cmd/tcpsim/check.go).
const (
	CheckNone    ID = "check.none"    // Name
	CheckSummary ID = "check.summary" // Passed, Failed
	CheckStopped ID = "check.stopped" // N
	CheckWithout ID = "check.without" // N
)

// Expectations (scenarios/expect*.go): what a run is to show, and what
// it showed instead.
const (
	CheckExpected   ID = "check.expected" // Where, What, Got
	ExpectEnd       ID = "expect.end"     // Side, State
	ExpectVisits    ID = "expect.visits"  // Side, States
	ExpectNever     ID = "expect.never"   // Side, State
	ExpectStateAt   ID = "expect.state_at"
	ExpectRead      ID = "expect.read"
	ExpectTold      ID = "expect.told" // Side, Signals
	ExpectToldNone  ID = "expect.told_none"
	ExpectSignal    ID = "expect.signal"
	ExpectThen      ID = "expect.then"
	ExpectSegments  ID = "expect.segments" // plural
	ExpectSend      ID = "expect.send"     // Side, Segs, Desc
	ExpectSendMin   ID = "expect.send_min"
	ExpectSendRange ID = "expect.send_range" // Side, Lo, Segs, Desc
	MatchAny        ID = "match.any"
	MatchIncluding  ID = "match.including"
	MatchFlags      ID = "match.flags"
	MatchData       ID = "match.data"
	MatchNoData     ID = "match.no_data"
	MatchRetx       ID = "match.retx"
	MatchFirst      ID = "match.first"
	MatchState      ID = "match.state"
	MatchSep        ID = "match.sep"
	GotEnded        ID = "got.ended"
	GotDidAt        ID = "got.did_at"
	GotWasIn        ID = "got.was_in"
	GotRead         ID = "got.read"
	GotTold         ID = "got.told"
	GotToldNone     ID = "got.told_none"
	GotSent         ID = "got.sent"
	GotNeverEntered ID = "got.never_entered"
	GotNeverAfter   ID = "got.never_after"
	GotNoChange     ID = "got.no_change"
	GotStatesWere   ID = "got.states_were"
)
