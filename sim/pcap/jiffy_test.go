package pcap_test

import (
	"time"

	"github.com/tcpsim/tcpsim/internal/capcmp"
	"github.com/tcpsim/tcpsim/scenarios"
)

// jiffySlack is the extra tolerance a capture's gaps get: what the
// scenario itself declares (tolerance: gap, docs/scenarios.md). Only
// linux-syn-into-time-wait declares any: the r2 capture's two delayed ACKs
// of a FIN came 41.6 ms and 46.0 ms after it, where the model's is 40 ms
// (TCP_DELACK_MIN), so it allows one jiffy beyond the 10%. Every other
// capture is held to the 10% alone.
func jiffySlack(sc *scenarios.Scenario) func(time.Duration) time.Duration {
	return capcmp.Plus(nil, sc.Tolerance.Gap)
}
