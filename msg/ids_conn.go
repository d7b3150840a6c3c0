package msg

// Connections of one endpoint over time (branch conn): a new SYN that
// reopens TIME-WAIT (RFC 9293 §3.6 MAY-2).
const (
	LabEvNewSYN ID = "lab.ev_new_syn" // fsm.EvNewSYN in the inspector and the diagram
	// replay: the capture shows a SYN,ACK answering a SYN in TIME-WAIT. Side
	ReplayReopensTimeWait ID = "replay.reopens_time_wait"
)
