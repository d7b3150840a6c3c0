package sim

import "time"

// rtoOf is the retransmission timeout from the smoothed RTT and its
// variance (RFC 6298 §2.3), bounded by the profile. RFC 6298 §2.4 floors
// the RTO: srtt + max(G, 4·rttvar), at least MinRTO. With VarFloor the
// floor is on the variance term instead, as Linux does: tcp_rtt_estimator
// keeps rttvar_us (4·rttvar) at least tcp_rto_min for each RTT, and
// __tcp_set_rto adds it to srtt, so the RTO is srtt + max(4·rttvar,
// tcp_rto_min): 300 ms on a 100 ms path, where RFC 6298 gives 250 ms once
// the variance has settled.
func (p *Profile) rtoOf(srtt, rttvar time.Duration) time.Duration {
	const g = time.Millisecond // clock granularity G
	rto := srtt + max(g, 4*rttvar)
	if p.VarFloor {
		rto = srtt + max(4*rttvar, p.MinRTO)
	}
	return min(max(rto, p.MinRTO), p.MaxRTO)
}
