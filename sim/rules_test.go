package sim_test

import (
	"testing"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// ruleless says why an event of this shape has no table row by design,
// or "" if it must have one.
func ruleless(ev *trace.Event) string {
	switch {
	case ev.Kind == trace.KDrop:
		return "a link drop carries its drop reason (Event.Drop), not a rule"
	case ev.Kind == trace.KDup:
		return "a link duplicate is the link's doing; the copy's delivery carries the rule"
	case ev.Kind == trace.KSend && ev.Injected:
		return "a segment crafted by a fault was sent by no endpoint"
	case ev.Kind == trace.KUser && ev.Op == trace.OpLink:
		return "a link change is no call on the connection"
	case ev.Kind == trace.KTimer && ev.TimerEv != trace.TimerFired:
		return "arming and cancelling are actions of the row on the send or state event they follow"
	case ev.Kind == trace.KError && ev.Sig == fsm.SigTrouble:
		return "R1 is the environment's retry count (§3.8.3, SHLD-9): a soft report that fires no row"
	case ev.Kind == trace.KTimer && ev.Timer == fsm.TimerDelayedACK:
		return "the delayed-ACK timer fires no row; the ACK it sends names the row that owed it"
	}
	return ""
}

// Every event of every bundled scenario, under both profiles, names the
// table row behind it, unless its kind has none by design (ruleless).
func TestEveryEventHasItsRule(t *testing.T) {
	all := scenarios.Bundled()
	if len(all) == 0 {
		t.Fatal("no bundled scenarios")
	}
	for _, prof := range []*sim.Profile{sim.RFC9293, sim.Linux} {
		ruled := 0
		for _, sc := range all {
			cfg := *sc.Config
			cfg.Profile = prof
			tr := sim.Run(&cfg)
			for i := range tr.Events {
				ev := &tr.Events[i]
				why := ruleless(ev)
				switch {
				case why == "" && ev.Rule() == nil:
					t.Errorf("%s/%s event %d (%s %s at %s) has no rule", prof.Name, sc.Name, i, ev.Side, ev.Kind, trace.FormatDuration(ev.T))
				case why != "" && ev.Rule() != nil:
					t.Errorf("%s/%s event %d (%s %s): rule %s, but %s", prof.Name, sc.Name, i, ev.Side, ev.Kind, ev.Rule().Name(), why)
				case why == "":
					ruled++
				}
			}
		}
		if ruled == 0 {
			t.Errorf("%s: no event carries a rule", prof.Name)
		}
	}
}
