package msg

// The peer's SYN again under the linux profile (branch linuxrows,
// fsm/linuxsyn.go).
const (
	LabEvSYNAgain ID = "lab.ev_syn_again" // fsm.EvSYNAgain in the inspector and the diagram
)
