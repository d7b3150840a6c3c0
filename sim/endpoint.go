package sim

import (
	"github.com/tcpsim/tcpsim/trace"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
)

type timerState struct {
	armed bool
	gen   uint32
	at    time.Duration
	seq   uint64 // the queue order it took when last armed (timers.go)

	// The queue entry this timer relies on (timers.go): re-arming to a
	// later time leaves it in place and moves the timer on when it pops.
	queued bool
	qGen   uint32
	qAt    time.Duration
}

// endpoint is one connection record of a host (host.go): an fsm
// connection plus the clock-dependent parts the state machine leaves to
// its environment (timers, RTO; the ISN clock is the host's).
type endpoint struct {
	trace.Recorder // Signal, Deliver and the events of the rest
	s              *Sim
	side           trace.Side
	idx            uint8     // the record's index at its side (Event.Conn)
	ports          [2]uint16 // local and remote port (demux.go)
	mute           bool      // a listener's replacement opening: not recorded
	closed         bool      // the application called CLOSE or ABORT on it
	cfg            EndpointConfig
	conn           fsm.Conn
	timers         [fsm.NumTimers]timerState

	// RFC 6298 estimator
	srtt, rttvar time.Duration
	rto          time.Duration
	hasRTT       bool
	retries      int           // consecutive expiries without progress
	expired      time.Duration // the RTO that last expired
	synBackedOff bool          // the SYN was retransmitted: RTO restarts at 3 s (RFC 6298 §5.7)
	measuring    bool
	measureEnd   fsm.Seq
	measureAt    time.Duration

	limit ackLimit // RFC 5961 §7 (ratelimit.go)

	// the ISN a connect named for this connection ({connect: {isn: N}})
	isn    uint32
	hasISN bool

	// socket.go
	readPending bool // a periodic read is planned
	stopped     bool // the timeline said stop reading
	probes      uint // zero-window probes since the window closed: the persist backoff
	kaProbes    int  // keep-alive probes since a segment last arrived

	wr blockedWrite // sndbuf.go

	// usertimeout.go: since when the front of the queue is unacknowledged
	uSet   bool
	uSince time.Duration
}

func (e *endpoint) init(s *Sim, side trace.Side, cfg EndpointConfig, idx uint8) {
	if cfg.Window == 0 {
		cfg.Window = 65535
	}
	if cfg.MSS == 0 {
		cfg.MSS = 1460
	}
	stream := e.conn.Stream()
	*e = endpoint{s: s, side: side, cfg: cfg, idx: idx, ports: [2]uint16{cfg.Port, s.cfg.endpoint(side.Peer()).Port}}
	e.Recorder = trace.Recorder{Trace: &s.trace, Side: side, Rec: idx, Conn: &e.conn, Now: &s.now, NoSnap: s.lean()}
	p := s.prof
	delayed := cfg.DelayedACK > 0 || (cfg.DelayedACK == 0 && p.DelayedACK > 0)
	if cfg.DelayedACK < 0 {
		delayed = false
	}
	e.conn = fsm.NewConn(fsm.Config{Window: cfg.Window, MSS: cfg.MSS, DelayedACK: delayed, DelayFINACK: p.DelayFINACK > 0,
		PSHOnLast: p.PSHOnLast, AbortACK: p.AbortACK, RefusedInSynSent: p.RefusedRST, SYNOpts: p.SYNOpts, WScale: p.WScale, LinuxWindow: p.LinuxWindow, InitialWindow: p.InitialWindow, IPv6: cfg.Addr.Is6(),
		RcvBuf: cfg.RcvBuf, SndBuf: cfg.SndBuf, Hold: cfg.Read != ReadAtOnce, FullClose: p.FullClose, OldSeqProbe: p.OldSeqProbe,
		Keepalive: cfg.KeepIdle > 0, KeepaliveRST: p.KeepaliveRST, TimeWaitSYN: timeWaitSYN(p, cfg), Listening: cfg.Listening,
		SockOpts: sockOpts(cfg, p), SYNACKAgain: p.SYNACKAgain, SimOpenACK: p.SimOpenACK,
		PSHEvery: p.pshEvery(0, false)}, e)
	e.conn.Reuse(stream)
	e.rto = p.InitialRTO
}

func (e *endpoint) delayedACK() time.Duration {
	if e.cfg.DelayedACK > 0 {
		return e.cfg.DelayedACK
	}
	if e.s.prof.DelayedACK > 0 {
		return e.s.prof.DelayedACK
	}
	if d := e.s.prof.FINACKNoData; d > 0 && e.noDataYet() {
		return d
	}
	return e.s.prof.DelayFINACK
}

// noDataYet: the FIN just received is all that followed the SYN, so
// RCV.NXT is IRS + 2 (the FIN's delayed ACK is this timer's only use
// when the profile delays no data ACK).
func (e *endpoint) noDataYet() bool {
	t := e.conn.TCB()
	return t.RcvNxt.Sub(t.IRS) <= 2
}

// ISS implements fsm.Env. The host's first connection uses the
// configured ISN; later ones, in this record or another of the host, read
// the §3.4.1 clock, which ticks every 4 µs, so a reconnection picks a
// different, larger ISN.
func (e *endpoint) ISS() fsm.Seq {
	var iss fsm.Seq
	c := &e.s.hosts[e.side].clock
	if e.hasISN { // the scenario's ISN for this connect
		iss, e.hasISN = fsm.Seq(e.isn), false
		if c.incarnations == 0 {
			c.firstAt = e.s.now
		}
	} else if e.cfg.KeyedISN {
		iss = e.keyedISS()
	} else if c.incarnations == 0 {
		iss = fsm.Seq(e.cfg.ISN)
		c.firstAt = e.s.now
	} else {
		iss = fsm.Seq(e.cfg.ISN).Add(uint32((e.s.now - c.firstAt) / (4 * time.Microsecond)))
		if iss == c.last {
			iss++
		}
	}
	c.incarnations++
	c.last = iss
	e.closed = false // a new incarnation: the application holds it
	// A new incarnation starts with a fresh estimator.
	e.rto, e.hasRTT, e.retries, e.synBackedOff, e.measuring = e.s.prof.InitialRTO, false, 0, false, false
	e.uSet = false
	return iss
}

// Output implements fsm.Env.
func (e *endpoint) Output(seg fsm.Segment, why fsm.SendReason, row *fsm.Row) {
	ev := trace.Event{Kind: trace.KSend, Side: e.side, Reason: why, From: e.conn.State(), Seg: seg}
	if row != nil {
		ev.Row = int16(row.ID)
	}
	if why == fsm.ReasonRetransmit {
		ev.Retx = uint16(e.retries)
		ev.Dur = e.expired
		e.measuring = false // Karn: no sample from a retransmitted range
		if seg.Flags&fsm.SYN != 0 {
			e.synBackedOff = true
		}
	} else if why == fsm.ReasonFastRetransmit {
		e.measuring = false // Karn's rule holds for fast retransmissions too
	} else if seg.SegLen() > 0 && !e.measuring {
		e.measuring, e.measureEnd, e.measureAt = true, seg.Seq.Add(seg.SegLen()), e.s.now
	}
	e.userOutstanding(seg)
	ev.Conn = e.idx
	e.s.transmit(e.side, &ev, e.ports)
}

// Changed implements fsm.Env: the recorder's record, then any timeline
// action waiting for this state.
func (e *endpoint) Changed(from, to fsm.State, row *fsm.Row) {
	if e.mute {
		return
	}
	e.Recorder.Changed(from, to, row)
	if from == fsm.TimeWait && to == fsm.SynReceived {
		e.s.hosts[e.side].clock.last = e.conn.TCB().ISS // a reopen may raise the clock's ISS (conns.go)
	}
	if from == fsm.Listen && to == fsm.SynReceived && e.cfg.Listening {
		e.s.spawnListener(e) // demux.go
	}
	if to == fsm.Established && from == fsm.SynReceived && e.cfg.Listening {
		e.s.hosts[e.side].cur = e.idx // accept() hands the new connection to the application
	}
	e.s.stateChanged(e.side, to)
}

// Acked implements fsm.Env: RTT sampling (RFC 6298 §3, Karn's rule).
func (e *endpoint) Acked(old, una fsm.Seq) {
	e.retries = 0
	e.userAcked()
	if e.measuring && e.measureEnd.LessEq(una) {
		e.measuring = false
		e.sample(e.s.now - e.measureAt)
	} else if e.synBackedOff && !e.hasRTT {
		// RFC 6298 §5.7: after a retransmitted SYN, data starts with RTO = 3 s.
		e.rto = max(3*time.Second, e.s.prof.MinRTO)
	}
	e.synBackedOff = false
}

func (e *endpoint) sample(r time.Duration) {
	p := e.s.prof
	if !e.hasRTT {
		e.srtt, e.rttvar, e.hasRTT = r, r/2, true // RFC 6298 §2.2
	} else {
		d := e.srtt - r
		if d < 0 {
			d = -d
		}
		e.rttvar = (3*e.rttvar + d) / 4 // β = 1/4
		e.srtt = (7*e.srtt + r) / 8     // α = 1/8
	}
	e.rto = p.rtoOf(e.srtt, e.rttvar) // rto.go
	e.conn.Cfg.PSHEvery = p.pshEvery(e.srtt, true)
}

// Timer implements fsm.Env.
func (e *endpoint) Timer(t fsm.Timer, op fsm.TimerOp) {
	ts := &e.timers[t]
	if t == fsm.TimerPersist && op == fsm.Stop {
		e.probes = 0 // the window opened (or the TCB went): backoff starts over
	}
	if t == fsm.TimerKeepalive && op != fsm.Start {
		e.kaProbes = 0 // a segment arrived (Restart) or the TCB went (Stop)
	}
	if op == fsm.Stop {
		if ts.armed {
			ts.armed = false
			ts.gen++
			e.TimerEvent(t, trace.TimerCancelled, 0)
		}
		return
	}
	if op == fsm.Start && ts.armed {
		return
	}
	var d time.Duration
	switch t {
	case fsm.TimerRTO:
		d = e.userRTO(e.rto)
	case fsm.TimerTimeWait:
		d = e.s.prof.TimeWait
		if d == 0 {
			d = 2 * e.s.cfg.MSL
		}
	case fsm.TimerFinWait2:
		d = e.s.prof.FinWait2
		if e.cfg.FinTimeout > 0 && d > 0 {
			d = e.cfg.FinTimeout
		}
		if d == 0 {
			return // RFC 9293 has no FIN-WAIT-2 timer
		}
	case fsm.TimerDelayedACK:
		d = e.delayedACK()
	case fsm.TimerPersist:
		d = e.persistInterval()
	case fsm.TimerKeepalive:
		d = e.cfg.KeepIdle
		if e.kaProbes > 0 {
			d = e.cfg.KeepIntvl
		}
	}
	ts.armed = true
	e.TimerEvent(t, trace.TimerArmed, d)
	e.schedule(t, addTime(e.s.now, d)) // timers.go
}

// fire handles an expired timer: RTO backoff and give-up live here.
func (e *endpoint) fire(t fsm.Timer) {
	i := e.Next()
	if t != fsm.TimerRTO {
		if t == fsm.TimerPersist {
			e.probes++
		}
		e.TimerEvent(t, trace.TimerFired, 0)
		if t == fsm.TimerKeepalive {
			e.kaProbes++
			e.Ruled(i, e.conn.Expire(t, e.kaProbes > e.cfg.KeepCnt)) // the probes all went unanswered
			return
		}
		e.Ruled(i, e.conn.Expire(t, false))
		return
	}
	p := e.s.prof
	limit := p.Retries
	syn := e.conn.State() == fsm.SynSent || e.conn.State() == fsm.SynReceived
	if e.conn.State() == fsm.SynSent {
		limit = p.SynRetries
		if e.cfg.SynRetries > 0 {
			limit = e.cfg.SynRetries
		}
	} else if e.conn.State() == fsm.SynReceived {
		limit = p.SynAckRetries
		if e.cfg.SynRetries > 0 {
			limit = e.cfg.SynRetries
		}
	} else if e.cfg.Retries > 0 {
		limit = e.cfg.Retries
	}
	e.expired = e.rto
	e.TimerEvent(t, trace.TimerFired, e.rto)
	if e.giveUp(limit) {
		e.Ruled(i, e.conn.Expire(t, true))
		return
	}
	e.retries++
	if e.retries == p.R1 && p.ReportR1 && !e.cfg.NoSoftErrors {
		e.Signal(fsm.SigTrouble, nil) // §3.8.3: R1 reached, R2 not yet (SHLD-9)
	}
	// RFC 6298 §5.5: back off, unless a profile keeps the first SYN retries linear.
	if !(syn && e.retries <= p.SynLinear) {
		e.rto = min(2*e.rto, p.MaxRTO)
	}
	e.Ruled(i, e.conn.Expire(t, false))
}

// persistInterval is the wait before the next zero-window probe: the RTO
// at first (SHLD-29; Linux tcp_probe0_base: at least tcp_rto_min), then
// doubling (SHLD-30; tcp_probe0_when), up to the profile's maximum RTO.
func (e *endpoint) persistInterval() time.Duration {
	d := max(e.rto, e.s.prof.MinRTO)
	for i := uint(0); i < e.probes && d < e.s.prof.MaxRTO; i++ {
		d *= 2
	}
	return min(d, e.s.prof.MaxRTO)
}
