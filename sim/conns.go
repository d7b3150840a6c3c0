package sim

import "github.com/tcpsim/tcpsim/fsm"

// Connections of one endpoint over time. An endpoint holds one connection
// record: a later OPEN makes a new incarnation of it (ISS from the §3.4.1
// clock, isn.go), and a new SYN meeting TIME-WAIT may reopen it directly
// (RFC 9293 §3.6 MAY-2, fsm/timewait.go; Linux's rule needs the
// endpoint's listening socket, EndpointConfig.Listening). The peer always
// reconnects from the same address and port, as an application that binds
// its port does.

// timeWaitSYN is what a new SYN meeting this endpoint's TIME-WAIT does:
// the profile's rule, or MAY-2 with the clock's ISN where the scenario
// asks for it on a profile that answers with an ACK.
func timeWaitSYN(p *Profile, cfg EndpointConfig) fsm.TimeWaitSYN {
	if cfg.Reopen && p.TimeWaitSYN == fsm.TimeWaitACK {
		return fsm.TimeWaitReopen
	}
	return p.TimeWaitSYN
}
