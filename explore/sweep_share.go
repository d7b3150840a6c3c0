package explore

import (
	"time"

	"github.com/tcpsim/tcpsim/sim"
)

// sharedNodes bounds each worker's tree of recorded runs: about 12 bytes
// a node, so 16 MiB at most, whatever the number of runs.
const sharedNodes = 1 << 20

// sharing is one worker's recorded runs and what a sweep reads of each.
type sharing struct {
	tree *sim.Shared
	memo []memo
}

// memo is what a sweep reads of a run (acc.add's arguments).
type memo struct {
	outcome Outcome
	end     time.Duration
	retx    int
	segs    int
}

func newSharing(c *sim.Config, r *sim.Runner, on bool) *sharing {
	r.Share(on)
	if !on {
		return &sharing{}
	}
	return &sharing{tree: sim.NewShared(c, sharedNodes)}
}

// find is the recorded run seed's draws lead to, or nil.
func (s *sharing) find(seed uint64) *memo {
	if s.tree == nil {
		return nil
	}
	if i := s.tree.Find(seed); i >= 0 {
		return &s.memo[i]
	}
	return nil
}

// add records the run just made, if it can be shared.
func (s *sharing) add(r *sim.Runner, res *result, end time.Duration) {
	if s.tree == nil {
		return
	}
	if i := s.tree.Add(r); i == int32(len(s.memo)) {
		s.memo = append(s.memo, memo{outcome: res.outcome, end: end, retx: res.retx, segs: int(res.trans)})
	}
}
