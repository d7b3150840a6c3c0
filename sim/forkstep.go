package sim

import (
	"math"
	"time"
)

// pushNewSteps queues the timed steps cfg adds at the end of src's
// timeline (say an explorer's crash), for a Sim just restored from a
// checkpoint. A run from the start pushes timed steps first, so such a
// step's seq comes before every item pushed later: it takes the seq it
// would have had, and the items queued after it shift by one, which keeps
// their order (and the heap) and makes the fork the run from the start,
// tie for tie. A step must come after the checkpoint's instant.
func (d *Sim) pushNewSteps(src *Sim, cfg *Config) {
	old := len(src.cfg.Timeline)
	if len(cfg.Timeline) <= old {
		return
	}
	k := uint64(0) // timed steps of src's timeline: the seqs reset gave them
	for i := range old {
		if !cfg.Timeline[i].When {
			k++
		}
	}
	for i := old; i < len(cfg.Timeline); i++ {
		a := &cfg.Timeline[i]
		if a.When {
			continue
		}
		for j := range d.queue {
			if d.queue[j].seq >= k {
				d.queue[j].seq++
			}
		}
		d.seq++
		it := item{at: a.At, kind: itemAction, idx: int32(i), late: a.Late}
		saved := d.seq
		d.seq = k
		d.push(it)
		d.seq = saved
		k++
	}
}

// RunForkingInstants is RunForking (branch may be nil) that also calls instant after each
// instant t at which the run recorded events, once they are all recorded
// (the next queued item is later, or the run ends). Its Fork makes a
// child the Sim as it is then, between t and the next event: the place to
// add a timeline step after t (an explorer's crash at t+1 ns). A folding
// run (lean.go) has folded t's events by then: its observer has seen them.
// A Fork is valid during the call it is passed to.
func (s *Sim) RunForkingInstants(from int32, branch func(lo, hi int32, fork Fork), instant func(t time.Duration, fork Fork)) {
	until := s.cfg.Until
	if until <= 0 {
		until = DefaultUntil
	}
	cp := checkpoints.Get().(*checkpoint)
	defer checkpoints.Put(cp)
	// A checkpoint before every step costs as much as the step: take it
	// only if a branch may follow the step, or when an instant forks.
	branches := branch != nil && from < math.MaxInt32
	saved := false // cp is s as it is now
	fork := func(child *Sim, cfg *Config) { child.restore(s, cp, cfg) }
	now := func(child *Sim, cfg *Config) {
		if !saved {
			s.save(cp)
			saved = true
		}
		child.restore(s, cp, cfg)
	}
	seen := s.recorded() // events up to here belong to instants already reported
	ended := func(next time.Duration) {
		if n := s.recorded(); instant != nil && n > seen && s.lastEvent() < next {
			seen = n
			instant(s.lastEvent(), now)
		}
	}
	for len(s.queue) > 0 && s.queue[0].at <= until && !s.budget.over(s, s.queue[0].at) {
		saved = false
		if branches {
			s.save(cp)
			saved = true
		}
		ended(s.queue[0].at)
		before := s.nextID
		it := s.pop()
		s.now = it.at
		s.dispatch(it)
		if lo := max(before, from); branches && s.nextID > lo {
			branch(lo, s.nextID, fork)
		}
	}
	if s.folds() {
		s.fold() // the last steps, which no budget check followed
	}
	saved = false
	ended(maxTime)
	s.trace.Final = s.final()
	s.endTrace()
}

const maxTime = time.Duration(1<<63 - 1)
