package sim

import (
	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/trace"
)

// SO_SNDBUF (EndpointConfig.SndBuf): a blocking write that does not fit
// in the free send buffer puts in what fits and blocks; the rest goes in
// as ACKs free room, each part recorded as the send it is. Until the
// write is done the application makes no other call: a later send, close
// or shutdown on the timeline waits behind it. An abort or a crash ends
// the wait (the data never goes in), and so does a connection that is
// gone (a RST, a timeout): the application was told why.

// blockedWrite is an endpoint's application stuck in write(): timeline
// steps still to run, the first of them partly written.
type blockedWrite struct {
	steps []int32 // indices into the timeline; appended to only by copying (snapshots share it)
	done  uint32  // bytes of the first step already written
}

// waits says whether a step of the timeline runs later, behind a blocked
// write (it queues it), or now.
func (s *Sim) waits(idx int32) bool {
	a := &s.cfg.Timeline[idx]
	e := s.app(a.Side) // the record the application holds (host.go)
	switch a.Op {
	case trace.OpAbort, trace.OpCrash:
		e.wr = blockedWrite{}
		return false
	case trace.OpSend, trace.OpClose, trace.OpShutdown:
	default:
		return false
	}
	if len(e.wr.steps) > 0 {
		e.wr.steps = append(e.wr.steps[:len(e.wr.steps):len(e.wr.steps)], idx)
		return true
	}
	if a.Op != trace.OpSend || e.conn.SendRoom(uint32(len(a.Data))) == uint32(len(a.Data)) {
		return false
	}
	e.wr = blockedWrite{steps: []int32{idx}}
	s.resumeWrite(a.Side)
	return true
}

// resumeWrite puts as much of the blocked write in as the send buffer
// takes now, then runs the steps that waited behind it while it can.
func (s *Sim) resumeWrite(side trace.Side) {
	e := s.app(side)
	if st := e.conn.State(); st == fsm.Closed || st == fsm.Listen {
		e.wr = blockedWrite{} // reset or timed out: the write fails with the error the application was told
		return
	}
	for len(e.wr.steps) > 0 {
		a := &s.cfg.Timeline[e.wr.steps[0]]
		if a.Op != trace.OpSend {
			e.wr.steps = e.wr.steps[1:]
			s.act(a)
			continue
		}
		rest := a.Data[e.wr.done:]
		n := e.conn.SendRoom(uint32(len(rest)))
		if n == 0 {
			return
		}
		i := e.User(trace.OpSend, n)
		e.Ruled(i, e.conn.Send(rest[:n], 0))
		e.wr.done += n
		if int(e.wr.done) == len(a.Data) {
			e.wr.steps, e.wr.done = e.wr.steps[1:], 0
		}
	}
}
