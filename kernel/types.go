package kernel

import (
	"net/netip"
	"strings"
	"time"

	"github.com/tcpsim/tcpsim/trace"

	"github.com/tcpsim/tcpsim/internal/capcmp"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
)

// Call is one thing an application did, at real time T since the start.
type Call struct {
	At   time.Time     // wall clock
	T    time.Duration // since the capture's first packet
	Side trace.Side
	What string
}

// Options bound a run.
type Options struct {
	Dir     string        // where the capture is written (a temporary directory if empty)
	Max     time.Duration // longest run (0: 2 minutes)
	Quiet   time.Duration // how long the link must stay settled before the run ends (0: 300 ms)
	Verbose func(string)  // progress notes, if set
	// Tolerance is the scenario's own (tolerance:, docs/scenarios.md): an
	// allowance added to every gap's, and races the kernel may decide
	// either way.
	Tolerance scenarios.Tolerance
}

// UnsupportedError lists what the runner cannot realise.
type UnsupportedError struct{ Reasons []string }

func (e *UnsupportedError) Error() string {
	return "cannot run this scenario on the kernel:\n  " + strings.Join(e.Reasons, "\n  ")
}

// Result is a run on the kernel held against the model.
type Result struct {
	Kernel, Model []capcmp.Packet
	Compare       *capcmp.Result
	KernelPcap    []byte
	ModelPcap     []byte
	Calls         []Call
	Setup         []string // the commands that built the namespaces
	Namespaces    [2]string
	Addrs         [2]netip.Addr
	Elapsed       time.Duration
	Capped        bool           // the run hit Options.Max before it settled
	Nominal       *capcmp.Result // the comparison with the model at the scenario's own times
	Race          int            // 1 + the index of the scenario's race that made it agree, or 0

	did    map[*sim.Action]time.Time
	linkAt map[[2]int]time.Time
	called map[string]bool // segments the model sent on a call (run.go's calledAt)
}

// Agree says the kernel and the model sent the same segments with the same gaps.
func (r *Result) Agree() bool { return r.Compare.Agree() }

// Slack is added to the 10% tolerance of a gap of a live run: the
// granularity of the kernel's timer wheel for a timeout of that length,
// plus two ticks for a loaded machine. At HZ=250 (the reference kernel's)
// a timeout under 256 ms fires on a 4 ms tick, one under 2 s on a 32 ms
// step, one under 16 s on a 256 ms step, each rounded up (kernel/time/
// timer.c): a 300 ms RTO was seen at 356 ms, a 40 ms delayed ACK at 48 ms.
func Slack(gap time.Duration) time.Duration {
	const tick = 4 * time.Millisecond
	gran := tick
	for j := gap / tick; j >= 64; j /= 8 {
		gran *= 8
	}
	return gran + 2*tick
}
