package main

import (
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tcpsim/tcpsim/msg"
)

// The help's texts that are made from the verbs' own names: a flag's
// usage, a verb's description, the comments of its examples. They are
// looked up in the catalogue by the verb's path and the flag's name, so a
// verb's file keeps its English (the fallback) and needs no edit to be
// translated; helptext_test.go keeps the catalogue and the verbs equal.

// cmdKey names a command in catalogue IDs: "run", "completion.bash", and
// "root" for tcpsim itself.
func cmdKey(c *cobra.Command) string {
	if c == c.Root() {
		return "root"
	}
	path := strings.TrimPrefix(c.CommandPath(), c.Root().Name()+" ")
	return strings.ReplaceAll(path, " ", ".")
}

// flagIDs are the catalogue entries that may hold a flag's usage, most
// specific first: the verb's own, then one shared by the verbs whose
// English usage is the same.
func flagIDs(c *cobra.Command, f *pflag.Flag) []msg.ID {
	return []msg.ID{
		msg.ID(msg.FlagPrefix + cmdKey(c) + "." + f.Name),
		msg.ID(msg.FlagPrefix + "any." + f.Name),
	}
}

// verbFlagUsage is a flag of c described in p's language, or usage, the
// verb's English, when the catalogue has no entry for it.
func verbFlagUsage(c *cobra.Command, f *pflag.Flag, usage string, p *msg.Printer) string {
	if s := flagUsage(f, usage, p); s != usage || c == nil {
		return s
	}
	for _, id := range flagIDs(c, f) {
		if s := p.Or(id, ""); s != "" {
			return s
		}
	}
	return usage
}

// exampleComment is the nth comment line of c's examples in p's language.
func exampleComment(c *cobra.Command, n int, english string, p *msg.Printer) string {
	return p.Or(msg.ID(msg.ExamplePrefix+cmdKey(c)+"."+strconv.Itoa(n)), english)
}

// longText is c's description (without the exit codes) in p's language,
// when the catalogue has it.
func longText(c *cobra.Command, p *msg.Printer) (string, bool) {
	s := p.Or(msg.ID(msg.LongPrefix+cmdKey(c)), "")
	return s, s != ""
}
