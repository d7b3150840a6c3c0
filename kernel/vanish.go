//go:build linux

package kernel

import (
	"bytes"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"time"

	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// The vanish fault (a host or path that goes silent from a moment on) on
// the kernel: each fault gets its own two nftables chains in B's
// namespace, empty at first; at the fault's time a rule dropping every
// TCP segment is added, at `until` the chains are flushed. As with the
// scripted drops, A's segments are dropped as they enter B and B's as
// they leave B, where the model's link loses them.

// vanishTable declares the chains, one input and one output chain per
// fault, before the run starts (so the change at the moment is one rule).
func vanishTable(cfg *sim.Config) string {
	var b strings.Builder
	for i, f := range cfg.Faults {
		if f.Kind != sim.FaultVanish {
			continue
		}
		if b.Len() == 0 {
			b.WriteString("table inet tcpsimv {\n")
		}
		fmt.Fprintf(&b, "\tchain in%d {\n\t\ttype filter hook prerouting priority raw; policy accept;\n\t}\n", i)
		fmt.Fprintf(&b, "\tchain out%d {\n\t\ttype filter hook output priority raw; policy accept;\n\t}\n", i)
	}
	if b.Len() == 0 {
		return ""
	}
	b.WriteString("}\n")
	return b.String()
}

// vanishRules is what starts fault i: drop rules in the chains of the
// directions it silences (A's sends: in; B's sends: out).
func vanishRules(i int, f sim.Fault) string {
	var b strings.Builder
	if f.Both || f.From == trace.A {
		fmt.Fprintf(&b, "add rule inet tcpsimv in%d meta l4proto tcp drop\n", i)
	}
	if f.Both || f.From == trace.B {
		fmt.Fprintf(&b, "add rule inet tcpsimv out%d meta l4proto tcp drop\n", i)
	}
	return b.String()
}

// vanishes schedules each vanish fault's start and end on the session's
// clock (the timeline's, so it moves with a late first connect()).
func vanishes(s *session, cfg *sim.Config) []due {
	var out []due
	for i, f := range cfg.Faults {
		if f.Kind != sim.FaultVanish {
			continue
		}
		who := f.From.Upper()
		if f.Both {
			who = "A and B"
		}
		out = append(out, due{at: f.At, f: func() {
			s.link(vanishRules(i, f), fmt.Sprintf("link: every segment %s sends is dropped from now on (nft drop rule)", who))
			s.linked(i, 0)
		}})
		if f.Until > 0 {
			out = append(out, due{at: f.Until, f: func() {
				s.link(fmt.Sprintf("flush chain inet tcpsimv in%d\nflush chain inet tcpsimv out%d\n", i, i),
					fmt.Sprintf("link: %s's segments pass again (nft rules removed)", who))
				s.linked(i, 1)
			}})
		}
	}
	return out
}

// link changes B's nftables rules during the run and records it as a call.
func (s *session) link(rules, what string) {
	var out []byte
	err := inNS(s.lab.ns[trace.B], func() error {
		cmd := exec.Command("nft", "-f", "-")
		cmd.Stdin = strings.NewReader(rules)
		var err error
		out, err = cmd.CombinedOutput()
		return err
	})
	if err != nil {
		what = fmt.Sprintf("%s: failed: %v: %s", what, err, bytes.TrimSpace(out))
	}
	s.call(trace.B, what)
}

// linked records when fault i's start (0) or end (1) took effect: once nft
// has returned (the command takes from a few to a hundred milliseconds on
// a loaded machine), so the model's rerun puts the fault there.
func (s *session) linked(i, end int) {
	s.mu.Lock()
	s.linkAt[[2]int{i, end}] = time.Now()
	s.mu.Unlock()
}

// retimeFaults moves each vanish fault's start and end to when the rules
// took effect, counted as retime counts the actions.
func retimeFaults(c *sim.Config, at map[[2]int]time.Time, first time.Time, offset time.Duration) {
	c.Faults = slices.Clone(c.Faults)
	for k, t := range at {
		f := &c.Faults[k[0]]
		d := max(0, t.Sub(first)+offset)
		if k[1] == 0 {
			f.At = d
		} else {
			f.Until = d
		}
	}
}
