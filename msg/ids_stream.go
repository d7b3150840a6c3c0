package msg

// The lab's words when the run budget stopped the replay of a capture
// (ui/capturestop.go, replay/budget.go).
const (
	LabCaptureStopMemory ID = "lab.capture_stop.memory"
	LabCaptureStopEvents ID = "lab.capture_stop.events"
)
