package msg

// The catalogue's IDs (locales/en.yaml). Parameters are named in the
// comment; a plural message also gets {{.Count}}.
const (
	SendInjected          ID = "send.injected"
	SendInjectedRST       ID = "send.injected_rst"
	SendInjectedOther     ID = "send.injected_other"
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

	// The lab's inspector.
	InspectSegment            ID = "inspect.segment"
	InspectSegmentID          ID = "inspect.segment_id" // ID
	InspectNoSegment          ID = "inspect.no_segment"
	InspectLatest             ID = "inspect.latest"
	InspectSelected           ID = "inspect.selected"
	InspectSent               ID = "inspect.sent"                // T, State, Fate
	InspectWhy                ID = "inspect.why"                 // Why
	InspectLost               ID = "inspect.lost"                // Reason, T
	InspectDelivered          ID = "inspect.delivered"           // T
	InspectDeliveredReordered ID = "inspect.delivered_reordered" // T
	InspectArrives            ID = "inspect.arrives"             // T
	InspectInFlightEnd        ID = "inspect.in_flight_end"
	InspectAcks               ID = "inspect.acks"         // What
	InspectAckNothing         ID = "inspect.ack_nothing"  // Ack
	InspectAckSYN             ID = "inspect.ack_syn"      // Peer, ISS
	InspectAckSYNFIN          ID = "inspect.ack_syn_fin"  // Peer
	InspectAckDataFIN         ID = "inspect.ack_data_fin" // plural; Peer
	InspectAckData            ID = "inspect.ack_data"     // plural; Peer, Next
	InspectLastTransition     ID = "inspect.last_transition"
	InspectNoneYet            ID = "inspect.none_yet"
	InspectRFC                ID = "inspect.rfc"      // Section
	InspectAt                 ID = "inspect.at"       // T
	InspectOn                 ID = "inspect.on"       // Event
	InspectOnGuard            ID = "inspect.on_guard" // Event, Guard
	InspectTCB                ID = "inspect.tcb"
	InspectOutstanding        ID = "inspect.outstanding" // Seq, Count
	InspectTimers             ID = "inspect.timers"
	InspectNoTimers           ID = "inspect.no_timers"
	InspectBackoff            ID = "inspect.backoff"  // Factor
	InspectFiresIn            ID = "inspect.fires_in" // T

	// Replay's notes on a capture.
	ReplayUnacked        ID = "replay.unacked"
	ReplayAssumedArrived ID = "replay.assumed_arrived"
	ReplayStillOwed      ID = "replay.still_owed"
	ReplayChallengeACK   ID = "replay.challenge_ack"
	ReplayOutsideWindow  ID = "replay.outside_window"
	ReplayAnswersWith    ID = "replay.answers_with"
	ReplaySYNInTimeWait  ID = "replay.syn_in_time_wait"
	ReplayAnswersNewSYN  ID = "replay.answers_new_syn"
	ReplayStreams        ID = "replay.streams"
	ReplayCutShort       ID = "replay.cut_short"
	ReplaySnapped        ID = "replay.snapped"
	ReplayAnsweredCopy   ID = "replay.answered_copy"
	ReplayMidStart       ID = "replay.mid_start"
	ReplayResends        ID = "replay.resends"
	ReplaySpurious       ID = "replay.spurious"
	ReplayLeavesTimeWait ID = "replay.leaves_time_wait"
	ReplayOpensAgain     ID = "replay.opens_again"
	ReplayUnseenSYN      ID = "replay.unseen_syn"
	ReplayUnseenBytes    ID = "replay.unseen_bytes"
	ReplayWouldSendFirst ID = "replay.would_send_first"
	ReplayRSTAfterClose  ID = "replay.rst_after_close"
	ReplayRSTForged      ID = "replay.rst_forged"
	ReplayRSTUnexplained ID = "replay.rst_unexplained"
	ReplaySYNACKUnasked  ID = "replay.synack_unasked"
	ReplayDataAfterFIN   ID = "replay.data_after_fin"
	ReplayNoWay          ID = "replay.no_way"
	ReplayACKNothing     ID = "replay.ack_nothing"
	ReplayKeepalive      ID = "replay.keepalive"
	ReplayAcksUnseen     ID = "replay.acks_unseen"
	ReplayACKUnowed      ID = "replay.ack_unowed"
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

	// The sent and timers expectations (scenarios/expect_fields.go).
	ExpectSent         ID = "expect.sent"     // Side, Nth, N, Match, Want, Kind
	ExpectRelative     ID = "expect.relative" // the Kind of numbers
	ExpectRaw          ID = "expect.raw"
	GotSentOnly        ID = "got.sent_only"        // N
	GotSentWas         ID = "got.sent_was"         // Seq, Ack, Wnd, Len, At
	ExpectTimer        ID = "expect.timer"         // Side, Timer, Nth, N, What
	ExpectTimerSetFor  ID = "expect.timer_set_for" // D
	ExpectTimerFireAt  ID = "expect.timer_fire_at" // T
	ExpectTimerNever   ID = "expect.timer_never"
	ExpectAnd          ID = "expect.and"
	GotTimerNotStarted ID = "got.timer_not_started"
	GotTimerSetFor     ID = "got.timer_set_for" // D, T
	GotTimerRunning    ID = "got.timer_running"
	GotTimerFired      ID = "got.timer_fired"     // T
	GotTimerCancelled  ID = "got.timer_cancelled" // T
	GotTimerRestarted  ID = "got.timer_restarted" // T
	MatchAny           ID = "match.any"
	MatchIncluding     ID = "match.including"
	MatchFlags         ID = "match.flags"
	MatchData          ID = "match.data"
	MatchNoData        ID = "match.no_data"
	MatchRetx          ID = "match.retx"
	MatchFirst         ID = "match.first"
	MatchState         ID = "match.state"
	MatchSep           ID = "match.sep"
	GotEnded           ID = "got.ended"
	GotDidAt           ID = "got.did_at"
	GotWasIn           ID = "got.was_in"
	GotRead            ID = "got.read"
	GotTold            ID = "got.told"
	GotToldNone        ID = "got.told_none"
	GotSent            ID = "got.sent"
	GotNeverEntered    ID = "got.never_entered"
	GotNeverAfter      ID = "got.never_after"
	GotNoChange        ID = "got.no_change"
	GotStatesWere      ID = "got.states_were"
)
