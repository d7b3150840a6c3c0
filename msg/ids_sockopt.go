package msg

// IDs added for socket options (issue 14): Nagle and TCP_NODELAY, the
// user timeout, shutdown(SHUT_RD), fault matching.
const (
	LabGuardNoDelayOut ID = "lab.guard_nodelay_out"
	SockShutRead       ID = "sock.shut_read" // the S dialog's shutdown(SHUT_RD)
)
