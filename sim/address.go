package sim

import (
	"net/netip"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/trace"
)

// RFC 9293 §3.9.1.1 and §3.9.2.3: connections are between unicast
// addresses. There is no IP layer to know subnet broadcasts, so
// "broadcast" is the limited broadcast 255.255.255.255.

var limitedBroadcast = netip.AddrFrom4([4]byte{255, 255, 255, 255})

// notUnicast reports a multicast, broadcast or unspecified address.
func notUnicast(a netip.Addr) bool {
	return a.IsMulticast() || a == limitedBroadcast || a.IsUnspecified()
}

// badRemote: an OPEN toward the peer's address is an error when that
// address is broadcast or multicast (MUST-46).
func (s *Sim) badRemote(side trace.Side) bool {
	return notUnicast(s.cfg.endpoint(side.Peer()).Addr)
}

// discardSYN: a SYN from an invalid source address (MUST-63), or to a
// broadcast or multicast address (MUST-57), is silently discarded: no
// state, no reply.
func (s *Sim) discardSYN(from trace.Side, seg *fsm.Segment) bool {
	if seg.Flags&fsm.SYN == 0 {
		return false
	}
	return notUnicast(s.cfg.endpoint(from).Addr) || notUnicast(s.cfg.endpoint(from.Peer()).Addr)
}
