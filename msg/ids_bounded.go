package msg

// The lab's words about runs computed in the background and the undo
// stack's memory (ui/compute.go, ui/forks.go).
const (
	LabComputing     ID = "lab.computing"
	LabLayingOut     ID = "lab.laying_out"
	LabBusy          ID = "lab.busy"
	LabCancelling    ID = "lab.cancelling"
	LabCancelledLoad ID = "lab.cancelled_load"
	LabCancelledFork ID = "lab.cancelled_fork"
	LabUndoRecompute ID = "lab.undo_recompute"
	LabReady         ID = "lab.ready"
)
