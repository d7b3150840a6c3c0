package scenarios

import (
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// SockoptYAML holds an endpoint's socket options besides keep-alive and the
// receive buffer (docs/scenarios.md, "Endpoints").
type SockoptYAML struct {
	NoDelay     *bool  `yaml:"nodelay"`
	UserTimeout string `yaml:"user_timeout" want:"a duration such as 150ms, 2s or 1m"`
}

// sockopts reads nodelay and user_timeout.
func (d *doc) sockopts(r *SockoptYAML, path string, ep *sim.EndpointConfig) *Error {
	if r.NoDelay != nil {
		ep.NoDelay = *r.NoDelay
	}
	if r.UserTimeout != "" {
		v, e := d.positive(r.UserTimeout, path+".user_timeout")
		if e != nil {
			return e
		}
		ep.UserTimeout = v
	}
	return nil
}

// shutdownAction reads {shutdown: write} (shutdown(SHUT_WR), the
// half-close) or {shutdown: read} (shutdown(SHUT_RD)).
func (d *doc) shutdownAction(v any, p string, a *sim.Action) *Error {
	switch w, _ := v.(string); w {
	case "write":
		a.Op = trace.OpShutdown
	case "read":
		a.Op = trace.OpShutRead
	default:
		return d.errAt(p, "expected write (shutdown(SHUT_WR), a half-close) or read (shutdown(SHUT_RD)); for both, write two steps")
	}
	return nil
}
