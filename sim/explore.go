package sim

// Hooks for exhaustive exploration (package explore), kept apart from
// sim.go so that the engine's core stays small.

// Pending is the number of events still queued when the last run stopped.
func (r *Runner) Pending() int { return r.s.Pending() }

// Transmissions is the number of transmission IDs the last run used
// (every segment put on the link, retransmissions and injected ones too).
func (r *Runner) Transmissions() int32 { return r.s.Transmissions() }
