package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tcpsim/tcpsim/internal/textwrap"
	"github.com/tcpsim/tcpsim/msg"
)

// proseMax caps the width of paragraphs: past 100 columns lines get hard
// to follow, even in a wide terminal.
const proseMax = 100

// helpFunc prints a command's help to fit the output's width (see
// outWidth): paragraphs reflowed, two-column lists that wrap their right
// column, or put it under the left one when the terminal is too narrow.
func helpFunc(c *cobra.Command, _ []string) {
	_, p, err := language(c)
	if err != nil {
		p = msg.English()
	}
	out := c.OutOrStdout()
	h := &helpWriter{p: p, width: outWidth(out), color: useColor(out)}
	h.render(c)
	_, _ = io.WriteString(out, h.b.String())
}

type helpWriter struct {
	b     strings.Builder
	p     *msg.Printer
	width int
	color bool
}

func (h *helpWriter) render(c *cobra.Command) {
	h.prose(commandLong(c, h.p))
	h.title(msg.CLIHelpUsage)
	h.command(c.UseLine())
	if c.HasAvailableSubCommands() {
		h.command(c.CommandPath() + " COMMAND [flags]")
	}
	if c.Example != "" {
		h.title(msg.CLIHelpExamples)
		n := 0
		for _, l := range strings.Split(strings.Trim(c.Example, "\n"), "\n") {
			l = strings.TrimSpace(l)
			if t, ok := strings.CutPrefix(l, "#"); ok {
				l = "# " + exampleComment(c, n, strings.TrimSpace(t), h.p)
				n++
			}
			h.command(l)
		}
	}
	var cmds [][2]string
	for _, sc := range c.Commands() {
		if sc.IsAvailableCommand() || sc.Name() == "help" {
			cmds = append(cmds, [2]string{sc.Name(), commandShort(sc, h.p)})
		}
	}
	if len(cmds) > 0 {
		h.title(msg.CLIHelpCommands)
		h.table(cmds)
	}
	if fl := flagRows(c, c.LocalFlags(), h.p); len(fl) > 0 {
		h.title(msg.CLIHelpFlags)
		h.table(fl)
	}
	if fl := flagRows(c, c.InheritedFlags(), h.p); len(fl) > 0 {
		h.title(msg.CLIHelpGlobalFlags)
		h.table(fl)
	}
	if c.HasAvailableSubCommands() {
		h.b.WriteByte('\n')
		h.lines(textwrap.Indent(h.p.T(msg.CLIHelpMore, msg.Args{"Cmd": c.CommandPath()}), h.proseWidth(), 0, 0))
	}
}

func (h *helpWriter) proseWidth() int { return min(h.width, proseMax) }

func (h *helpWriter) lines(ls []string) {
	for _, l := range ls {
		h.b.WriteString(strings.TrimRight(l, " "))
		h.b.WriteByte('\n')
	}
}

func (h *helpWriter) title(id msg.ID) {
	h.b.WriteByte('\n')
	h.b.WriteString(paint(h.color, bold, h.p.T(id, nil)))
	h.b.WriteByte('\n')
}

// prose writes paragraphs (separated by blank lines), reflowed: the
// source's own line breaks inside a paragraph are not kept, except
// before lines that start a list item or are indented.
func (h *helpWriter) prose(s string) {
	for i, para := range paragraphs(s) {
		if i > 0 {
			h.b.WriteByte('\n')
		}
		for _, l := range para {
			h.lines(textwrap.Indent(l, h.proseWidth(), 0, hangOf(l)))
		}
	}
}

// writeProse writes text reflowed to width, as help does.
func writeProse(w io.Writer, s string, width int) {
	h := &helpWriter{width: width}
	h.prose(s)
	_, _ = io.WriteString(w, h.b.String())
}

// hangOf is the indent of a wrapped list item's continuation lines.
func hangOf(l string) int {
	t := strings.TrimLeft(l, " ")
	n := len(l) - len(t)
	if strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ") {
		n += 2
	}
	return n
}

// paragraphs splits text at blank lines and joins each paragraph's lines
// into logical lines.
func paragraphs(s string) [][]string {
	var out [][]string
	for _, block := range strings.Split(strings.TrimSpace(s), "\n\n") {
		var para []string
		for _, l := range strings.Split(block, "\n") {
			t := strings.TrimLeft(l, " ")
			if len(para) == 0 || t != l || strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ") {
				para = append(para, l)
				continue
			}
			para[len(para)-1] = joinText(para[len(para)-1], t)
		}
		out = append(out, para)
	}
	return out
}

// joinText joins two lines of a paragraph: with a space, except between
// two Chinese characters or after Chinese punctuation, which are written
// without one.
func joinText(a, b string) string {
	a = strings.TrimRight(a, " ")
	if a == "" || b == "" {
		return a + b
	}
	last := lastRune(a)
	if textwrap.Width(last) == 2 && (textwrap.Width(string([]rune(b)[0])) == 2 || strings.Contains("，。；：！？、）”", last)) {
		return a + b
	}
	return a + " " + b
}

func lastRune(s string) string {
	r := []rune(s)
	return string(r[len(r)-1])
}

// command writes a command line, indented; one too long for the width is
// broken at spaces with shell continuations, so it can still be copied.
func (h *helpWriter) command(l string) {
	if l == "" {
		return
	}
	const indent = "  "
	if strings.HasPrefix(l, "#") {
		for _, w := range textwrap.Wrap(strings.TrimSpace(strings.TrimPrefix(l, "#")), h.width-len(indent)-2) {
			h.lines([]string{indent + paint(h.color, dim, "# "+w)})
		}
		return
	}
	ws := textwrap.Wrap(l, h.width-len(indent)-4)
	for i, w := range ws {
		pre, post := indent, ""
		if i > 0 {
			pre += "  "
		}
		if i < len(ws)-1 {
			post = " \\"
		}
		h.lines([]string{pre + w + post})
	}
}

// table writes two columns: names and what they do. The right column
// wraps; when it would be narrower than minDesc, it goes under the name.
func (h *helpWriter) table(rows [][2]string) {
	const indent, gap, minDesc = 2, 2, 28
	keyW := 0
	for _, r := range rows {
		keyW = max(keyW, textwrap.Width(r[0]))
	}
	descW := min(h.width, proseMax+keyW) - indent - keyW - gap
	stack := descW < minDesc
	for _, r := range rows {
		stack = stack || textwrap.MinWidth(r[1]) > descW
	}
	for _, r := range rows {
		key := strings.Repeat(" ", indent) + r[0]
		if stack {
			h.lines([]string{key})
			h.lines(textwrap.Indent(r[1], h.proseWidth(), indent+4, indent+4))
			continue
		}
		for i, l := range textwrap.Wrap(r[1], descW) {
			left := ""
			if i == 0 {
				left = key
			}
			h.lines([]string{textwrap.Pad(left, indent+keyW+gap) + l})
		}
	}
}

// flagRows lists flags as "-s --name type" and their usage, with the
// default when it says something.
func flagRows(c *cobra.Command, fs *pflag.FlagSet, p *msg.Printer) [][2]string {
	var rows [][2]string
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		kind, usage := pflag.UnquoteUsage(f)
		key := "    --" + f.Name // aligned with the long names of "-s, --name"
		if f.Shorthand != "" {
			key = "-" + f.Shorthand + ", --" + f.Name
		}
		if kind != "" {
			key += " " + kind
		}
		usage = verbFlagUsage(c, f, usage, p)
		switch f.DefValue {
		case "", "false", "0", "0s", "[]":
		default:
			usage += p.T(msg.CLIHelpDefault, msg.Args{"V": f.DefValue})
		}
		rows = append(rows, [2]string{key, usage})
	})
	return rows
}

// commandShort is a command's one-line summary in p's language.
func commandShort(c *cobra.Command, p *msg.Printer) string {
	if id, ok := shortIDs[c.Name()]; ok && c.Parent() == c.Root() {
		return p.T(id, nil)
	}
	return p.Or(msg.ID(msg.ShortPrefix+cmdKey(c)), c.Short)
}

// commandLong is a command's description in p's language: from the
// catalogue (longText) where it has one; otherwise the translated summary
// followed by the verb's English details.
func commandLong(c *cobra.Command, p *msg.Printer) string {
	if c == c.Root() {
		return p.T(msg.CLIRootLong, msg.Args{"Default": defaultScenario()}) + exitCodes(p)
	}
	long, codes := strings.CutSuffix(c.Long, exitCodesHelp)
	if t, ok := longText(c, p); ok {
		long = t
		if codes {
			long += exitCodes(p)
		}
		return long
	}
	if codes {
		long += exitCodes(p)
	}
	if short := commandShort(c, p); short != c.Short || long == "" {
		return strings.TrimSpace(short + "\n\n" + long)
	}
	return long
}

// flagUsage is a flag's description in p's language, where translated.
func flagUsage(f *pflag.Flag, usage string, p *msg.Printer) string {
	switch f.Name {
	case "help":
		return p.T(msg.CLIFlagHelp, nil)
	case "version":
		return p.T(msg.CLIFlagVersion, nil)
	case "lang":
		return p.T(msg.CLIFlagLang, nil)
	}
	return usage
}

func exitCodes(p *msg.Printer) string { return "\n\n" + p.T(msg.CLIExitCodes, nil) }

var _ = fmt.Sprint
