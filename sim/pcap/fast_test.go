package pcap

import (
	"bytes"
	"io"
	"testing"

	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
)

// Every frame the template path builds must be the frame gopacket builds.
func TestFastFramesEqualGopacket(t *testing.T) {
	fast := 0
	for _, sc := range scenarios.Bundled() {
		tr := sim.Run(sc.Config)
		for _, tap := range []Tap{TapA, TapB, TapLink} {
			wr, err := NewWriter(io.Discard, tr.Ends, Options{Tap: tap})
			if err != nil {
				t.Fatal(err)
			}
			var st optState
			for i := range tr.Events {
				ev := &tr.Events[i]
				st.observe(ev)
				from, ok := seen(ev, tap)
				if !ok {
					continue
				}
				p := Packet{T: ev.T, From: from, Seg: ev.Seg, ID: ev.ID}
				st.fill(&p)
				f, ok, err := wr.fastFrame(&p)
				if err != nil || !ok {
					continue
				}
				fast++
				got := append([]byte(nil), f...)
				want, err := wr.slowFrame(&p)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, want) {
					t.Fatalf("%s tap %s event %d: template frame\n% x\ngopacket frame\n% x", sc.Name, tap, i, got, want)
				}
			}
		}
	}
	if fast < 500 {
		t.Fatalf("only %d frames took the template path", fast)
	}
}
