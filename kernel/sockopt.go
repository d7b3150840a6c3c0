package kernel

import (
	"fmt"

	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// sockoptUnsupported lists the socket options and fault matches of issue
// 14 (sim/sockopt.go, sim/match.go) the runner does not realise yet.
func sockoptUnsupported(cfg *sim.Config) []string {
	var out []string
	for _, e := range []sim.EndpointConfig{cfg.A, cfg.B} {
		if e.NoDelay || e.UserTimeout > 0 {
			out = append(out, fmt.Sprintf("endpoint %v: nodelay and user_timeout (TCP_NODELAY, TCP_USER_TIMEOUT) are not realised yet", e.Addr))
		}
	}
	for _, f := range cfg.Faults {
		if f.HasLen || f.HasSeq {
			out = append(out, "fault: matching by len or seq is not realised yet")
		}
	}
	for _, a := range cfg.Timeline {
		if a.Op == trace.OpShutRead {
			out = append(out, "timeline: shutdown(SHUT_RD) is not realised yet")
		}
	}
	return out
}
