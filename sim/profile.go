package sim

import "time"

// Profile holds the knobs where implementations differ. RFC9293 is the
// textbook; every value is a documented choice (docs/profiles.md).
type Profile struct {
	Name       string
	InitialRTO time.Duration // RFC 6298 §2.1
	MinRTO     time.Duration // RFC 6298 §2.4
	MaxRTO     time.Duration // RFC 6298 §2.5
	// SynLinear retransmissions of a SYN keep the initial RTO before the
	// doubling starts (Linux tcp_syn_linear_timeouts); 0 doubles at once.
	SynLinear     int
	SynRetries    int           // SYN retransmissions before giving up
	SynAckRetries int           // SYN,ACK retransmissions before giving up
	Retries       int           // retransmissions of other segments before giving up
	TimeWait      time.Duration // 0: 2×MSL (MUST-13)
	FinWait2      time.Duration // 0: FIN-WAIT-2 waits for ever, as in RFC 9293
	DelayedACK    time.Duration // default when an endpoint does not set one; 0: ACK at once
	PSHOnLast     bool          // PSH on the segment that empties the send buffer
}

// RFC9293 follows RFC 9293 and RFC 6298 literally.
var RFC9293 = &Profile{
	Name:          "rfc9293",
	InitialRTO:    time.Second,
	MinRTO:        time.Second,
	MaxRTO:        60 * time.Second,
	SynRetries:    6,
	SynAckRetries: 5,
	Retries:       10,
	PSHOnLast:     true,
}

// Profiles by name.
var Profiles = map[string]*Profile{"rfc9293": RFC9293}
