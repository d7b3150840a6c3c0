package replay

import (
	"path/filepath"
	"testing"

	"github.com/tcpsim/tcpsim/trace"
)

// A replayed capture names its rules as a simulated run does: every
// delivery, user call, state change and signal of the Linux captures
// carries the table row behind it.
func TestReplayEventsHaveRules(t *testing.T) {
	ruled := map[trace.Kind]bool{trace.KDeliver: true, trace.KUser: true, trace.KState: true, trace.KError: true, trace.KData: true}
	for _, c := range linuxCases {
		res, err := ReadFile(filepath.Join("testdata", c.name+".pcap"), Options{})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for i, ev := range res.Trace.Events {
			if !ruled[ev.Kind] {
				continue
			}
			n++
			if ev.Rule() == nil {
				t.Errorf("%s event %d (%s %s %s) has no rule", c.name, i, ev.Side, ev.Kind, ev.Op)
			}
		}
		if n == 0 {
			t.Errorf("%s: no events", c.name)
		}
	}
}
