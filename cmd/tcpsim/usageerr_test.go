package main

import (
	"errors"
	"regexp"
	"testing"

	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/scenarios"
)

// Every complaint of the command line reads in Chinese under --lang zh,
// and stays cobra's own words in English.
func TestUsageErrorsInChinese(t *testing.T) {
	zh, err := msg.New("zh")
	if err != nil {
		t.Fatal(err)
	}
	english := regexp.MustCompile(`[A-Za-z]+ [a-z]+ [a-z]+`)
	for _, text := range []string{
		"unknown flag: --bogus",
		"unknown shorthand flag: 'Z' in -Z",
		"flag needs an argument: --loss",
		"flag needs an argument: 'o' in -o",
		`invalid argument "x" for "--loss" flag: strconv.ParseFloat: parsing "x": invalid syntax`,
		`unknown command "frob" for "tcpsim"`,
		"accepts at most 1 arg(s), received 2",
		"requires at least 1 arg(s), only received 0",
		"accepts 1 arg(s), received 2",
	} {
		err := errors.New(text)
		if got := errorText(err, msg.English()); got != text {
			t.Errorf("English changed %q into %q", text, got)
		}
		got := errorText(err, zh)
		if got == text || english.MatchString(got) {
			t.Errorf("%q in Chinese: %q", text, got)
		}
	}
	nf := &scenarios.NotFoundError{Name: "lsit", Suggest: "list"}
	if got := errorText(nf, zh); english.MatchString(got) || !regexp.MustCompile(`"lsit".*"list"`).MatchString(got) {
		t.Errorf("not found in Chinese: %q", got)
	}
}
