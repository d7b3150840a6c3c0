package msg

// IDs added for the socket model (issue 14): the persist timer, zero-window
// probes and window updates. Rows' sentences are rule.<name> entries.
const (
	TimerPersist     ID = "timer.persist"
	SendProbe        ID = "send.zero_window_probe"
	SendWindowUpdate ID = "send.window_update"
	TimerKeepalive   ID = "timer.keepalive"
	SendKeepalive    ID = "send.keepalive"
	ReplayProbe      ID = "replay.probe" // Side
)
