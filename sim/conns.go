package sim

import "github.com/tcpsim/tcpsim/fsm"

// Connections of one record over time. A later OPEN on a CLOSED record
// makes a new incarnation of it (ISS from the host's §3.4.1 clock,
// isn.go), and a new SYN meeting TIME-WAIT may reopen it directly (RFC
// 9293 §3.6 MAY-2, fsm/timewait.go; Linux's rule needs the endpoint's
// listening socket, EndpointConfig.Listening). Several records at once,
// and a reconnect from a new port, are host.go and demux.go.

// timeWaitSYN is what a new SYN meeting this endpoint's TIME-WAIT does:
// the profile's rule, or MAY-2 with the clock's ISN where the scenario
// asks for it on a profile that answers with an ACK.
func timeWaitSYN(p *Profile, cfg EndpointConfig) fsm.TimeWaitSYN {
	if cfg.Reopen && p.TimeWaitSYN == fsm.TimeWaitACK {
		return fsm.TimeWaitReopen
	}
	return p.TimeWaitSYN
}
