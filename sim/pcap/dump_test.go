package pcap

import (
	"github.com/tcpsim/tcpsim/sim"
	"os"
	"testing"
)

func TestDump(t *testing.T) {
	d := os.Getenv("DUMP")
	if d == "" {
		t.Skip()
	}
	for _, c := range configs {
		for _, tap := range []Tap{TapA, TapB, TapLink} {
			WriteFile(d+"/"+c.name+"-"+tap.String()+".pcapng", sim.Run(c.cfg()), Options{Tap: tap})
			WriteFile(d+"/"+c.name+"-"+tap.String()+".pcap", sim.Run(c.cfg()), Options{Tap: tap})
		}
	}
}
