package msg

// The polish branch's IDs: the merged lab made coherent (ui).
const (
	PolishKeyGroupLesson ID = "polish.key.group_lesson"
	PolishKeyLessons     ID = "polish.key.lessons"
	PolishKeyNext        ID = "polish.key.next"
	PolishKeyHint        ID = "polish.key.hint"
	PolishLegendMoment   ID = "polish.legend.moment"
	PolishInspectRel     ID = "polish.inspect.rel"     // Name (seq, ack), N, Rel
	PolishInspectFlags   ID = "polish.inspect.flags"   // Flags
	PolishInspectLen     ID = "polish.inspect.len"     // N
	PolishInspectWin     ID = "polish.inspect.win"     // N: the raw field
	PolishInspectMSS     ID = "polish.inspect.mss"     // N
	PolishLimitTime      ID = "polish.limit.time"      // T
	PolishLimitMemory    ID = "polish.limit.memory"    // T, Done, MiB
	PolishLimitInFlight  ID = "polish.limit.in_flight" // T, Done, Value
	PolishLimitSegments  ID = "polish.limit.segments"  // T, Value
	PolishLimitEvents    ID = "polish.limit.events"    // T, Value
	PolishLimitRaise     ID = "polish.limit.raise"     // Key: {events: …}
	PolishPickerError    ID = "polish.picker.error"    // Error: the loader's, file:line:column first
)
