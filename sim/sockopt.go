package sim

import (
	"time"

	"github.com/tcpsim/tcpsim/fsm"
)

// SockOpts are the socket options an endpoint's application sets
// (issue 14), beside keep-alive and the receive buffer.
type SockOpts struct {
	// NoDelay is TCP_NODELAY: the Nagle algorithm (RFC 9293 §3.7.4, on by
	// default, SHLD-7) is off, so short segments go at once (MUST-17).
	NoDelay bool
	// UserTimeout is R2 as a time the application sets (TCP_USER_TIMEOUT,
	// RFC 9293 §3.8.3, MUST-21): 0 leaves the profile's retry counts.
	UserTimeout time.Duration
}

// sockOpts is what fsm needs of an endpoint's options and its profile.
func sockOpts(cfg EndpointConfig, p *Profile) fsm.SockOpts {
	return fsm.SockOpts{NoDelay: cfg.NoDelay, Minshall: p.Minshall}
}

func init() {
	Switches = append(Switches, Switch{"Nagle algorithm", "tcp_nagle_check(): tcp_minshall_check()",
		"RFC 9293 §3.7.4 (SHLD-7) holds a segment shorter than the MSS while any data is unacknowledged, even the short tail of one large write. Linux uses Minshall's form: it holds a short segment only while an earlier short segment is unacknowledged. Both are on by default; `nodelay: true` per endpoint is TCP_NODELAY (MUST-17). Neither holds data once close() queued the FIN.",
		func(p *Profile) string {
			if p.Minshall {
				return "Minshall (short segment out)"
			}
			return "RFC 896 (any data out)"
		}})
}
