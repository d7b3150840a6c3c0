package msg

// The man page's section names and its header's manual title (tcpsim man).
const (
	CLIManName        ID = "cli.man.name"
	CLIManSynopsis    ID = "cli.man.synopsis"
	CLIManDescription ID = "cli.man.description"
	CLIManOptions     ID = "cli.man.options"
	CLIManCommands    ID = "cli.man.commands"
	CLIManExitStatus  ID = "cli.man.exit_status"
	CLIManExamples    ID = "cli.man.examples"
	CLIManSeeAlso     ID = "cli.man.see_also"
	CLIManManual      ID = "cli.man.manual"
)
