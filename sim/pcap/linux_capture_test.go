package pcap_test

import (
	"bytes"
	"fmt"
	"github.com/tcpsim/tcpsim/trace"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/sim/pcap"
)

// pkt is what the comparison looks at: direction, flags, sequence numbers
// relative to each side's ISN, length, and time.
type pkt struct {
	dir      string // "A->B" or "B->A"
	flags    string
	seq, ack uint32
	hasAck   bool
	len      int
	t        time.Duration
}

func (p pkt) String() string {
	ack := "-"
	if p.hasAck {
		ack = fmt.Sprint(p.ack)
	}
	return fmt.Sprintf("%s %-3s seq=%d ack=%s len=%d", p.dir, p.flags, p.seq, ack, p.len)
}

// readCapture parses a pcap the way Wireshark relativizes it: A is the
// side that sent the first packet.
func readCapture(t *testing.T, data []byte) []pkt {
	t.Helper()
	r, err := pcapgo.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var out []pkt
	var aIP string
	isn := map[string]uint32{}
	var t0 time.Time
	for {
		raw, ci, err := r.ReadPacketData()
		if err != nil {
			break
		}
		p := gopacket.NewPacket(raw, r.LinkType(), gopacket.Default)
		ip, _ := p.Layer(layers.LayerTypeIPv4).(*layers.IPv4)
		tcp, _ := p.Layer(layers.LayerTypeTCP).(*layers.TCP)
		if ip == nil || tcp == nil {
			t.Fatalf("packet %d is not TCP/IPv4", len(out)+1)
		}
		if aIP == "" {
			aIP, t0 = ip.SrcIP.String(), ci.Timestamp
		}
		src, dst := ip.SrcIP.String(), ip.DstIP.String()
		dir := "A->B"
		if src != aIP {
			dir = "B->A"
		}
		if _, ok := isn[src]; !ok && (tcp.SYN || len(out) == 0) {
			isn[src] = tcp.Seq
		}
		if _, ok := isn[dst]; !ok && tcp.ACK {
			isn[dst] = tcp.Ack - 1
		}
		var f string
		for _, b := range []struct {
			on bool
			c  string
		}{{tcp.SYN, "S"}, {tcp.FIN, "F"}, {tcp.RST, "R"}, {tcp.PSH, "P"}, {tcp.ACK, "A"}} {
			if b.on {
				f += b.c
			}
		}
		q := pkt{dir: dir, flags: f, seq: tcp.Seq - isn[src], len: len(tcp.Payload), t: ci.Timestamp.Sub(t0), hasAck: tcp.ACK}
		if tcp.ACK {
			q.ack = tcp.Ack - isn[dst]
		}
		// A RST,ACK to a SYN carries seq 0, not a number from B's space.
		if tcp.RST && tcp.Seq == 0 {
			q.seq = 0
		}
		out = append(out, q)
	}
	return out
}

// timerSet lists, for each packet seen at A, whether one of the kernel's
// timers chose when it was sent (delayed ACK, retransmission timeout).
func timerSet(tr *trace.Trace) []bool {
	var out []bool
	for i := range tr.Events {
		e := &tr.Events[i]
		switch {
		case e.Kind == trace.KSend && e.Side == trace.A:
			out = append(out, e.Reason == fsm.ReasonDelayedACK || e.Reason == fsm.ReasonRetransmit)
		case e.Kind == trace.KDeliver && e.Side == trace.A:
			out = append(out, false)
			for j := range tr.Events {
				s := &tr.Events[j]
				if s.Kind == trace.KSend && s.ID == e.ID {
					out[len(out)-1] = s.Reason == fsm.ReasonDelayedACK || s.Reason == fsm.ReasonRetransmit
					break
				}
			}
		}
	}
	return out
}

func TestLinuxProfileMatchesKernelCaptures(t *testing.T) {
	for name, capture := range map[string]string{
		"linux-normal":              "a_normal",
		"linux-server-closes-first": "b_server_closes_first",
		"linux-half-close":          "c_half_close",
		"linux-three-segment-close": "d_piggyback_fin",
		"linux-refused":             "g_refused",
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
			want, got := readCapture(t, real), readCapture(t, buf.Bytes())
			var ws, gs []string
			for _, p := range want {
				ws = append(ws, p.String())
			}
			for _, p := range got {
				gs = append(gs, p.String())
			}
			if strings.Join(ws, "\n") != strings.Join(gs, "\n") {
				t.Fatalf("segments differ from the kernel's\n--- kernel\n%s\n--- tcpsim\n%s", strings.Join(ws, "\n"), strings.Join(gs, "\n"))
			}
			timed := timerSet(tr)
			if len(timed) != len(got) {
				t.Fatalf("%d packets exported, %d seen at A in the trace", len(got), len(timed))
			}
			// Every gap the kernel shows of a millisecond or more was set by a
			// timer (delayed ACK, RTO) or by the application's pauses, which the
			// scenario copies; all must agree within 10%.
			checked, timers := 0, 0
			for i := 1; i < len(got); i++ {
				wg, gg := want[i].t-want[i-1].t, got[i].t-got[i-1].t
				if wg < time.Millisecond {
					continue
				}
				if math.Abs(float64(gg-wg)) > 0.1*float64(wg) {
					t.Errorf("packet %d (%s): gap %v, kernel %v (more than 10%% apart)", i+1, got[i], gg, wg)
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
