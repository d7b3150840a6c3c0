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
