package msg

// The lab's socket dialog (ui/dialog_socket.go, key S): the application's
// calls of issue 14 and "vanish". Parameters are named in the comment.
const (
	SockKey        ID = "sock.key"
	SockTitle      ID = "sock.title" // T
	SockSide       ID = "sock.side"
	SockReadAll    ID = "sock.read_all"
	SockReadN      ID = "sock.read_n"
	SockStop       ID = "sock.stop"
	SockShutdown   ID = "sock.shutdown"
	SockCloseFull  ID = "sock.close_full"
	SockCloseHalf  ID = "sock.close_half"
	SockVanish     ID = "sock.vanish" // Side
	SockKeys       ID = "sock.keys"
	SockBadN       ID = "sock.bad_n"
	SockStopBranch ID = "sock.stop_branch"   // Side, T
	SockStopDone   ID = "sock.stop_done"     // Side, T, Hint
	SockVanBranch  ID = "sock.vanish_branch" // Side, T
	SockVanDone    ID = "sock.vanish_done"   // Side, T, Hint
)
