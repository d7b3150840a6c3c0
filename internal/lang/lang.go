// Package lang chooses the language tcpsim speaks: English ("en") or
// Chinese ("zh").
package lang

import (
	"fmt"
	"strings"
)

// The languages tcpsim speaks.
const (
	English = "en"
	Chinese = "zh"
)

// Supported lists them, English first (the fallback).
var Supported = []string{English, Chinese}

// Detect picks the language: the --lang flag when given, otherwise
// TCPSIM_LANG, otherwise the locale in the POSIX order of precedence
// (LC_ALL, then LC_MESSAGES, then LANG; the first one set wins). A Chinese
// locale (zh_CN.UTF-8, zh_TW, zh-Hans, zh) gives "zh"; anything else,
// including C and POSIX, gives "en". Only a flag naming a language tcpsim
// does not speak is an error: an environment is never wrong, only foreign.
func Detect(flag string, getenv func(string) string) (string, error) {
	if flag != "" {
		if l, ok := Parse(flag); ok {
			return l, nil
		}
		return "", fmt.Errorf("unknown language %q for --lang; expected en or zh", flag)
	}
	for _, name := range []string{"TCPSIM_LANG", "LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			if l, ok := Parse(v); ok {
				return l, nil
			}
			return English, nil
		}
	}
	return English, nil
}

// Parse reads a language tag or locale name (en, zh, zh_CN.UTF-8, zh-Hant,
// en_GB@euro) case-insensitively, by its language part alone: tcpsim has
// one Chinese, written in simplified characters.
func Parse(s string) (string, bool) {
	base := strings.ToLower(s)
	if i := strings.IndexAny(base, "_-.@"); i >= 0 {
		base = base[:i]
	}
	switch base {
	case English, Chinese:
		return base, true
	}
	return "", false
}
