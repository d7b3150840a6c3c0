package msg

// What an injected segment is, in every view (trace.InjectedKind): an old
// duplicate (a SYN), a forged RST, or any other segment the scenario put on
// the link; and the ports of a segment that is not on the endpoints' ports.
const (
	LadderForged          ID = "ladder.forged"            // the sender's state column
	LadderInjected        ID = "ladder.injected"          // the sender's state column
	LadderPorts           ID = "ladder.ports"             // From, To
	TagForged             ID = "tag.forged"               // an arrow's tag in the lab
	TagInjectedOther      ID = "tag.injected_other"       // an arrow's tag in the lab
	LogSendsForged        ID = "log.sends_forged"         // Seg
	LogSendsInjectedOther ID = "log.sends_injected_other" // Seg
	WhyForged             ID = "why.forged"               // the lab's line on the chosen segment
	WhyInjectedOther      ID = "why.injected_other"       // the lab's line on the chosen segment
)
