package sim

import (
	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/trace"
)

// quickSYN is Linux's answer to an unacceptable ACK in SYN-SENT (the peer
// still holds an old connection, a half-open one): besides the RST, if
// the SYN has not been retransmitted yet, the retransmission timer is
// re-armed to TCP_TIMEOUT_MIN (tcp_rcv_synsent_state_process: "previous
// FIN/ACK or RST/ACK might be ignored"), so the SYN goes again a few
// milliseconds after the RST has cleared the old connection, not after
// the RTO.
func (s *Sim) quickSYN(e *endpoint, r *fsm.Row) {
	d := s.prof.QuickSYN
	if d == 0 || r == nil || r.If != fsm.BadACK || r.From != fsm.Of(fsm.SynSent) || e.retries != 0 {
		return
	}
	ts := &e.timers[fsm.TimerRTO]
	if !ts.armed {
		return
	}
	e.TimerEvent(fsm.TimerRTO, trace.TimerArmed, d)
	e.schedule(fsm.TimerRTO, addTime(s.now, d)) // timers.go
}
