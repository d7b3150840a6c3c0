package kernel

import (
	"github.com/tcpsim/tcpsim/sim"
)

// sockoptUnsupported lists the socket options and fault matches of issue
// 14 (sim/sockopt.go, sim/match.go) the runner does not realise yet.
// TCP_NODELAY, TCP_USER_TIMEOUT (apps.go, reading.go) and shutdown(SHUT_RD)
// are realised.
func sockoptUnsupported(cfg *sim.Config) []string {
	var out []string
	for _, f := range cfg.Faults {
		if f.HasLen || f.HasSeq {
			out = append(out, "fault: matching by len or seq is not realised yet")
		}
	}
	return out
}
