package explore

import "github.com/tcpsim/tcpsim/sim"

// Numbered is the report's classes and violations in the order Write
// numbers them (classes first, from 1), for views other than the text
// report — the lab's explore view — so that "[3]" means the same run
// there as in `tcpsim explore --open 3`.
func (rep *Report) Numbered() ([]*Class, []*Violation) {
	return rep.sortedClasses(), rep.sortedViolations()
}

// Config is cfg with the example's faults added and its crash appended
// to the timeline: the run the example names, to replay in full.
func (ex Example) Config(cfg *sim.Config) sim.Config {
	return withPattern(cfg, ex.Faults, ex.Crash)
}

// Lost is the transmission IDs the example loses (not those it
// duplicates or reorders), ascending, as sim numbers them (Event.ID).
func (ex Example) Lost() []int32 {
	var ids []int32
	for _, p := range ex.Faults {
		if pickKind(p) == kindDrop {
			ids = append(ids, pickID(p))
		}
	}
	return ids
}
