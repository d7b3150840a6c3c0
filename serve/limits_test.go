package serve

import (
	"testing"
)

// The server's run budget reaches every lab, a student's and the
// teacher's: a run of the default scenario stops at 12 events and says so.
func TestRunBudget(t *testing.T) {
	t.Parallel()
	ts := startServer(t, Config{MaxEvents: 12})
	full := startServer(t, Config{}).NewLeader(nil).Status().N
	if n := ts.NewLeader(nil).Status().N; n >= full {
		t.Fatalf("the teacher's run has %d events under a budget of 12 (%d without)", n, full)
	}
	tm := newTmux(t)
	tm.open(ts, "s1", 120, 40, "hana")
	tm.waitFor("s1", "stopped after 12 events")
	tm.keys("s1", "q")
	eventually(t, "the lab to end", func() bool { return ts.Count() == 0 })
}
