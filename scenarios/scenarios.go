// Package scenarios loads tcpsim scenarios from YAML and carries the
// bundled library (embedded in the binary).
package scenarios

import (
	"fmt"
	"net/netip"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/sim"
)

// Default is the scenario `tcpsim` opens with no argument.
const Default = "normal-close"

// Scenario is a loaded scenario.
type Scenario struct {
	Name        string
	Title       string
	Description string
	Profile     string
	File        string // path it came from ("bundled/NAME.yaml" for the library)
	Source      []byte // the YAML text
	Config      *sim.Config
}

// Bundled lists the embedded library, sorted by name.
func Bundled() []*Scenario { return []*Scenario{stub()} }

// Lookup finds a bundled scenario by name or loads a file by path.
func Lookup(nameOrPath string) (*Scenario, error) {
	if nameOrPath == Default {
		return stub(), nil
	}
	return nil, fmt.Errorf("unknown scenario %q", nameOrPath)
}

// stub stands in until the YAML loader lands.
func stub() *Scenario {
	ms := time.Millisecond
	return &Scenario{Name: Default, Title: "Normal close", Profile: "rfc9293", File: "bundled/normal-close.yaml",
		Config: &sim.Config{Seed: 1, MSL: time.Second,
			A:    sim.EndpointConfig{Addr: netip.MustParseAddr("10.0.0.1"), Port: 49152, ISN: 100},
			B:    sim.EndpointConfig{Addr: netip.MustParseAddr("10.0.0.2"), Port: 80, ISN: 300},
			AtoB: sim.LinkConfig{Delay: 50 * ms}, BtoA: sim.LinkConfig{Delay: 50 * ms},
			Timeline: []sim.Action{
				{Side: sim.B, Op: sim.OpListen},
				{Side: sim.A, Op: sim.OpConnect},
				{When: true, WhenSide: sim.A, WhenState: fsm.Established, Side: sim.A, Op: sim.OpSend, Data: []byte("hello")},
				{At: time.Second, Side: sim.A, Op: sim.OpClose},
				{When: true, WhenSide: sim.B, WhenState: fsm.CloseWait, After: 100 * ms, Side: sim.B, Op: sim.OpClose},
			}}}
}
