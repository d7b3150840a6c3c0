//go:build linux

package kernel

import (
	"fmt"
	"time"
)

// crafts schedules each injected segment on the session's clock (the
// timeline's, so it moves with a late first connect()): at its time the
// relay gets it, crafts it once the ISNs its numbers count from are known,
// and records when it went, so the model's rerun injects it then.
func (s *session) crafts(r *relay, list []inject) []due {
	r.sent = func(in *inject, at time.Time) {
		s.mu.Lock()
		s.linkAt[[2]int{in.fault, 0}] = at
		s.mu.Unlock()
	}
	var out []due
	for i := range list {
		in := &list[i]
		out = append(out, due{at: in.at, f: func() {
			r.inject(in)
			s.call(in.from, fmt.Sprintf("link: a crafted segment as if from %s (%s), toward %s (relay)",
				in.from.Upper(), in.seg.Flags, (1-in.from).Upper()))
		}})
	}
	return out
}
