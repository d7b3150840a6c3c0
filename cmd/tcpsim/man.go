package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tcpsim/tcpsim/msg"
)

// newManCmd prints tcpsim(1) as roff (man(7) macros), written from the
// commands themselves so that it always matches their flags:
// `tcpsim man | man -l -`, or install it as tcpsim.1 (scripts/manpages.sh).
func newManCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "man",
		Short: msg.English().T(msg.CLIShortMan, nil),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return ioError(writeMan(cmd.OutOrStdout(), cmd.Root()))
		},
	}
}

// writeMan writes the manual page. It is English: man pages are installed
// once for every reader, and man(1) picks a translation by directory.
func writeMan(w io.Writer, root *cobra.Command) error {
	p := msg.English()
	var b strings.Builder
	// No date: the page must be the same bytes for the same build.
	fmt.Fprintf(&b, ".TH TCPSIM 1 \"%s\" \"tcpsim %s\" \"User Commands\"\n", roffQuoted(date), roffQuoted(versionString()))
	b.WriteString(".nh\n.ad l\n") // no hyphens added to words, ragged right: flags stay copyable
	b.WriteString(".SH NAME\ntcpsim \\- " + roffText(root.Short) + "\n")
	b.WriteString(".SH SYNOPSIS\n")
	fmt.Fprintf(&b, ".B tcpsim\n.RI [ NAME | FILE ]\n.br\n.B tcpsim\n.I COMMAND\n.RI [ flags ]\n")
	b.WriteString(".SH DESCRIPTION\n")
	manProse(&b, p.T(msg.CLIRootLong, msg.Args{"Default": defaultScenario()}))
	b.WriteString(".SH OPTIONS\n")
	manFlags(&b, root.LocalFlags(), p)
	b.WriteString(".SH COMMANDS\n")
	for _, c := range manCommands(root) {
		fmt.Fprintf(&b, ".SS \"%s\"\n", roffQuoted(c.UseLine()))
		long, _ := strings.CutSuffix(c.Long, exitCodesHelp)
		manProse(&b, commandShort(c, p))
		if long != "" {
			manProse(&b, long)
		}
		if c.Example != "" {
			manExample(&b, c.Example)
		}
		if fs := c.LocalNonPersistentFlags(); fs.HasAvailableFlags() {
			manFlags(&b, fs, p)
		}
	}
	b.WriteString(".SH \"EXIT STATUS\"\n")
	manProse(&b, p.T(msg.CLIExitCodes, nil))
	b.WriteString(".SH EXAMPLES\n")
	manExample(&b, root.Example)
	b.WriteString(".SH \"SEE ALSO\"\n")
	b.WriteString(".BR tcpdump (8),\n.BR wireshark (1),\n.BR tcp (7)\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// manCommands lists the verbs in the order of --help, each followed by
// its own subcommands (completion bash, …).
func manCommands(c *cobra.Command) []*cobra.Command {
	var out []*cobra.Command
	for _, sc := range c.Commands() {
		if !sc.IsAvailableCommand() || sc.Name() == "help" {
			continue
		}
		sc.InitDefaultHelpFlag() // cobra adds it on use; the page must not depend on which verb ran
		out = append(out, sc)
		out = append(out, manCommands(sc)...)
	}
	return out
}

// manProse writes paragraphs as filled text: one .PP per paragraph, its
// lines joined so that man fills them to the reader's width.
func manProse(b *strings.Builder, s string) {
	for _, para := range paragraphs(s) {
		b.WriteString(".PP\n")
		for i, l := range para {
			if i > 0 {
				b.WriteString(".br\n")
			}
			b.WriteString(roffText(strings.TrimSpace(l)) + "\n")
		}
	}
}

// manExample writes command lines as they are (no filling).
func manExample(b *strings.Builder, ex string) {
	b.WriteString(".PP\n.RS 4\n.nf\n")
	for _, l := range strings.Split(strings.Trim(ex, "\n"), "\n") {
		b.WriteString(roffText(strings.TrimSpace(l)) + "\n")
	}
	b.WriteString(".fi\n.RE\n")
}

// manFlags writes one tagged paragraph per flag: its spellings in bold,
// its argument in italics.
func manFlags(b *strings.Builder, fs *pflag.FlagSet, p *msg.Printer) {
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		kind, usage := pflag.UnquoteUsage(f)
		tag := `\fB\-\-` + roffFlag(f.Name) + `\fR`
		if f.Shorthand != "" {
			tag = `\fB\-` + roffFlag(f.Shorthand) + `\fR, ` + tag
		}
		if kind != "" {
			tag += ` \fI` + roffText(kind) + `\fR`
		}
		usage = flagUsage(f, usage, p)
		switch f.DefValue {
		case "", "false", "0", "0s", "[]":
		default:
			usage += p.T(msg.CLIHelpDefault, msg.Args{"V": f.DefValue})
		}
		b.WriteString(".TP\n" + tag + "\n" + roffText(usage) + "\n")
	})
}

// roffText escapes a line of text: backslashes, and a leading dot or
// quote that would make the line a request.
func roffText(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}

// roffFlag escapes a flag's name; its hyphens are minus signs, so that a
// copied flag still works.
func roffFlag(s string) string { return strings.ReplaceAll(roffText(s), "-", `\-`) }

// roffQuoted escapes text inside a quoted macro argument.
func roffQuoted(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\e`), `"`, `\(dq`)
}
