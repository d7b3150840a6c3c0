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
		Long: `Print the manual page as roff, written from the commands themselves.
It is English unless --lang is given: a man page is installed once for
every reader, so the locale does not change it. 'tcpsim man --lang zh'
writes the Chinese page, to install as man/zh_CN/man1/tcpsim.1.`,
		Example: `  tcpsim man | man -l -
  tcpsim man --lang zh | man -l -`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			p, err := manPrinter(cmd)
			if err != nil {
				return err // a --lang tcpsim does not speak: exit 2
			}
			return ioError(writeMan(cmd.OutOrStdout(), cmd.Root(), p))
		},
	}
}

// manPrinter is English unless --lang is given: man pages are installed
// once for every reader and man(1) picks a translation by directory
// (man/zh_CN/man1), so the reader's locale must not change what
// `tcpsim man > tcpsim.1` writes.
func manPrinter(cmd *cobra.Command) (*msg.Printer, error) {
	if f := cmd.Flag("lang"); f == nil || !f.Changed {
		return msg.English(), nil
	}
	_, p, err := language(cmd)
	return p, err
}

// writeMan writes the manual page in p's language, from the same
// catalogue texts as --help.
func writeMan(w io.Writer, root *cobra.Command, p *msg.Printer) error {
	var b strings.Builder
	// No date: the page must be the same bytes for the same build.
	fmt.Fprintf(&b, ".TH TCPSIM 1 \"%s\" \"tcpsim %s\" \"%s\"\n", roffQuoted(date), roffQuoted(versionString()), roffQuoted(p.T(msg.CLIManManual, nil)))
	b.WriteString(".nh\n.ad l\n") // no hyphens added to words, ragged right: flags stay copyable
	manSection(&b, p, msg.CLIManName)
	b.WriteString("tcpsim \\- " + roffText(p.T(msg.CLIRootShort, nil)) + "\n")
	manSection(&b, p, msg.CLIManSynopsis)
	fmt.Fprintf(&b, ".B tcpsim\n.RI [ NAME | FILE ]\n.br\n.B tcpsim\n.I COMMAND\n.RI [ flags ]\n")
	manSection(&b, p, msg.CLIManDescription)
	manProse(&b, p.T(msg.CLIRootLong, msg.Args{"Default": defaultScenario()}))
	manSection(&b, p, msg.CLIManOptions)
	manFlags(&b, root, root.LocalFlags(), p)
	manSection(&b, p, msg.CLIManCommands)
	for _, c := range manCommands(root) {
		fmt.Fprintf(&b, ".SS \"%s\"\n", roffQuoted(c.UseLine()))
		manProse(&b, commandShort(c, p))
		if long := manLong(c, p); long != "" {
			manProse(&b, long)
		}
		if c.Example != "" {
			manExample(&b, c, p)
		}
		if fs := c.LocalNonPersistentFlags(); fs.HasAvailableFlags() {
			manFlags(&b, c, fs, p)
		}
	}
	manSection(&b, p, msg.CLIManExitStatus)
	manProse(&b, p.T(msg.CLIExitCodes, nil))
	manSection(&b, p, msg.CLIManExamples)
	manExample(&b, root, p)
	manSection(&b, p, msg.CLIManSeeAlso)
	b.WriteString(".BR tcpdump (8),\n.BR wireshark (1),\n.BR tcp (7)\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// manSection starts a section; a title with a space is quoted, as .SH
// takes one argument.
func manSection(b *strings.Builder, p *msg.Printer, id msg.ID) {
	t := p.T(id, nil)
	if strings.ContainsAny(t, " \t") {
		t = `"` + roffQuoted(t) + `"`
	}
	b.WriteString(".SH " + t + "\n")
}

// manLong is a verb's description without the exit codes (the page has
// its own section for them): the catalogue's text in p's language, else
// the verb's English.
func manLong(c *cobra.Command, p *msg.Printer) string {
	if t, ok := longText(c, p); ok {
		return t
	}
	long, _ := strings.CutSuffix(c.Long, exitCodesHelp)
	return long
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

// manExample writes c's example command lines as they are (no filling),
// their comment lines in p's language.
func manExample(b *strings.Builder, c *cobra.Command, p *msg.Printer) {
	b.WriteString(".PP\n.RS 4\n.nf\n")
	n := 0
	for _, l := range strings.Split(strings.Trim(c.Example, "\n"), "\n") {
		l = strings.TrimSpace(l)
		if t, ok := strings.CutPrefix(l, "#"); ok {
			l = "# " + exampleComment(c, n, strings.TrimSpace(t), p)
			n++
		}
		b.WriteString(roffText(l) + "\n")
	}
	b.WriteString(".fi\n.RE\n")
}

// manFlags writes one tagged paragraph per flag: its spellings in bold,
// its argument in italics.
func manFlags(b *strings.Builder, c *cobra.Command, fs *pflag.FlagSet, p *msg.Printer) {
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
		usage = verbFlagUsage(c, f, usage, p)
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
	return cjkBreaks(s)
}

// cjkBreaks puts a zero-width break point (\:) after each CJK character
// followed by more text: Chinese has no spaces, and groff before 1.23
// breaks lines only at spaces, so a paragraph would be one line as wide
// as the page is long. English text is left as it is.
func cjkBreaks(s string) string {
	if !strings.ContainsFunc(s, isWide) {
		return s
	}
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		b.WriteRune(r)
		if isWide(r) && i+1 < len(rs) && rs[i+1] != ' ' && !strings.ContainsRune(noBreakAfter, r) && !strings.ContainsRune(noBreakBefore, rs[i+1]) {
			b.WriteString(`\:`)
		}
	}
	return b.String()
}

// Chinese line-breaking rules: no line starts with closing punctuation,
// none ends with an opening bracket or quote.
const (
	noBreakBefore = "，。、；：？！）」』》”’"
	noBreakAfter  = "（「『《“‘"
)

// isWide is a CJK ideograph or fullwidth punctuation (U+2E80 onwards,
// below the private use area, and the fullwidth forms).
func isWide(r rune) bool { return r >= 0x2E80 && r < 0xE000 || r >= 0xFF00 && r < 0xFFF0 }

// roffFlag escapes a flag's name; its hyphens are minus signs, so that a
// copied flag still works.
func roffFlag(s string) string { return strings.ReplaceAll(roffText(s), "-", `\-`) }

// roffQuoted escapes text inside a quoted macro argument.
func roffQuoted(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\e`), `"`, `\(dq`)
}
