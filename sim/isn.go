package sim

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
)

// keyedISS is RFC 6528's ISN (RFC 9293 §3.4.1, SHLD-1): ISN = M + F, where
// M is a clock ticking every 4 µs and F a keyed hash of the connection's
// addresses and ports. The key is this endpoint's own secret, drawn from
// the seed, so a run is deterministic yet the peer cannot compute it
// (MUST-9).
func (e *endpoint) keyedISS() fsm.Seq {
	m := uint32(e.s.now / (4 * time.Microsecond))
	iss := fsm.Seq(m + e.isnHash())
	if c := &e.s.hosts[e.side].clock; c.incarnations > 0 && iss == c.last {
		iss++ // two incarnations in one tick
	}
	return iss
}

// isnHash is F(localip, localport, remoteip, remoteport, secretkey).
func (e *endpoint) isnHash() uint32 {
	e.s.seedRead = true // share.go: this run is not its draws alone
	var seed [9]byte
	binary.BigEndian.PutUint64(seed[:8], e.s.cfg.Seed)
	seed[8] = byte(e.side)
	key := sha256.Sum256(append([]byte("tcpsim RFC 6528 secret"), seed[:]...))
	mac := hmac.New(sha256.New, key[:])
	local, remote := e.cfg, e.s.cfg.endpoint(e.side.Peer())
	var port [2]byte
	mac.Write(local.Addr.AsSlice())
	binary.BigEndian.PutUint16(port[:], e.ports[0])
	mac.Write(port[:])
	mac.Write(remote.Addr.AsSlice())
	binary.BigEndian.PutUint16(port[:], e.ports[1])
	mac.Write(port[:])
	return binary.BigEndian.Uint32(mac.Sum(nil))
}
