package pcap

import (
	"github.com/tcpsim/tcpsim/sim"
	"os"
	"testing"
)

func TestShowLadders(t *testing.T) {
	if os.Getenv("SHOW") == "" {
		t.Skip()
	}
	for _, c := range configs {
		if os.Getenv("SHOW") != c.name && os.Getenv("SHOW") != "all" {
			continue
		}
		t.Log(c.name)
		sim.WriteLadder(os.Stdout, sim.Run(c.cfg()))
	}
}
