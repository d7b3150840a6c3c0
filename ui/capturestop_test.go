package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/replay"
	"github.com/tcpsim/tcpsim/sim"
)

// A capture the budget stopped opens on what came before, and the lab
// says where and why, in its language, as for a simulated run's limit.
func TestCaptureStopSaid(t *testing.T) {
	stop := &replay.LimitError{Limit: "memory", Value: 512 << 20, Frame: 370_001, T: 370 * time.Millisecond, Kept: 370_000, Reading: true}
	for _, c := range []struct{ lang, want string }{
		{"en", "replay stopped at frame 370,001"},
		{"zh", "回放停在第 370,001 帧"},
	} {
		m := newModelOf(recorded("cap", "a capture", sim.Run(normalClose())), Options{Lang: c.lang}, modelOptions{dark: true})
		m.sayCaptureStop(stop)
		if !strings.Contains(m.msg, c.want) || !strings.Contains(m.msg, "512 MiB") || m.msgPen != pLost {
			t.Errorf("%s: %q", c.lang, m.msg)
		}
		m.sayCaptureStop(&replay.LimitError{Limit: "events", Value: labEvents, Frame: 9, Kept: 8})
		if !strings.Contains(m.msg, "300,000") {
			t.Errorf("%s: events: %q", c.lang, m.msg)
		}
	}
}
