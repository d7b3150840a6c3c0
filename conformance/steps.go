package conformance

import "github.com/tcpsim/tcpsim/fsm"

// Step is one part of RFC 9293 §3.10.7 SEGMENT ARRIVES.
type Step struct {
	Section string // "3.10.7.4"
	Title   string
	Note    string // why no row implements it, where none does
	rows    func(r *fsm.Row) bool
}

func in74(e ...fsm.Event) func(r *fsm.Row) bool {
	return func(r *fsm.Row) bool {
		if r.RFC != "3.10.7.4" && r.RFC != "3.8.2" {
			return false
		}
		for _, x := range e {
			if r.On == x {
				return true
			}
		}
		return false
	}
}

// synAgainIn picks the linux profile's row for the peer's SYN again in
// state st (fsm/linuxsyn.go): in SYN-RECEIVED it replaces the first
// step's ACK; in ESTABLISHED it is the ACK of text below RCV.NXT.
func synAgainIn(st fsm.State) func(r *fsm.Row) bool {
	return func(r *fsm.Row) bool { return r.On == fsm.EvSYNAgain && r.From.Has(st) }
}

func either(a, b func(r *fsm.Row) bool) func(r *fsm.Row) bool {
	return func(r *fsm.Row) bool { return a(r) || b(r) }
}

func section(s string) func(r *fsm.Row) bool { return func(r *fsm.Row) bool { return r.RFC == s } }

// Steps lists §3.10.7 in the RFC's order. The fast-retransmit and
// duplicate-ACK rows (RFC "3.8.2") belong to the fifth step, where the ACK
// field is processed.
var Steps = []Step{
	{Section: "3.10.7.1", Title: "CLOSED", rows: section("3.10.7.1")},
	{Section: "3.10.7.2", Title: "LISTEN", rows: section("3.10.7.2")},
	{Section: "3.10.7.3", Title: "SYN-SENT", rows: section("3.10.7.3")},
	{Section: "3.10.7.4", Title: "first: check the sequence number", rows: either(in74(fsm.EvUnacceptable), synAgainIn(fsm.SynReceived))},
	{Section: "3.10.7.4", Title: "second: check the RST bit", rows: in74(fsm.EvRST)},
	{Section: "3.10.7.4", Title: "third: security check",
		Note: "not modelled: segments carry no security compartment (RFC 9293 §3.10.7.4 allows ignoring it)"},
	{Section: "3.10.7.4", Title: "fourth: check the SYN bit", rows: in74(fsm.EvSYN)},
	{Section: "3.10.7.4", Title: "fifth: check the ACK field", rows: in74(fsm.EvACK, fsm.EvNoACK)},
	{Section: "3.10.7.4", Title: "sixth: check the URG bit", Note: noURG},
	{Section: "3.10.7.4", Title: "seventh: process the segment text", rows: either(in74(fsm.EvText), synAgainIn(fsm.Established))},
	{Section: "3.10.7.4", Title: "eighth: check the FIN bit", rows: in74(fsm.EvFIN)},
}

// Rows returns the table rows implementing the step, in table order.
func (s *Step) Rows() []*fsm.Row {
	if s.rows == nil {
		return nil
	}
	var out []*fsm.Row
	for i := 1; i < len(fsm.Table); i++ {
		if r := &fsm.Table[i]; s.rows(r) {
			out = append(out, r)
		}
	}
	return out
}
