package scenarios

import "github.com/tcpsim/tcpsim/sim"

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
		v, e := d.duration(r.UserTimeout, path+".user_timeout", 0)
		if e != nil {
			return e
		}
		if v == 0 {
			return d.errAt(path+".user_timeout", "expected a duration of more than 0s, got %s", r.UserTimeout)
		}
		ep.UserTimeout = v
	}
	return nil
}
