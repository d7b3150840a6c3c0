package sim

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
)

// Profile holds the knobs where implementations differ. RFC9293 is the
// textbook; Linux mirrors the kernel the captures in testdata came from.
// Every field is one switch, listed in Switches and docs/profiles.md.
type Profile struct {
	Name          string
	InitialRTO    time.Duration // RFC 6298 §2.1
	MinRTO        time.Duration // RFC 6298 §2.4
	VarFloor      bool          // MinRTO floors the variance term, not the RTO (rto.go)
	MaxRTO        time.Duration // RFC 6298 §2.5
	SynLinear     int           // SYN retransmissions that keep the initial RTO before doubling starts
	SynRetries    int           // SYN retransmissions before giving up
	QuickSYN      time.Duration // an unacceptable ACK in SYN-SENT resends the SYN this soon (synsent.go); 0: at the RTO
	SynAckRetries int           // SYN,ACK retransmissions before giving up
	Retries       int           // retransmissions of other segments before giving up
	R1            int           // retransmissions of one segment before it counts as trouble (§3.8.3)
	ReportR1      bool          // tell the application at R1 (SHLD-9)
	TimeWait      time.Duration // 0: 2×MSL (MUST-13)
	FinWait2      time.Duration // 0: FIN-WAIT-2 waits for ever, as in RFC 9293
	DelayedACK    time.Duration // delay for ACKs of data when an endpoint does not set one; 0: at once
	DelayFINACK   time.Duration // delay for the ACK of a FIN entering CLOSE-WAIT; 0: as data
	// FINACKNoData is that delay on a connection that has received no
	// data yet (0: DelayFINACK). Linux's ACK timeout (ato) is 0 until data
	// arrives (tcp_event_data_recv sets TCP_ATO_MIN), so tcp_send_delayed_ack
	// arms the timer for the next jiffy.
	FINACKNoData time.Duration
	PSHOnLast    bool // PSH on the segment that empties the send buffer
	// PSHBurst: PSH also within a write, on each burst and by forced_push
	// (fsm/push.go; the burst from the round trip, pshEvery).
	PSHBurst      bool
	AbortACK      bool        // ABORT sends RST,ACK instead of RST
	RefusedRST    bool        // a RST answering our SYN is "connection refused"
	SYNOpts       fsm.Options // options on SYNs besides MSS
	WScale        uint8       // window scale shift offered with OptWScale
	InitialWindow int         // initial congestion window in segments; 0: RFC 5681 §3.1
	// ACKs answering invalid segments (RFC 5961 §7, ratelimit.go).
	ChallengeACKs   int           // at most this many per ChallengeWindow; 0: no limit
	ChallengeWindow time.Duration //
	InvalidGap      time.Duration // at least this long between two (data segments exempt); 0: none
	// The socket as applications use it (fsm/socket.go).
	FullClose   bool // close() is a full close: unread or later data gets a RST, an orphan FIN-WAIT-2 times out
	OldSeqProbe bool // zero-window probes are ACKs at SND.UNA-1 without data
	// Keep-alive (RFC 9293 §3.8.4) is a socket option, off by default;
	// this is what giving up sends.
	KeepaliveRST bool // a RST,ACK when the probes go unanswered
	// A new SYN meeting TIME-WAIT (fsm/timewait.go): the ACK of
	// §3.10.7.4, or a reopen (RFC 9293 §3.6 MAY-2, RFC 6191).
	TimeWaitSYN fsm.TimeWaitSYN
	// Socket options (sockopt.go).
	Minshall bool // Nagle waits only for the ACK of a short segment (tcp_minshall_check)
	// The peer's SYN again (fsm/linuxsyn.go).
	SYNACKAgain bool // a repeated SYN in SYN-RECEIVED gets the SYN,ACK again, not an ACK
	SimOpenACK  bool // the SYN,ACK completing a simultaneous open is ACKed
	// LateTimers: a timer due at the instant something else happens fires
	// after it, as the kernel's timers (rounded up to the jiffy and the
	// timer wheel's step) never fire early.
	LateTimers bool
	// LinuxWindow: the initial window a multiple of the MSS, the scaled
	// window field rounded up (fsm/wscale.go).
	LinuxWindow bool
}

// RFC9293 follows RFC 9293 and RFC 6298 literally.
var RFC9293 = &Profile{
	Name:          "rfc9293",
	InitialRTO:    time.Second,
	MinRTO:        time.Second,
	MaxRTO:        60 * time.Second,
	SynRetries:    7, // 1+2+4+8+16+32+60+60 s: gives up after 183 s, over MUST-23's 3 minutes
	SynAckRetries: 7,
	Retries:       10,
	R1:            3,
	ReportR1:      true,
	PSHOnLast:     true,
	// RFC 5961 §7 leaves the numbers to the implementation.
	ChallengeACKs:   10,
	ChallengeWindow: 5 * time.Second,
}

// Linux behaves like Linux 6.18 with the sysctls in
// testdata/linux/sysctls.txt.
var Linux = &Profile{
	Name:          "linux",
	InitialRTO:    time.Second,
	MinRTO:        200 * time.Millisecond,
	VarFloor:      true,
	MaxRTO:        120 * time.Second,
	SynLinear:     4,
	SynRetries:    6,
	QuickSYN:      8 * time.Millisecond,
	SynAckRetries: 5,
	Retries:       15,
	R1:            3,
	TimeWait:      60 * time.Second,
	FinWait2:      60 * time.Second,
	DelayFINACK:   40 * time.Millisecond,
	FINACKNoData:  4 * time.Millisecond,
	PSHOnLast:     true,
	PSHBurst:      true,
	AbortACK:      true,
	RefusedRST:    true,
	SYNOpts:       fsm.OptSACKPerm | fsm.OptTimestamps | fsm.OptWScale,
	WScale:        10,
	InitialWindow: 10,
	InvalidGap:    500 * time.Millisecond,
	FullClose:     true,
	OldSeqProbe:   true,
	KeepaliveRST:  true,
	TimeWaitSYN:   fsm.TimeWaitReopenLinux,
	Minshall:      true,
	SYNACKAgain:   true,
	SimOpenACK:    true,
	LateTimers:    true,
	LinuxWindow:   true,
}

// Profiles by name.
var Profiles = map[string]*Profile{"rfc9293": RFC9293, "linux": Linux}

// ProfileNames lists the profiles, sorted.
func ProfileNames() []string {
	names := make([]string, 0, len(Profiles))
	for n := range Profiles {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Switch documents one field of Profile.
type Switch struct {
	Name   string
	Kernel string // the Linux setting it mirrors
	Why    string
	Value  func(*Profile) string
}

func dur(d time.Duration, zero string) string {
	if d == 0 {
		return zero
	}
	return d.String()
}

func yes(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// Switches is the profile table: the one list of every rule where the
// profiles differ.
var Switches = []Switch{
	{"initial RTO", "TCP_TIMEOUT_INIT", "RFC 6298 §2.1: 1 s before any RTT sample.", func(p *Profile) string { return p.InitialRTO.String() }},
	{"minimum RTO", "tcp_rto_min_us = 200000", "RFC 6298 §2.4 says 1 s; Linux retransmits after 200 ms on a fast path.", func(p *Profile) string { return p.MinRTO.String() }},
	{"RTO floor on the variance", "tcp_rtt_estimator(), __tcp_set_rto()", "RFC 6298 §2.4 floors the RTO at the minimum: srtt + max(G, 4·rttvar), at least 1 s. Linux floors the variance term instead (rttvar_us never falls below tcp_rto_min): srtt + max(4·rttvar, tcp_rto_min), so a FIN lost on a 100 ms path is resent after 300 ms, not 250 ms (seen with `tcpsim real lost-fin`).", func(p *Profile) string { return yes(p.VarFloor) }},
	{"maximum RTO", "tcp_rto_max_ms = 120000", "The backoff ceiling (RFC 6298 §2.5 allows ≥ 60 s).", func(p *Profile) string { return p.MaxRTO.String() }},
	{"linear SYN retransmissions", "tcp_syn_linear_timeouts = 4", "The first retries of a SYN keep the initial RTO: five resends 1 s apart, then doubling.", func(p *Profile) string { return fmt.Sprint(p.SynLinear) }},
	{"quick SYN after a half-open", "TCP_TIMEOUT_MIN (2 jiffies: 8 ms at HZ=250)", "In SYN-SENT an ACK that acknowledges nothing we sent (the peer still holds an old, half-open connection) is answered with RST (RFC 9293 §3.10.7.3) under both. Linux also re-arms the retransmission timer to TCP_TIMEOUT_MIN if the SYN has not been resent yet (tcp_rcv_synsent_state_process), so the SYN goes again 8 ms later instead of after the RTO (seen with `tcpsim real half-open-discovery`: 9 ms).", func(p *Profile) string { return dur(p.QuickSYN, "at the RTO") }},
	{"SYN retries", "tcp_syn_retries = 6", "Resends of a SYN before connect() fails with \"timed out\". RFC 9293 MUST-23 asks for at least 3 minutes: rfc9293 gives up after 183 s; Linux departs: six retries, the first five 1 s apart (tcp_syn_linear_timeouts = 4), give up after 11 s (an application may always ask for less: `syn_retries`).", func(p *Profile) string { return fmt.Sprint(p.SynRetries) }},
	{"SYN,ACK retries", "tcp_synack_retries = 5", "Resends of a SYN,ACK before the half-open attempt is dropped; rfc9293 gives it MUST-23's 3 minutes too.", func(p *Profile) string { return fmt.Sprint(p.SynAckRetries) }},
	{"retries", "tcp_retries2 = 15", "Resends of data or FIN before the connection is aborted.", func(p *Profile) string { return fmt.Sprint(p.Retries) }},
	{"R1", "tcp_retries1 = 3", "RFC 9293 §3.8.3: after R1 unanswered retransmissions of a segment something is wrong (SHLD-10: at least 3). Linux then only asks IP for another route.", func(p *Profile) string { return fmt.Sprint(p.R1) }},
	{"report at R1", "(none)", "SHLD-9: tell the application when R1 is reached, before the connection is given up at R2; rfc9293 records \"connection trouble\", Linux tells the application nothing.", func(p *Profile) string { return yes(p.ReportR1) }},
	{"TIME-WAIT", "TCP_TIMEWAIT_LEN (compile-time 60 s)", "RFC 9293 MUST-13 says 2×MSL; Linux always waits 60 s.", func(p *Profile) string { return dur(p.TimeWait, "2×MSL") }},
	{"FIN-WAIT-2 timeout", "tcp_fin_timeout = 60", "RFC 9293 has none; Linux drops an orphaned FIN-WAIT-2 after 60 s.", func(p *Profile) string { return dur(p.FinWait2, "none") }},
	{"delayed ACK of data", "quick-ack mode", "Linux ACKs the first data segments of a connection at once (quick-ack).", func(p *Profile) string { return dur(p.DelayedACK, "none") }},
	{"delayed ACK of a FIN", "TCP_DELACK_MIN = 40 ms, pingpong on FIN", "On FIN, Linux enters pingpong mode and delays the ACK, so a FIN sent at once by the application carries it (three-segment close).", func(p *Profile) string { return dur(p.DelayFINACK, "none") }},
	{"delayed ACK of a FIN before any data", "ato = 0 until data arrives; one jiffy at HZ=250", "A connection that has received no data has an ACK timeout (ato) of 0, so the delayed ACK of a FIN falls due at the next jiffy: 2–7 ms on the kernel (`tcpsim real reconnect-into-time-wait`), not 40 ms. After data, as above (r2: 41.6 ms).", func(p *Profile) string { return dur(p.FINACKNoData, "as after data") }},
	{"initial congestion window", "TCP_INIT_CWND = 10", "RFC 5681 §3.1 allows 2–4 segments by MSS (3 at 1460); Linux starts with 10 (RFC 6928). Both then follow slow start, congestion avoidance and fast retransmit (RFC 5681); Linux's BBR is not modelled.", func(p *Profile) string {
		if p.InitialWindow == 0 {
			return "RFC 5681"
		}
		return fmt.Sprintf("%d segments", p.InitialWindow)
	}},
	{"challenge ACK limit", "tcp_challenge_ack_limit = 2147483647", "RFC 5961 §7 asks for a throttle on ACKs that answer invalid segments (challenge ACKs for RSTs and SYNs in the window, ACKs of unsent or too old data, and, per Errata 4772, ACKs of segments outside the window), so two ends out of step cannot ACK each other for ever. Linux's global limit is effectively off.", func(p *Profile) string {
		if p.ChallengeACKs == 0 {
			return "none"
		}
		return fmt.Sprintf("%d per %s", p.ChallengeACKs, p.ChallengeWindow)
	}},
	{"invalid-segment ACK gap", "tcp_invalid_ratelimit = 500", "Linux answers at most one invalid segment without data per 500 ms on a connection (tcp_oow_rate_limited); segments carrying data are always answered.", func(p *Profile) string { return dur(p.InvalidGap, "none") }},
	{"PSH on last segment", "tcp_push()", "The segment that empties the send buffer carries PSH.", func(p *Profile) string { return yes(p.PSHOnLast) }},
	{"PSH on each burst", "tcp_sendmsg_locked(): forced_push(), tcp_push()", "Within one write Linux sets PSH more often than on the last segment (measured on a 6.18 kernel, docs/kernel.md \"PSH in the middle of a write\"): on every k-th full segment counted from the write's first byte, where k is 2 when the sender's smoothed round-trip time (SRTT, seeded by the handshake's sample) is 5 ms or more and half the initial window (5) below that or before any sample; and, by forced_push(), on a full segment once more than half the largest window the peer offered has been written since the last PSH. The burst follows the pacing rate, which Linux derives from srtt_us, so the SRTT is the input, not the wall clock. A resent segment keeps the PSH it carried.", func(p *Profile) string { return yes(p.PSHBurst) }},
	{"RST in SYN-SENT means refused", "tcp_reset(): ECONNREFUSED", "RFC 9293 §3.10.7.3 tells the user \"connection reset\"; Linux, like the sockets API, reports ECONNREFUSED.", func(p *Profile) string { return yes(p.RefusedRST) }},
	{"ABORT sends RST,ACK", "tcp_send_active_reset()", "RFC 9293 §3.10.5 sends `<SEQ=SND.NXT><CTL=RST>`; Linux adds ACK=RCV.NXT.", func(p *Profile) string { return yes(p.AbortACK) }},
	{"close() is a full close", "tcp_close()", "RFC 9293's CLOSE is a half-close: the side still receives. The sockets API's close() ends reading too: unread data, or data that arrives afterwards, is answered with a RST (RFC 1122 §4.2.2.13; Linux sends RST,ACK with seq = SND.NXT for unread data, a bare RST with seq = SEG.ACK for data after close), and only such an orphan's FIN-WAIT-2 times out. `shutdown` is the half-close under both.", func(p *Profile) string { return yes(p.FullClose) }},
	{"zero-window probe", "tcp_xmit_probe_skb()", "RFC 9293 §3.8.6.1 (MUST-36) probes a zero window with one byte of new data; Linux sends an ACK at SND.UNA-1 without data, which the receiver must answer. Both wait the RTO (Linux: at least tcp_rto_min), then double the interval (SHLD-29, SHLD-30), and never give up while answers come (MUST-37).", func(p *Profile) string {
		if p.OldSeqProbe {
			return "ACK at SND.UNA-1"
		}
		return "one new byte"
	}},
	{"RST when keep-alive gives up", "tcp_keepalive_timer(): tcp_send_active_reset()", "Keep-alive is a socket option, off by default (MUST-25): `keepalive` per endpoint. A probe is an ACK at SND.NXT-1 without data under both profiles (RFC 9293 §3.8.4 allows a garbage octet; Linux sends none). After `count` unanswered probes the application hears \"connection timed out\"; RFC 9293 says nothing of a segment then, Linux sends RST,ACK (seq = SND.NXT).", func(p *Profile) string { return yes(p.KeepaliveRST) }},
	{"new SYN in TIME-WAIT", "tcp_timewait_state_process(): TCP_TW_SYN", "RFC 9293 §3.10.7.4 answers a SYN that meets TIME-WAIT with an ACK of the old connection. §3.6 MAY-2 lets a host reopen the connection instead, with an ISN above the old one; RFC 6191 accepts the SYN when its timestamp is newer. Linux reopens when the SYN's sequence number is above the old RCV.NXT or its timestamp is newer, and a listening socket is there to take it (`listening: true` on the endpoint; without one it answers with the ACK), with ISN = old SND.NXT + 65537. rfc9293 takes MAY-2 only where an endpoint says `reopen: true` (ISN from the clock, kept above the old SND.NXT).", func(p *Profile) string {
		switch p.TimeWaitSYN {
		case fsm.TimeWaitReopenLinux:
			return "reopen, ISN = SND.NXT + 65537"
		case fsm.TimeWaitReopen:
			return "reopen, ISN from the clock"
		}
		return "ACK"
	}},
	{"repeated SYN in SYN-RECEIVED", "tcp_check_req(): inet_rtx_syn_ack()", "The peer's SYN arrives again while our SYN,ACK waits for its ACK (the SYN,ACK was lost, so the peer's SYN timer ran out). RFC 9293 §3.10.7.4's first step finds it below RCV.NXT and answers with an ACK. Linux sends the SYN,ACK again at once and starts its timer over, at most once per tcp_invalid_ratelimit (500 ms) (seen with `tcpsim real lost-synack`: one SYN,ACK, no ACK).", func(p *Profile) string {
		if p.SYNACKAgain {
			return "SYN,ACK again"
		}
		return "ACK"
	}},
	{"ACK in a simultaneous open", "tcp_rcv_state_process(), tcp_data_queue()", "In a simultaneous open (RFC 9293 Figure 7) each SYN,ACK repeats a SYN the other side already holds. RFC 9293 trims the old SYN off and takes the ACK: ESTABLISHED, nothing sent. Linux does the same and then ACKs the segment at once, as it ACKs any segment below RCV.NXT: two more ACKs (seen with `tcpsim real simultaneous-open`).", func(p *Profile) string { return yes(p.SimOpenACK) }},
	{"timers after arrivals", "HZ = 250, the timer wheel (kernel/time/timer.c)", "When a timer falls due at the very instant a segment arrives or the application calls, rfc9293 fires the timer first. A kernel timer never fires early: its expiry is rounded up to the next jiffy (4 ms at HZ=250) and, beyond 63 jiffies, to the wheel's coarser step (32 ms for a 1 s timer), so the arrival comes first. This decides `lost-synack`: the repeated SYN reaches B before B's SYN,ACK timer, which it restarts, so only one SYN,ACK goes.", func(p *Profile) string {
		if p.LateTimers {
			return "after"
		}
		return "first"
	}},
	{"SYN options", "tcp_sack, tcp_timestamps, tcp_window_scaling = 1", "Linux offers SACK, timestamps and window scaling; timestamps take 12 bytes of every segment, so data segments carry 1448 bytes.", func(p *Profile) string {
		var o []string
		if p.SYNOpts&fsm.OptSACKPerm != 0 {
			o = append(o, "SACK-permitted")
		}
		if p.SYNOpts&fsm.OptTimestamps != 0 {
			o = append(o, "timestamps")
		}
		if p.SYNOpts&fsm.OptWScale != 0 {
			o = append(o, fmt.Sprintf("window scale %d", p.WScale))
		} else if p.WScale != 0 {
			o = append(o, fmt.Sprintf("(window scale %d, not offered)", p.WScale))
		}
		if len(o) == 0 {
			return "MSS only"
		}
		return "MSS, " + strings.Join(o, ", ")
	}},
	{"window arithmetic", "tcp_select_initial_window(), __tcp_select_window()", "The window offered on a SYN is rfc9293's whole buffer (at most 65535); Linux rounds it down to a multiple of the MSS (less the 12 bytes of timestamps on a SYN,ACK that knows both ends use them): 64240 = 44 × 1460 on capture a_normal's SYN, 65160 = 45 × 1448 on its SYN,ACK. With window scaling in use, RFC 7323 §2.3 shifts the window right (truncating); Linux first rounds it up to a whole unit of 2^shift and offers that, so a_normal's ACKs carry 63 (64512) one way and 64 (65536) the other, as the linux profile does.", func(p *Profile) string {
		if p.LinuxWindow {
			return "MSS multiple, rounded up"
		}
		return "RFC 7323"
	}},
}

// ProfilesMarkdown renders the table of docs/profiles.md.
func ProfilesMarkdown() string {
	var b strings.Builder
	b.WriteString("| switch | rfc9293 | linux | Linux setting | why |\n|---|---|---|---|---|\n")
	for _, s := range Switches {
		fmt.Fprintf(&b, "| %s | %s | %s | `%s` | %s |\n", s.Name, s.Value(RFC9293), s.Value(Linux), s.Kernel, s.Why)
	}
	return b.String()
}

// pshEvery is fsm's Config.PSHEvery for a sender whose SRTT is srtt
// (known: a sample was taken): a burst of 2 full segments at 5 ms or more,
// half the initial window below that, as measured on Linux (docs/kernel.md
// "PSH in the middle of a write"). 0 when the profile does not do it.
func (p *Profile) pshEvery(srtt time.Duration, known bool) int {
	if !p.PSHBurst {
		return 0
	}
	if known && srtt >= 5*time.Millisecond {
		return 2
	}
	return max(1, p.InitialWindow/2)
}
