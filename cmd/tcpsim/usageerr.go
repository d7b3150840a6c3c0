package main

import (
	"errors"
	"regexp"
	"strings"

	"github.com/tcpsim/tcpsim/internal/lang"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/scenarios"
)

// The command line's own complaints (cobra's and a name that is neither
// a scenario nor a file) are English sentences; in another language they
// are said again from the catalogue. English keeps cobra's words as they
// are, so its output does not change.

// usageForms are cobra's messages, matched whole, with the catalogue
// entry that says each again.
var usageForms = []struct {
	re *regexp.Regexp
	id msg.ID
	as []string // the submatches' argument names
}{
	{regexp.MustCompile(`^unknown flag: (\S+)$`), msg.CLIErrUnknownFlag, []string{"Flag"}},
	{regexp.MustCompile(`^unknown shorthand flag: '(.)' in (\S+)$`), msg.CLIErrUnknownShort, []string{"Flag", "Arg"}},
	{regexp.MustCompile(`^flag needs an argument: (?:'(.)' in )?(\S+)$`), msg.CLIErrFlagNeedsValue, []string{"Short", "Flag"}},
	{regexp.MustCompile(`^invalid argument "(.*)" for "(.*)" flag: .*$`), msg.CLIErrFlagValue, []string{"Value", "Flag"}},
	{regexp.MustCompile(`^unknown command "(.*)" for "(.*)"`), msg.CLIErrUnknownCommand, []string{"Name", "Parent"}},
	{regexp.MustCompile(`^accepts at most (\d+) arg\(s\), received (\d+)$`), msg.CLIErrAtMostArgs, []string{"N", "Got"}},
	{regexp.MustCompile(`^requires at least (\d+) arg\(s\), only received (\d+)$`), msg.CLIErrAtLeastArgs, []string{"N", "Got"}},
	{regexp.MustCompile(`^accepts (\d+) arg\(s\), received (\d+)$`), msg.CLIErrExactArgs, []string{"N", "Got"}},
}

// errorText is err as p's reader should read it.
func errorText(err error, p *msg.Printer) string {
	if p == nil || p.Lang() == lang.English {
		return err.Error()
	}
	var said interface{ Say(*msg.Printer) string }
	if errors.As(err, &said) {
		return said.Say(p)
	}
	var nf *scenarios.NotFoundError
	if errors.As(err, &nf) {
		s := p.T(msg.CLIErrNoScenario, msg.Args{"Name": nf.Name})
		if nf.Suggest != "" {
			s += p.T(msg.CLIErrDidYouMean, msg.Args{"Name": nf.Suggest})
		}
		if _, cmd, ok := strings.Cut(err.Error(), "; did you mean the command "); ok {
			s += p.T(msg.CLIErrDidYouMeanCommand, msg.Args{"Name": strings.Trim(cmd, `"?`)})
		}
		return s
	}
	text := err.Error()
	for _, f := range usageForms {
		m := f.re.FindStringSubmatch(text)
		if m == nil {
			continue
		}
		args := msg.Args{}
		for i, name := range f.as {
			args[name] = m[i+1]
		}
		return p.T(f.id, args)
	}
	return text
}
