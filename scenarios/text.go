package scenarios

import (
	"slices"
	"strings"

	"github.com/goccy/go-yaml/ast"

	"github.com/tcpsim/tcpsim/internal/lang"
)

// Languages are the language keys a title or description may carry, in
// the order errors list them. English is the one every text must have:
// it is what a reader of any other language falls back to.
var Languages = lang.Supported

// text is a title or description in each language the file gives.
type text map[string]string

// TitleIn is the title in lang ("en", "zh"), or the English one when the
// file has none in lang.
func (s *Scenario) TitleIn(lang string) string {
	if t := s.titles[lang]; t != "" {
		return t
	}
	return s.Title
}

// DescriptionIn is the description in lang, or the English one when the
// file has none in lang.
func (s *Scenario) DescriptionIn(lang string) string {
	if t := s.descriptions[lang]; t != "" {
		return t
	}
	return s.Description
}

// HasText reports whether the file gives both a title and a description
// in lang (the bundled library must, for every language).
func (s *Scenario) HasText(lang string) bool {
	return s.titles[lang] != "" && s.descriptions[lang] != ""
}

// texts reads title and description, each either plain text (English) or
// a mapping by language ({en: ..., zh: ...}), into sc.
func (d *doc) texts(sc *Scenario) *Error {
	var e *Error
	if sc.titles, e = d.text("title"); e != nil {
		return e
	}
	if sc.descriptions, e = d.text("description"); e != nil {
		return e
	}
	sc.Title, sc.Description = sc.titles["en"], sc.descriptions["en"]
	return nil
}

// text reads the top-level key; absent gives an empty text.
func (d *doc) text(key string) (text, *Error) {
	if keyAt(d.root, key) == nil {
		return text{}, nil
	}
	n := unwrap(nodeAt(d.root, key))
	if s, ok := scalarText(n); ok {
		return text{"en": s}, nil
	}
	if _, null := n.(*ast.NullNode); null {
		return text{}, nil
	}
	ps, ok := pairs(n)
	if !ok {
		return nil, d.wrongKind(n, key, "text, or a mapping by language such as {en: ..., zh: ...}")
	}
	t := text{}
	for _, p := range ps {
		lang := keyName(p.Key)
		path := key + "." + lang
		if !slices.Contains(Languages, lang) {
			return nil, d.errTokf(p.Key.GetToken(), path,
				"unknown language%s; expected %s", langHint(lang), oneOf(Languages))
		}
		s, ok := scalarText(unwrap(p.Value))
		if !ok {
			return nil, d.wrongKind(p.Value, path, "text")
		}
		if s == "" {
			return nil, d.errTok(tokenOf(p.Value), path, "the text is empty; leave the language out instead")
		}
		t[lang] = s
	}
	if t["en"] == "" {
		return nil, d.errTokf(tokenOf(n), key, "%s needs an English text (en:); the other languages fall back to it", key)
	}
	return t, nil
}

// scalarText is the text of a scalar node, trimmed; a number written as a
// title counts as its text, as it always did.
func scalarText(n ast.Node) (string, bool) {
	switch v := n.(type) {
	case *ast.StringNode:
		return strings.TrimSpace(v.Value), true
	case *ast.LiteralNode:
		return strings.TrimSpace(v.Value.Value), true
	case *ast.IntegerNode, *ast.FloatNode:
		return v.GetToken().Value, true
	}
	return "", false
}

// langHint suggests the key for a regional tag ("zh-CN", "zh_TW", "en-GB"):
// the file holds one text per language, not per region.
func langHint(lang string) hint {
	base, _, _ := strings.Cut(strings.ReplaceAll(strings.ToLower(lang), "_", "-"), "-")
	if base == "cn" || base == "chinese" {
		base = "zh"
	}
	if slices.Contains(Languages, base) {
		return hint(base)
	}
	return didYouMean(lang, Languages)
}
