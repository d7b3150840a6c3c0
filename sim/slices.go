package sim

// RunFor is Run in slices, for a caller that must stay responsive (the
// lab): it pauses once the trace holds at least events events, and
// reports whether the run is over (ended, reached Until, or stopped by a
// limit). Calling it again resumes where it paused: the queue, the
// endpoints and the budget are untouched by a pause, so a run made in
// slices records exactly the events of a run made at once.
func (s *Sim) RunFor(events int) bool {
	s.budget.pauseAt, s.budget.paused = events, false
	s.Run()
	s.budget.pauseAt = 0
	return !s.budget.paused
}
