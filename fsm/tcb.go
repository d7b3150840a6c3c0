package fsm

// TCB is the transmission control block (RFC 9293 §3.3.1).
type TCB struct {
	ISS       Seq    // initial send sequence number
	SndUna    Seq    // SND.UNA: oldest unacknowledged
	SndNxt    Seq    // SND.NXT: next to send
	SndWnd    uint32 // SND.WND: the peer's window
	SndWL1    Seq    // SND.WL1: SEG.SEQ of the last window update
	SndWL2    Seq    // SND.WL2: SEG.ACK of the last window update
	MaxSndWnd uint32 // MAX.SND.WND (RFC 5961 §5)
	IRS       Seq    // initial receive sequence number
	RcvNxt    Seq    // RCV.NXT: next expected
	RcvWnd    uint32 // RCV.WND
}

// Config holds per-endpoint settings the state machine reads.
type Config struct {
	Window     uint16 // RCV.WND we advertise
	MSS        uint16 // our MSS, sent as an option on SYNs
	DelayedACK bool   // delay ACKs of data (RFC 1122 §4.2.3.2) until the environment's timer fires
	// DelayFINACK delays only the ACK of a FIN that moves ESTABLISHED to
	// CLOSE-WAIT, so it can ride on the application's own FIN (Linux enters
	// "pingpong" mode there).
	DelayFINACK bool
	PSHOnLast   bool // set PSH on the segment that empties the send buffer
	AbortACK    bool // ABORT sends RST,ACK carrying RCV.NXT (Linux) rather than a bare RST
	// RefusedInSynSent reports a RST that acknowledges our SYN as
	// "connection refused", as the sockets API does (Linux: ECONNREFUSED);
	// RFC 9293 §3.10.7.3 says "connection reset".
	RefusedInSynSent bool
	SYNOpts          Options // options on our SYN besides MSS
	WScale           uint8   // our window scale shift, with OptWScale
	// LinuxWindow does the window arithmetic of Linux (wscale.go): the
	// initial window a multiple of the MSS, the scaled field rounded up.
	LinuxWindow bool
	// InitialWindow is the initial congestion window in segments; 0 uses
	// RFC 5681 §3.1 (2 to 4 segments by MSS).
	InitialWindow int
	// IPv6 says the connection runs over IPv6, where a peer that sends no
	// MSS option is assumed to take 1220 bytes rather than 536 (§3.7.1, MUST-15).
	IPv6 bool
	// The application model (fsm/socket.go).
	//
	// RcvBuf is the receive buffer in bytes (0: Window). Data the
	// application has not read takes room in it, and the window advertised
	// is what is left, never more than Window (RFC 9293 §3.8.6.2.2).
	RcvBuf uint32
	// SndBuf is SO_SNDBUF in bytes (0: no limit): how much written and
	// unacknowledged data the send buffer holds (sndbuf.go). The caller
	// asks SendRoom before a SEND; fsm itself takes whatever it is given.
	SndBuf uint32
	// Hold keeps in-order data in the receive buffer until the application
	// reads it (Read); otherwise it reads at once, as before.
	Hold bool
	// FullClose makes CLOSE the sockets API's close() (Linux tcp_close):
	// the application reads no more, so unread data or data arriving
	// afterwards is answered with a RST (RFC 1122 §4.2.2.13), and an
	// orphaned FIN-WAIT-2 times out. Without it CLOSE is RFC 9293's
	// half-close and Shutdown is the same call.
	FullClose bool
	// OldSeqProbe probes a zero window with an ACK at SND.UNA-1 and no
	// data (Linux tcp_xmit_probe_skb) instead of one byte of new data
	// (RFC 9293 §3.8.6.1, MUST-36).
	OldSeqProbe bool
	// Keepalive is SO_KEEPALIVE (RFC 9293 §3.8.4, MUST-24; off by default,
	// MUST-25): the environment's keep-alive timer runs while the
	// connection is idle. KeepaliveRST: giving up sends a RST (Linux).
	Keepalive    bool
	KeepaliveRST bool
	// TimeWaitSYN says what a new SYN meeting TIME-WAIT does (timewait.go):
	// the ACK of §3.10.7.4 (the zero value) or a reopen (§3.6 MAY-2).
	TimeWaitSYN TimeWaitSYN
	// Listening: the application keeps a listening socket on this port
	// beside the connection, which Linux needs to take a SYN that reopens
	// TIME-WAIT (tcp_v4_rcv: TCP_TW_SYN goes to the listener).
	Listening bool
	// Socket options of fsm/nagle.go and friends (issue 14).
	SockOpts
	// SYNACKAgain answers the peer's SYN repeated in a passive SYN-RECEIVED
	// with our SYN,ACK again (Linux tcp_check_req), not §3.10.7.4's ACK;
	// SimOpenACK ACKs the SYN,ACK that completes a simultaneous open
	// (Linux tcp_data_queue). See linuxsyn.go.
	SYNACKAgain bool
	SimOpenACK  bool
	// PSHEvery sets PSH within a write as Linux does (push.go): on every
	// PSHEvery-th full segment since the write began or the last PSH, and
	// on a full segment once more than half the peer's largest window was
	// sent since the last PSH. 0: off. The environment may change it as
	// its round-trip estimate changes.
	PSHEvery int
}
