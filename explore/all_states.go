package explore

import "github.com/tcpsim/tcpsim/diagram"

// StatesRun is the coverage of every scenario explored, as one state
// diagram (tcpsim explore --all --states): each arc any run of any
// scenario took.
func (lib *Library) StatesRun(title string) (*diagram.Run, *Report) {
	u := &Report{}
	for _, e := range lib.Entries {
		u.Runs += e.Rep.Runs
		u.Arcs.merge(&e.Rep.Arcs)
	}
	return u.StatesRun(title), u
}
