package msg

// The command line's own complaints, said again in the chosen language
// (cmd/tcpsim/usageerr.go).
const (
	CLIErrUnknownFlag       ID = "cli.err.unknown_flag"
	CLIErrUnknownShort      ID = "cli.err.unknown_short"
	CLIErrFlagNeedsValue    ID = "cli.err.flag_needs_value"
	CLIErrFlagValue         ID = "cli.err.flag_value"
	CLIErrUnknownCommand    ID = "cli.err.unknown_command"
	CLIErrAtMostArgs        ID = "cli.err.at_most_args"
	CLIErrAtLeastArgs       ID = "cli.err.at_least_args"
	CLIErrExactArgs         ID = "cli.err.exact_args"
	CLIErrNoScenario        ID = "cli.err.no_scenario"
	CLIErrDidYouMean        ID = "cli.err.did_you_mean"
	CLIErrDidYouMeanCommand ID = "cli.err.did_you_mean_command"
)
