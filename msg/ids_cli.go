package msg

// The command line's own words (cmd/tcpsim): help, the man page, version,
// and what the CLI says about how a command ended.
const (
	CLIHelpUsage       ID = "cli.help.usage"
	CLIHelpExamples    ID = "cli.help.examples"
	CLIHelpCommands    ID = "cli.help.commands"
	CLIHelpFlags       ID = "cli.help.flags"
	CLIHelpGlobalFlags ID = "cli.help.global_flags"
	CLIHelpDefault     ID = "cli.help.default" // V: the flag's default
	CLIHelpMore        ID = "cli.help.more"    // Cmd: the command path
	CLIRootShort       ID = "cli.root.short"
	CLIRootLong        ID = "cli.root.long" // Default: the default scenario
	CLIExitCodes       ID = "cli.exit_codes"
	CLIFlagHelp        ID = "cli.flag.help"
	CLIFlagVersion     ID = "cli.flag.version"
	CLIFlagLang        ID = "cli.flag.lang"

	CLIShortCheck      ID = "cli.short.check"
	CLIShortCompletion ID = "cli.short.completion"
	CLIShortDiagram    ID = "cli.short.diagram"
	CLIShortExplore    ID = "cli.short.explore"
	CLIShortExport     ID = "cli.short.export"
	CLIShortHelp       ID = "cli.short.help"
	CLIShortList       ID = "cli.short.list"
	CLIShortMan        ID = "cli.short.man"
	CLIShortReal       ID = "cli.short.real"
	CLIShortRecord     ID = "cli.short.record"
	CLIShortReplay     ID = "cli.short.replay"
	CLIShortRun        ID = "cli.short.run"
	CLIShortServe      ID = "cli.short.serve"
	CLIShortShow       ID = "cli.short.show"
	CLIShortSweep      ID = "cli.short.sweep"
	CLIShortValidate   ID = "cli.short.validate"

	// Descriptions of the verbs translated so far (the others are English).
	CLILongCheck    ID = "cli.long.check"
	CLILongReplay   ID = "cli.long.replay"
	CLILongRun      ID = "cli.long.run"
	CLILongValidate ID = "cli.long.validate"

	CLILabSignal ID = "cli.lab.signal" // Signal: its name, Code: the exit status

	// Replay's notes when the capture contradicts an easy inference.
	ReplayACKUnheard       ID = "replay.ack_unheard"       // Side, Frame: the resend
	ReplayACKLost          ID = "replay.ack_lost"          // Side, Frame: the ACK that arrived
	ReplayResendImpossible ID = "replay.resend_impossible" // Side, State

	// The replay's text output.
	ReplayHeader    ID = "replay.header" // File, Format, Frames, Stream, Streams
	ReplayNotesHead ID = "replay.notes_head"
	ReplayNotesNone ID = "replay.notes_none"
	ReplayWhole     ID = "replay.whole_capture"
	ReplayFrameAt   ID = "replay.frame_at" // Frame, T
)
