package msg

// tcpsim serve's words to a student before the lab starts (issue 17):
// the command after the host, and why a session cannot start. Entries
// are at the end of each locale file, under "# --- serve2 ---".
const (
	ServeUsage        ID = "serve.usage"         //
	ServeNeedTerminal ID = "serve.need_terminal" //
	ServeNoLesson     ID = "serve.no_lesson"     // Name
	ServeNoSuch       ID = "serve.no_such"       // Name
	ServeUnexpected   ID = "serve.unexpected"    // Word
	ServeLangValue    ID = "serve.lang_value"    // Value
	ServeFollowing    ID = "serve.following"     //
)
