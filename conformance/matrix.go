package conformance

const (
	issue14 = "not yet: issue 14 (keep-alive, several connections per endpoint)"
	noURG   = "URG is not modelled: segments carry no urgent pointer, and the lab teaches connection management, where RFC 6093 advises against urgent data anyway"
	noIP    = "the simulator has no IP layer: two endpoints exchange segments over a virtual link"
	noICMP  = "the simulator has no ICMP: the virtual link loses, delays, duplicates or reorders segments but reports nothing"
	asBytes = "segments are typed values in the simulator, so an option cannot be unknown, misaligned or of illegal length; real option bytes are parsed by gopacket in replay/"
)

// Matrix lists every requirement ID of RFC 9293 Appendix B once, in the
// appendix's order. Where an ID appears on several lines of the appendix
// (MUST-15, MUST-20, ...) the texts are joined.
var Matrix = []Req{
	// PUSH flag
	{"MAY-16", "MAY", "PUSH flag", "aggregate or queue un-pushed data", Implemented,
		"queued SENDs are segmentized together, up to one MSS per segment", []string{"fsm.TestSend_SegmentizesByMSS"}},
	{"SHLD-27", "SHOULD", "PUSH flag", "sender collapses successive PSH bits", Implemented,
		"PSH is set only on the segment that empties the send buffer (profile switch \"PSH on last segment\")", []string{"conformance.TestPSHOnlyOnLastSegment"}},
	{"MAY-15", "MAY", "PUSH flag", "SEND call can specify PUSH", Not,
		"SEND takes no PUSH flag; every SEND is pushed by the last-segment rule (MUST-61)", nil},
	{"MUST-60", "MUST NOT", "PUSH flag", "(if SEND cannot push) sender buffers indefinitely", Implemented,
		"queued data leaves as soon as the windows allow", []string{"fsm.TestSend_SegmentizesByMSS", "conformance.TestPSHOnlyOnLastSegment"}},
	{"MUST-61", "MUST", "PUSH flag", "(if SEND cannot push) PSH on the last segment", Implemented,
		"both profiles set PSH on the segment that empties the send buffer", []string{"conformance.TestPSHOnlyOnLastSegment"}},
	{"MAY-17", "MAY", "PUSH flag", "notify the receiving application of PSH", Not,
		"data is handed to the application at once; PSH changes nothing there", nil},
	{"SHLD-28", "SHOULD", "PUSH flag", "send maximum-size segments when possible", Implemented,
		"data is cut into full MSS segments; only the last may be shorter", []string{"fsm.TestSend_SegmentizesByMSS"}},

	// Window
	{"MUST-1", "MUST", "Window", "treat the window as an unsigned number", Implemented,
		"SEG.WND is uint16 and SND.WND/RCV.WND uint32", []string{"conformance.TestWindowIsUnsigned"}},
	{"REC-1", "SHOULD", "Window", "handle the window as a 32-bit number", Implemented,
		"SND.WND and RCV.WND are 32-bit; the linux profile scales windows (RFC 7323)", []string{"sim/pcap.TestFramesMatchTrace"}},
	{"SHLD-14", "SHOULD NOT", "Window", "shrink the window from the right", Implemented,
		"data the application has not read shrinks RCV.WND by exactly what arrived, so the right edge RCV.NXT+RCV.WND stays; reading only moves it on", []string{"conformance.TestRightEdgeNeverShrinks", "fsm.TestUnreadDataShrinksTheWindow"}},
	{"SHLD-15", "SHOULD NOT", "Window", "send new data when the window shrinks", Partly,
		"output sends only into SND.WND minus the data in flight, so a shrunk window sends nothing new; only an injected segment can shrink it and no test does", nil},
	{"SHLD-16", "SHOULD", "Window", "retransmit old unacked data within the window", Partly,
		"the retransmission timer resends the front of the queue whatever the window; no test shrinks the window first", nil},
	{"SHLD-17", "SHOULD NOT", "Window", "time out the connection for data past the right edge", Partly,
		"retransmissions count the same whether or not the data lies past the right edge; only an injected segment can move that edge back", nil},
	{"MUST-34", "MUST", "Window", "robust against a shrinking window", Implemented,
		"the room to send is computed without underflow; the fuzzer feeds arbitrary windows", []string{"fsm.FuzzArrive"}},
	{"MAY-8", "MAY", "Window", "receiver's window closed indefinitely", Implemented,
		"an application that does not read (read: manually, stop_reading) keeps the window at zero for as long as it likes", []string{"fsm.TestUnreadDataShrinksTheWindow", "sim.TestPersistBackoff"}},
	{"MUST-35", "MUST", "Window", "use standard probing logic", Implemented,
		"the persist timer runs while data waits behind a zero window with nothing in flight, and stops when the window opens", []string{"fsm.TestZeroWindowStartsThePersistTimer"}},
	{"MUST-36", "MUST", "Window", "sender probes a zero window", Implemented,
		"rfc9293 probes with one byte of new data, resent while unacknowledged and taken back into order when the window opens; linux sends an ACK at SND.UNA-1 (profile switch \"zero-window probe\")", []string{"fsm.TestPersistProbeRFC", "fsm.TestPersistProbeLinux"}},
	{"SHLD-29", "SHOULD", "Window", "first zero-window probe after RTO", Implemented,
		"the first probe waits the current RTO (Linux: at least tcp_rto_min)", []string{"sim.TestPersistBackoff"}},
	{"SHLD-30", "SHOULD", "Window", "exponential backoff of zero-window probes", Implemented,
		"each probe doubles the wait, up to the profile's maximum RTO", []string{"sim.TestPersistBackoff"}},
	{"MUST-37", "MUST", "Window", "allow the window to stay zero indefinitely", Implemented,
		"probes never give up, and ACKs answering them are not counted as duplicates (no fast retransmit)", []string{"sim.TestPersistBackoff", "sim.TestSlowReaderGetsEverything"}},
	{"MAY-7", "MAY", "Window", "retransmit old data beyond SND.UNA+SND.WND", Not,
		"retransmissions never go beyond what was sent inside the window", nil},
	{"MUST-66", "MUST", "Window", "process RST and URG even with a zero window", Implemented,
		"the Table 6 test accepts a zero-length segment at RCV.NXT when RCV.WND = 0 (fsm/arrive.go acceptable): a RST there resets the connection (URG is not modelled)", []string{"fsm.TestZeroWindowStillTakesRST"}},

	// Urgent data
	{"MUST-30", "MUST", "Urgent Data", "support the urgent pointer", Not, noURG, nil},
	{"MUST-62", "MUST", "Urgent Data", "the pointer indicates the first non-urgent octet", Not, noURG, nil},
	{"MUST-31", "MUST", "Urgent Data", "urgent data of arbitrary length", Not, noURG, nil},
	{"MUST-32", "MUST", "Urgent Data", "inform the application asynchronously of urgent data", Not, noURG, nil},
	{"MUST-33", "MUST", "Urgent Data", "the application can learn if and how much urgent data is queued", Not, noURG, nil},
	{"SHLD-13", "SHOULD NOT", "Urgent Data", "applications employ the urgent mechanism", NotApplicable,
		"a rule for applications; the simulated applications have no urgent data", nil},

	// TCP options
	{"MUST-4", "MUST", "TCP Options", "support the mandatory option set (EOL, NOP, MSS)", Implemented,
		"SYNs carry MSS; exported captures encode options that Wireshark decodes", []string{"sim/pcap.TestTshark"}},
	{"MUST-5", "MUST", "TCP Options", "receive a TCP option in any segment", NotApplicable, asBytes, nil},
	{"MUST-6", "MUST", "TCP Options", "ignore unsupported options", NotApplicable, asBytes, nil},
	{"MUST-68", "MUST", "TCP Options", "include a length for every option but EOL and NOP", Implemented,
		"exported frames are serialized by gopacket with option lengths, checked by tshark", []string{"sim/pcap.TestTshark"}},
	{"MUST-7", "MUST", "TCP Options", "cope with an illegal option length", NotApplicable, asBytes, nil},
	{"MUST-64", "MUST", "TCP Options", "process options regardless of word alignment", NotApplicable, asBytes, nil},
	{"MUST-14", "MUST", "TCP Options", "implement sending and receiving the MSS option", Implemented,
		"every SYN carries MSS; the sender uses the smaller of its own and the peer's", []string{"fsm.TestSend_SegmentizesByMSS", "sim/pcap.TestLinuxProfileMatchesKernelCaptures"}},
	{"SHLD-5", "SHOULD", "TCP Options", "send the MSS option unless it is 536 (IPv4) or 1220 (IPv6)", Implemented,
		"every SYN and SYN,ACK carries the MSS option (MAY-3)", []string{"conformance.TestMSSOnlyOnSYN"}},
	{"MAY-3", "MAY", "TCP Options", "send the MSS option always", Implemented,
		"every SYN and SYN,ACK carries the MSS option", []string{"conformance.TestMSSOnlyOnSYN"}},
	{"MUST-15", "MUST", "TCP Options", "default send MSS 536 (IPv4) or 1220 (IPv6)", Implemented,
		"without an MSS option on the peer's SYN the sender assumes 536 over IPv4, 1220 over IPv6 (the endpoint's address family)", []string{"fsm.TestDefaultSendMSS"}},
	{"MUST-16", "MUST", "TCP Options", "calculate the effective send segment size", Implemented,
		"min(peer MSS, own MSS) less the timestamps option when negotiated (1448 under linux)", []string{"fsm.TestSend_SegmentizesByMSS", "sim.TestLinux_DataOverLossyLink"}},
	{"SHLD-6", "SHOULD", "TCP Options", "MSS accounts for varying MTU", NotApplicable, noIP + "; there is no MTU", nil},
	{"MUST-65", "MUST NOT", "TCP Options", "send MSS on non-SYN segments", Implemented,
		"only SYN and SYN,ACK carry the option", []string{"conformance.TestMSSOnlyOnSYN"}},
	{"MUST-67", "MUST", "TCP Options", "MSS value based on MMS_R", NotApplicable,
		noIP + "; the MSS is an endpoint setting (default 1460, an Ethernet MTU less 40)", nil},
	{"MUST-69", "MUST", "TCP Options", "pad with zero", Implemented,
		"exported frames pad the option list with zero bytes (gopacket), checked by tshark", []string{"sim/pcap.TestTshark"}},

	// Checksums
	{"MUST-2", "MUST", "TCP Checksums", "sender computes the checksum", Implemented,
		"exported frames carry computed IP and TCP checksums", []string{"sim/pcap.TestFramesMatchTrace"}},
	{"MUST-3", "MUST", "TCP Checksums", "receiver checks the checksum", NotApplicable,
		"the virtual link never corrupts a bit; it loses, delays, duplicates or reorders whole segments", nil},

	// ISN selection
	{"MUST-8", "MUST", "ISN Selection", "include a clock-driven ISN generator component", Implemented,
		"a new incarnation adds a 4 µs clock to the configured ISN (§3.4.1); keyed ISNs add it to the hash", []string{"sim.TestFigure8_OldDuplicateSYN", "sim.TestKeyedISN"}},
	{"SHLD-1", "SHOULD", "ISN Selection", "secure ISN generator with a PRF component (RFC 6528)", Implemented,
		"an endpoint with keyed_isn takes ISN = 4 µs clock + HMAC-SHA-256 of the 4-tuple under a secret drawn from the seed; by default scenarios fix the first ISN so students can follow the RFC's numbers", []string{"sim.TestKeyedISN", "scenarios.TestKeyedISNKey"}},
	{"MUST-9", "MUST NOT", "ISN Selection", "the PRF is computable from outside the host", Implemented,
		"each endpoint's key is its own (seed and side), never sent; the peer cannot derive it from what it sees. The scenario's author knows the seed, by design: runs must repeat", []string{"sim.TestKeyedISN"}},

	// Opening connections
	{"MUST-10", "MUST", "Opening Connections", "support simultaneous open attempts", Implemented,
		"SYN-SENT answers a bare SYN with SYN,ACK and enters SYN-RECEIVED (Figure 7)", []string{"sim.TestFigure7_SimultaneousOpen", "scenarios/simultaneous-open.yaml"}},
	{"MUST-11", "MUST", "Opening Connections", "SYN-RECEIVED remembers the last state", Implemented,
		"a RST in SYN-RECEIVED returns to LISTEN only if the connection came from LISTEN", []string{"fsm.TestSynReceived_RST_ReturnsToListen", "sim.TestFigure9_HalfOpenDiscovery"}},
	{"MUST-41", "MUST NOT", "Opening Connections", "a passive OPEN interferes with other connections", Not, issue14, nil},
	{"MUST-42", "MUST", "Opening Connections", "several LISTENs on the same port at once", Not, issue14, nil},
	{"MUST-44", "MUST", "Opening Connections", "ask IP for a source address for the SYN if necessary", NotApplicable,
		noIP + "; each endpoint has exactly one configured address", nil},
	{"MUST-45", "MUST", "Opening Connections", "otherwise use the connection's local address", NotApplicable,
		noIP + "; each endpoint has exactly one configured address", nil},
	{"MUST-46", "MUST NOT", "Opening Connections", "OPEN to a broadcast or multicast address; reject OPEN to an invalid address", Implemented,
		"an active OPEN toward a multicast, limited-broadcast (255.255.255.255) or unspecified address sends nothing and tells the user \"error: remote address is broadcast or multicast\" (there is no IP layer to know subnet broadcasts)", []string{"sim.TestOpenToMulticastIsAnError"}},
	{"MUST-57", "MUST", "Opening Connections", "silently discard a SYN to a broadcast or multicast address", Implemented,
		"such a SYN reaches the endpoint (the trace shows it arrive) and is discarded before the state machine sees it", []string{"sim.TestSYNFromMulticastDiscarded"}},

	// Closing connections
	{"SHLD-2", "SHOULD", "Closing Connections", "a RST can contain data", Partly,
		"a RST with data is processed like any RST and its data ignored; tcpsim never sends one", nil},
	{"MUST-12", "MUST", "Closing Connections", "inform the application of an aborted connection", Implemented,
		"a valid RST tells the user \"connection reset\"; exhausted retries \"connection timed out\"", []string{"fsm.TestEstablished_RSTExact_Resets", "sim.TestAbort_SendsRSTAndResetsPeer", "sim.TestLostSYN_GivesUp"}},
	{"MAY-1", "MAY", "Closing Connections", "half-duplex close", Implemented,
		"after CLOSE the side still receives (FIN-WAIT-2 / CLOSE-WAIT)", []string{"sim.TestHalfClose_PeerStillSendsAfterFIN", "scenarios/half-close.yaml"}},
	{"SHLD-3", "SHOULD", "Closing Connections", "send RST to indicate data lost on close", NotApplicable,
		"the simulated application reads every byte as it arrives, so CLOSE never leaves received data unread", nil},
	{"MUST-13", "MUST", "Closing Connections", "linger in TIME-WAIT for 2MSL", Implemented,
		"2×MSL under rfc9293; the linux profile's fixed 60 s is a documented switch", []string{"fsm.TestTimeWait_Timeout_Closed", "sim.TestLostFinalACK_TimeWaitReACKsAndRestarts2MSL", "scenarios/normal-close.yaml"}},
	{"MAY-2", "MAY", "Closing Connections", "accept a SYN in TIME-WAIT (reopen)", Not,
		"a SYN in TIME-WAIT gets a challenge ACK (RFC 5961 §4); RFC 6191 reopening is not modelled", []string{"scenarios/time-wait-new-syn.yaml"}},
	{"SHLD-4", "SHOULD", "Closing Connections", "use timestamps to reduce TIME-WAIT (RFC 6191)", Not,
		"timestamps are only an option flag; their values are not modelled", nil},

	// Retransmissions
	{"MUST-19", "MUST", "Retransmissions", "exponential backoff, slow start and congestion avoidance", Implemented,
		"RFC 6298 backoff and RFC 5681 slow start, congestion avoidance, fast retransmit", []string{"sim.TestLostSYN_RetransmitsWithBackoff", "sim.TestLinux_DataOverLossyLink", "scenarios/lost-syn.yaml"}},
	{"MAY-4", "MAY", "Retransmissions", "retransmit with the same IP identity", Not,
		"exported frames number IP IDs afresh; tcpsim has no IP layer to keep them", nil},
	{"MUST-18", "MUST", "Retransmissions", "Karn's algorithm", Implemented,
		"no RTT sample from a retransmitted range; the RTO stays backed off until a fresh sample", []string{"conformance.TestKarn"}},

	// Generating ACKs
	{"MUST-58", "MUST", "Generating ACKs", "aggregate ACKs whenever possible", Partly,
		"ACKs ride on data and FIN, and with delayed ACKs (the profile's or the endpoint's delayed_ack) at most every second full segment is acknowledged; the rfc9293 profile leaves delayed ACK off so the figures show every ACK, and segments arriving at the same instant are each answered when it is off", []string{"sim.TestLinux_ThreeSegmentClose", "conformance.TestEverySecondSegmentAcked"}},
	{"SHLD-31", "SHOULD", "Generating ACKs", "queue out-of-order segments", Implemented,
		"segments beyond RCV.NXT are held (up to 64) and delivered when the gap fills", []string{"fsm.TestEstablished_OutOfOrderHeldThenDelivered"}},
	{"MUST-59", "MUST", "Generating ACKs", "process all queued segments before sending an ACK", Implemented,
		"held segments that now touch RCV.NXT are drained before the one ACK is built", []string{"fsm.TestEstablished_OutOfOrderHeldThenDelivered"}},
	{"MAY-13", "MAY", "Generating ACKs", "send an ACK for an out-of-order segment", Implemented,
		"a segment beyond RCV.NXT is answered at once with a duplicate ACK", []string{"fsm.TestEstablished_OutOfOrderHeldThenDelivered"}},
	{"SHLD-18", "SHOULD", "Generating ACKs", "delayed ACKs", Partly,
		"an endpoint's delayed_ack turns it on; the rfc9293 profile leaves it off so the RFC figures show every ACK", nil},
	{"MUST-40", "MUST", "Generating ACKs", "the ACK delay is less than 0.5 s", Implemented,
		"the scenario loader refuses delayed_ack of 500ms or more at its file:line:column; both profiles' delays are shorter", []string{"scenarios.TestDelayedACKBound"}},
	{"SHLD-19", "SHOULD", "Generating ACKs", "ACK at least every second full-sized segment", Implemented,
		"a second segment arriving while an ACK is delayed is acknowledged at once", []string{"conformance.TestEverySecondSegmentAcked"}},
	{"MUST-39", "MUST", "Generating ACKs", "receiver SWS avoidance", Implemented,
		"after a read the right edge moves only once it can move by min(RCV.BUFF/2, MSS), and then a window update goes out (fsm/socket.go openWindow)", []string{"fsm.TestReadOpensTheWindowPastSWS"}},

	// Sending data
	{"MUST-49", "MUST", "Sending Data", "configurable TTL", NotApplicable, noIP, nil},
	{"MUST-38", "MUST", "Sending Data", "sender SWS avoidance", Implemented,
		"a segment goes out only if it is full, the last of the data, or half the largest window; else it waits for an ACK (§3.8.6.2.1)", []string{"conformance.TestSenderSWS"}},
	{"SHLD-7", "SHOULD", "Sending Data", "Nagle algorithm", Not,
		"the last short segment leaves even with data in flight; only SWS avoidance holds segments back", nil},
	{"MUST-17", "MUST", "Sending Data", "the application can disable Nagle", NotApplicable,
		"there is no Nagle algorithm to disable (SHLD-7)", nil},

	// Connection failures
	{"MUST-20", "MUST", "Connection Failures", "negative advice to IP at R1 retransmissions; close at R2", Implemented,
		"R1 = 3 retransmissions of a segment counts as trouble (there is no IP to advise: rfc9293 tells the application instead); R2 is a retry count, after which the user hears \"connection timed out\"", []string{"sim.TestR1ReportedBeforeR2", "sim.TestLostSYN_GivesUp"}},
	{"MUST-21", "MUST", "Connection Failures", "the application can set R2", Implemented,
		"each endpoint's retries and syn_retries (scenario keys) set R2 as a count", []string{"sim.TestLostSYN_GivesUp", "sim.TestSYNRetriedThreeMinutes"}},
	{"SHLD-9", "SHOULD", "Connection Failures", "inform the application when R1 <= retransmissions < R2", Implemented,
		"rfc9293 records \"connection trouble\" once at R1 (a soft error, not a close); linux, like the kernel, says nothing (profile switch \"report at R1\")", []string{"sim.TestR1ReportedBeforeR2"}},
	{"SHLD-10", "SHOULD", "Connection Failures", "R1 of at least 3 retransmissions", Implemented,
		"R1 = 3 in both profiles (Linux: tcp_retries1 = 3)", []string{"sim.TestR1ReportedBeforeR2"}},
	{"SHLD-11", "SHOULD", "Connection Failures", "R2 of at least 100 seconds", Implemented,
		"data gives up after 10 (rfc9293) or 15 (linux) retries, well over 100 s", []string{"sim.TestDataR2AtLeast100s"}},
	{"MUST-22", "MUST", "Connection Failures", "the same mechanism for SYNs", Implemented,
		"SYNs and SYN,ACKs count retries the same way, with their own R2 (syn_retries) and the same R1", []string{"sim.TestSYNRetriedThreeMinutes", "sim.TestLostSYN_GivesUp"}},
	{"MUST-23", "MUST", "Connection Failures", "R2 for a SYN at least 3 minutes", Implemented,
		"rfc9293 retries a SYN 7 times and gives up after 183 s, unless the application set fewer; linux's 6 retries with linear timeouts give up after 11 s, a documented departure (docs/profiles.md)", []string{"sim.TestSYNRetriedThreeMinutes"}},

	// Keep-alive
	{"MAY-5", "SHOULD", "Send Keep-alive Packets", "send keep-alive packets", Not, issue14, nil},
	{"MUST-24", "MUST", "Send Keep-alive Packets", "the application can request keep-alives", Not, issue14, nil},
	{"MUST-25", "MUST", "Send Keep-alive Packets", "keep-alive default is off", Not, issue14, nil},
	{"MUST-26", "MUST", "Send Keep-alive Packets", "send only when idle for the interval", Not, issue14, nil},
	{"MUST-27", "MUST", "Send Keep-alive Packets", "the interval is configurable", Not, issue14, nil},
	{"MUST-28", "MUST", "Send Keep-alive Packets", "default interval at least 2 hours", Not, issue14, nil},
	{"MUST-29", "MUST", "Send Keep-alive Packets", "tolerant of lost ACKs", Not, issue14, nil},
	{"SHLD-12", "SHOULD", "Send Keep-alive Packets", "send keep-alives with no data", Not, issue14, nil},
	{"MAY-6", "MAY", "Send Keep-alive Packets", "configurable to send a garbage octet", Not, issue14, nil},

	// IP options
	{"MUST-50", "MUST", "IP Options", "ignore IP options TCP does not understand", NotApplicable, noIP, nil},
	{"MAY-10", "SHOULD", "IP Options", "timestamp option support", NotApplicable, noIP, nil},
	{"MAY-11", "SHOULD", "IP Options", "record route support", NotApplicable, noIP, nil},
	{"MUST-51", "MUST", "IP Options", "the application can specify a source route", NotApplicable, noIP, nil},
	{"MUST-52", "MUST", "IP Options", "it overrides the source route in a datagram", NotApplicable, noIP, nil},
	{"MUST-53", "MUST", "IP Options", "build a return route from a source route", NotApplicable, noIP, nil},
	{"SHLD-24", "SHOULD", "IP Options", "a later source route overrides", NotApplicable, noIP, nil},

	// ICMP
	{"MUST-54", "MUST", "Receiving ICMP Messages from IP", "receive ICMP messages from IP", NotApplicable, noICMP, nil},
	{"SHLD-25", "MUST", "Receiving ICMP Messages from IP", "Destination Unreachable (0, 1, 5): inform the application", NotApplicable, noICMP, nil},
	{"MUST-56", "MUST NOT", "Receiving ICMP Messages from IP", "abort on Destination Unreachable (0, 1, 5), Time Exceeded or Parameter Problem", NotApplicable, noICMP, nil},
	{"SHLD-26", "SHOULD", "Receiving ICMP Messages from IP", "Destination Unreachable (2-4): abort the connection", NotApplicable, noICMP, nil},
	{"MUST-55", "MUST", "Receiving ICMP Messages from IP", "Source Quench: silently discard", NotApplicable, noICMP, nil},

	// Address validation
	{"MUST-63", "MUST", "Address Validation", "reject a SYN from an invalid IP address", Implemented,
		"a SYN from a multicast, broadcast or unspecified source is discarded: no state, no reply", []string{"sim.TestSYNFromMulticastDiscarded"}},

	// TCP/application interface
	{"MUST-47", "MUST", "TCP/ALP Interface Services", "error report mechanism", Partly,
		"reset, refused, timed out, call errors and (rfc9293) trouble at R1 reach the application; there is no ICMP to report", []string{"fsm.TestEstablished_RSTExact_Resets", "scenarios.TestExpectations", "sim.TestR1ReportedBeforeR2"}},
	{"SHLD-20", "SHOULD", "TCP/ALP Interface Services", "the application can disable error reports", Not,
		"every report is always delivered", nil},
	{"MUST-48", "MUST", "TCP/ALP Interface Services", "the application can specify the Diffserv field", NotApplicable, noIP, nil},
	{"SHLD-22", "SHOULD", "TCP/ALP Interface Services", "Diffserv passed unchanged to IP", NotApplicable, noIP, nil},
	{"SHLD-21", "SHOULD", "TCP/ALP Interface Services", "the application can change Diffserv during a connection", NotApplicable, noIP, nil},
	{"SHLD-23", "SHOULD NOT", "TCP/ALP Interface Services", "applications generally change Diffserv during a connection", NotApplicable, noIP, nil},
	{"MAY-9", "MAY", "TCP/ALP Interface Services", "pass the received Diffserv field up", NotApplicable, noIP, nil},
	{"MAY-14", "MAY", "TCP/ALP Interface Services", "FLUSH call", Not,
		"the user calls are OPEN, SEND, CLOSE, ABORT (and a crash)", nil},
	{"MUST-43", "MUST", "TCP/ALP Interface Services", "optional local IP address in OPEN", Not, issue14, nil},

	// RFC 5961, ECN, congestion control
	{"MAY-12", "MAY", "RFC 5961 Support", "data-injection protection (RFC 5961)", Implemented,
		"RST only at exactly RCV.NXT, challenge ACKs for in-window RSTs and SYNs, old ACKs dropped (§3, §4, §5), and §7's throttle on those ACKs (rfc9293: 10 per 5 s; linux: tcp_invalid_ratelimit 500 ms), which ends ACK storms",
		[]string{"fsm.TestEstablished_RSTInWindow_ChallengeACK", "fsm.TestEstablished_SYN_ChallengeACK", "fsm.TestEstablished_RSTOutsideWindow_Dropped", "sim.TestChallengeACKLimit", "sim.TestThrottleEndsTheStorm"}},
	{"SHLD-8", "SHOULD", "Explicit Congestion Notification", "support ECN", Not,
		"the virtual link drops but never marks; ECN would need an IP layer and a queue", nil},
	{"MAY-18", "MAY", "Alternative Congestion Control", "alternative conformant congestion control", Not,
		"RFC 5681 only (Linux's default CUBIC/BBR are not modelled)", nil},
}
