package scenarios

import (
	"fmt"
	"maps"
	"net/netip"
	"slices"
	"strconv"
	"time"

	"github.com/tcpsim/tcpsim/sim"
)

// endpoints reads both endpoints and checks that they can talk.
func (d *doc) endpoints(r *fileYAML, cfg *sim.Config) *Error {
	var e *Error
	if r.Endpoints != nil {
		if e = d.endpoint(r.Endpoints.A, "endpoints.a", &cfg.A); e != nil {
			return e
		}
		if e = d.endpoint(r.Endpoints.B, "endpoints.b", &cfg.B); e != nil {
			return e
		}
	}
	if cfg.A.Addr.Is4() != cfg.B.Addr.Is4() {
		return d.errAt("endpoints.b.addr", "%s and A's %s are different IP versions; use IPv4 or IPv6 for both", cfg.B.Addr, cfg.A.Addr)
	}
	if cfg.A.Addr == cfg.B.Addr && cfg.A.Port == cfg.B.Port {
		return d.errAt("endpoints.b", "B has the same address and port as A (%s:%d)", cfg.A.Addr, cfg.A.Port)
	}
	return nil
}

func (d *doc) endpoint(r *endpointYAML, path string, ep *sim.EndpointConfig) *Error {
	if r == nil {
		return nil
	}
	if r.Addr != "" {
		a, err := netip.ParseAddr(r.Addr)
		if err != nil || a.Zone() != "" {
			return d.errAt(path+".addr", "expected an IP address such as 10.0.0.1 or fd00::1, got %q", r.Addr)
		}
		ep.Addr = a
	}
	if r.Port != nil {
		ep.Port = *r.Port
	}
	if r.ISN != nil {
		ep.ISN = *r.ISN
	}
	if r.Window != nil {
		if *r.Window == 0 {
			return d.errAt(path+".window", "expected a window of 1..65535 bytes, got 0")
		}
		ep.Window = *r.Window
	}
	if r.MSS != nil {
		if *r.MSS == 0 {
			return d.errAt(path+".mss", "expected an MSS of 1..65535 bytes, got 0")
		}
		ep.MSS = *r.MSS
	}
	if r.DelayedACK != "" {
		const maxDelayedACK = 500 * time.Millisecond
		v, e := d.duration(r.DelayedACK, path+".delayed_ack", 0)
		if e != nil {
			return e
		}
		if v >= maxDelayedACK {
			// RFC 9293 §3.8.6.3 (MUST-40): the delay must be less than 0.5 s;
			// a longer one makes the peer retransmit what arrived.
			return d.errAt(path+".delayed_ack", "%s is too long: RFC 9293 (MUST-40) requires an ACK delay of less than 0.5s (Linux's longest is 200ms)", r.DelayedACK)
		}
		ep.DelayedACK = v
		if v == 0 {
			ep.DelayedACK = -1 // the engine reads 0 as "the profile's default"
		}
	}
	if r.KeyedISN != nil && *r.KeyedISN {
		if r.ISN != nil {
			return d.errAt(path+".keyed_isn", "keyed_isn picks the ISN itself; drop isn: %d or keyed_isn", *r.ISN)
		}
		ep.KeyedISN = true
	}
	if e := d.socket(r, path, ep); e != nil {
		return e
	}
	if r.Throttle != nil {
		ep.NoACKThrottle = !*r.Throttle
	}
	if r.SoftErrors != nil {
		ep.NoSoftErrors = !*r.SoftErrors // RFC 9293 SHLD-20
	}
	if r.Reopen != nil {
		ep.Reopen = *r.Reopen // RFC 9293 §3.6 MAY-2 (sim/conns.go)
	}
	if r.Listening != nil {
		ep.Listening = *r.Listening
	}
	for _, n := range []struct {
		v   *int
		key string
		dst *int
	}{{r.SynRetries, "syn_retries", &ep.SynRetries}, {r.Retries, "retries", &ep.Retries}} {
		if n.v == nil {
			continue
		}
		if *n.v < 1 {
			return d.errAt(path+"."+n.key, "expected 1 or more retransmissions, got %d", *n.v)
		}
		*n.dst = *n.v
	}
	return nil
}

// socket reads the application's side of an endpoint: its receive and
// send buffers, how it reads, and its FIN-WAIT-2 timeout.
func (d *doc) socket(r *endpointYAML, path string, ep *sim.EndpointConfig) *Error {
	if r.RcvBuf != nil {
		if *r.RcvBuf == 0 {
			return d.errAt(path+".rcvbuf", "expected a receive buffer of 1 byte or more, got 0")
		}
		ep.RcvBuf = *r.RcvBuf
	}
	if r.SndBuf != nil {
		if *r.SndBuf == 0 {
			return d.errAt(path+".sndbuf", "expected a send buffer of 1 byte or more, got 0")
		}
		ep.SndBuf = *r.SndBuf
	}
	if r.FinTimeout != "" {
		v, e := d.positive(r.FinTimeout, path+".fin_timeout")
		if e != nil {
			return e
		}
		ep.FinTimeout = v
	}
	if e := d.keepalive(r.Keepalive, path+".keepalive", ep); e != nil {
		return e
	}
	if e := d.sockopts(&r.SockoptYAML, path, ep); e != nil {
		return e
	}
	return d.readMode(r.Read, path+".read", ep)
}

// keepalive reads keepalive: {idle, interval, count}; left out, Linux's
// defaults (7200 s, 75 s, 9), which keep MUST-28's two hours.
func (d *doc) keepalive(k *keepaliveYAML, p string, ep *sim.EndpointConfig) *Error {
	if k == nil {
		return nil
	}
	var e *Error
	if ep.KeepIdle, e = d.duration(k.Idle, p+".idle", 2*time.Hour); e != nil {
		return e
	}
	if ep.KeepIntvl, e = d.duration(k.Interval, p+".interval", 75*time.Second); e != nil {
		return e
	}
	if ep.KeepIdle == 0 || ep.KeepIntvl == 0 {
		return d.errAt(p, "keep-alive needs an idle time and an interval of more than 0s")
	}
	ep.KeepCnt = 9
	if k.Count != nil {
		if *k.Count < 1 {
			return d.errAt(p+".count", "expected 1 or more probes, got %d", *k.Count)
		}
		ep.KeepCnt = *k.Count
	}
	return nil
}

// readMode reads read: immediately (the default), manually (only when the
// timeline says read), or {bytes: N, every: D}.
func (d *doc) readMode(v any, p string, ep *sim.EndpointConfig) *Error {
	switch m := v.(type) {
	case nil:
		return nil
	case string:
		switch m {
		case "immediately":
			ep.Read = sim.ReadAtOnce
		case "manually":
			ep.Read = sim.ReadOnAction
		default:
			return d.errAt(p, "expected immediately, manually or {bytes: 1000, every: 100ms}, got %s", strconv.Quote(m))
		}
		return nil
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(m)) {
			if k != "bytes" && k != "every" {
				return d.errTok(keyAt(d.root, p+"."+k), p+"."+k, fmt.Sprintf("unknown field%s; expected bytes and every", didYouMean(k, []string{"bytes", "every"})))
			}
		}
		n, ok := m["bytes"].(uint64)
		if !ok || n == 0 || n > maxSend {
			return d.errAt(p+".bytes", "expected the bytes read each time, 1..%d", maxSend)
		}
		every, _ := m["every"].(string)
		dur, e := d.duration(every, p+".every", 0)
		if e != nil {
			return e
		}
		if dur == 0 {
			return d.errAt(p+".every", "expected how often the application reads, a duration such as 100ms")
		}
		ep.Read, ep.ReadBytes, ep.ReadEvery = sim.ReadPeriodic, uint32(n), dur
		return nil
	}
	return d.errAt(p, "expected immediately, manually or {bytes: 1000, every: 100ms}, got %s", describe(nodeAt(d.root, p)))
}

// positive reads a duration that must be more than zero.
func (d *doc) positive(s, path string) (time.Duration, *Error) {
	v, e := d.duration(s, path, 0)
	if e != nil {
		return 0, e
	}
	if v == 0 {
		return 0, d.errAt(path, "expected a duration of more than 0s, got %s", s)
	}
	return v, nil
}
