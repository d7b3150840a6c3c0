package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/tcpsim/tcpsim/internal/lang"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/ui"
)

// addLangFlag gives every verb --lang; the headless verbs and the lab
// speak it.
func addLangFlag(root *cobra.Command) {
	root.PersistentFlags().String("lang", "", "language of the output: en or zh (default: $TCPSIM_LANG, then the locale: LC_ALL, LC_MESSAGES, LANG)")
	_ = root.RegisterFlagCompletionFunc("lang", cobra.FixedCompletions(lang.Supported, cobra.ShellCompDirectiveNoFileComp))
}

// language resolves --lang and the environment to "en" or "zh", and the
// catalogue's Printer for it. A --lang tcpsim does not speak is a usage
// error (exit 2).
func language(cmd *cobra.Command) (string, *msg.Printer, error) {
	flag := ""
	if f := cmd.Flag("lang"); f != nil {
		flag = f.Value.String()
	}
	l, err := lang.Detect(flag, os.Getenv)
	if err != nil {
		return "", nil, fmt.Errorf("invalid argument %q for --lang: expected en or zh", flag)
	}
	p, err := msg.New(l)
	if err != nil {
		return "", nil, err
	}
	return l, p, nil
}

// labOptions are the lab's services in the language chosen by --lang or
// the environment.
func labOptions(cmd *cobra.Command) (ui.Options, error) {
	l, _, err := language(cmd)
	if err != nil {
		return ui.Options{}, err
	}
	o := tuiOptions
	o.Lang = l
	return o, nil
}

// printerOf is the catalogue's Printer for a language already checked.
func printerOf(l string) *msg.Printer {
	if p, err := msg.New(l); err == nil {
		return p
	}
	return msg.English()
}
