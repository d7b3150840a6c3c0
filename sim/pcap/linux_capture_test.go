package pcap_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/internal/capcmp"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/sim/pcap"
	"github.com/tcpsim/tcpsim/trace"
)

// timerSet lists, for each packet seen at A, whether one of the kernel's
// timers chose when it was sent (delayed ACK, retransmission timeout,
// keep-alive, zero-window probe).
func timerSet(tr *trace.Trace) []bool {
	var out []bool
	for i := range tr.Events {
		e := &tr.Events[i]
		switch {
		case e.Kind == trace.KSend && e.Side == trace.A:
			out = append(out, timed(e.Reason))
		case e.Kind == trace.KDeliver && e.Side == trace.A:
			out = append(out, false)
			for j := range tr.Events {
				s := &tr.Events[j]
				if s.Kind == trace.KSend && s.ID == e.ID {
					out[len(out)-1] = timed(s.Reason)
					break
				}
			}
		}
	}
	return out
}

func timed(r fsm.SendReason) bool {
	switch r {
	case fsm.ReasonDelayedACK, fsm.ReasonRetransmit, fsm.ReasonKeepalive, fsm.ReasonProbe:
		return true
	}
	return false
}

func TestLinuxProfileMatchesKernelCaptures(t *testing.T) {
	for name, capture := range map[string]string{
		"linux-normal":              "a_normal",
		"linux-server-closes-first": "b_server_closes_first",
		"linux-half-close":          "c_half_close",
		"linux-three-segment-close": "d_piggyback_fin",
		"linux-refused":             "g_refused",
		"linux-close-unread":        "m_close_unread",
		"linux-fin-wait2-timeout":   "o_fin_wait2_timeout",
		"linux-keepalive-dead-peer": "p_keepalive_dead_peer",
		"linux-syn-into-time-wait":  "r2_syn_to_server_timewait",
	} {
		t.Run(name, func(t *testing.T) {
			real, err := os.ReadFile("../testdata/linux/" + capture + ".pcap")
			if err != nil {
				t.Fatal(err)
			}
			sc, err := scenarios.Lookup(name)
			if err != nil {
				t.Fatal(err)
			}
			tr := sim.Run(sc.Config)
			var buf bytes.Buffer
			if err := pcap.Write(&buf, tr, pcap.Options{Format: pcap.FormatPcap, Tap: pcap.TapA}); err != nil {
				t.Fatal(err)
			}
			want, err := capcmp.Read(real)
			if err != nil {
				t.Fatal(err)
			}
			got, err := capcmp.Read(buf.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			res := capcmp.CompareWithin(want, got, jiffySlack(sc))
			if !res.Agree() {
				var side strings.Builder
				_ = capcmp.WriteSideBySide(&side, "kernel", "tcpsim", want, got, res)
				t.Fatalf("the model differs from the kernel:\n%s", side.String())
			}
			timed := timerSet(tr)
			if len(timed) != len(got) {
				t.Fatalf("%d packets exported, %d seen at A in the trace", len(got), len(timed))
			}
			// Every gap the kernel shows of a millisecond or more was set by a
			// timer (delayed ACK, RTO) or by the application's pauses, which the
			// scenario copies; Compare held them within 10%.
			checked, timers := 0, 0
			for i := 1; i < len(want); i++ {
				if want[i].T-want[i-1].T < capcmp.MinGap {
					continue
				}
				checked++
				if timed[i] {
					timers++
				}
			}
			t.Logf("%d segments identical; %d gaps checked, %d of them set by a timer", len(got), checked, timers)
		})
	}
}
