// Package glossary checks Chinese text against the project's term list,
// docs/glossary-zh.md: no English term left untranslated, and no term
// translated two ways. It serves every set of Chinese texts alike: the
// scenarios' descriptions today, the message catalogue tomorrow.
package glossary

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
)

// Term is one row of the table.
type Term struct {
	English []string // lower case, abbreviations removed: "retransmission timeout"
	Chinese []string // the words to use: "超时重传时间"
	Not     []string // other translations of the same term: "重传超时"
}

// Glossary is the parsed table.
type Glossary struct {
	Terms []Term
}

// Load reads the table from a file (docs/glossary-zh.md).
func Load(path string) (*Glossary, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(string(b))
}

var abbrev = regexp.MustCompile(`\s*\([^)]*\)`)

// Parse reads the first Markdown table whose header starts with
// "| English | 中文 | not |".
func Parse(md string) (*Glossary, error) {
	g := &Glossary{}
	in := false
	for i, line := range strings.Split(md, "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "|") {
			if in {
				break
			}
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		for j := range cells {
			cells[j] = strings.TrimSpace(cells[j])
		}
		if !in {
			if len(cells) >= 3 && cells[0] == "English" && cells[1] == "中文" && cells[2] == "not" {
				in = true
			}
			continue
		}
		if strings.Trim(cells[0], "-: ") == "" {
			continue // the |---| line
		}
		if len(cells) < 3 {
			return nil, fmt.Errorf("glossary line %d: expected English | 中文 | not | note", i+1)
		}
		t := Term{English: list(strings.ToLower(cells[0])), Chinese: list(cells[1]), Not: list(cells[2])}
		if len(t.English) == 0 || len(t.Chinese) == 0 {
			return nil, fmt.Errorf("glossary line %d: a term needs English and Chinese", i+1)
		}
		g.Terms = append(g.Terms, t)
	}
	if len(g.Terms) == 0 {
		return nil, fmt.Errorf("glossary: no table with the header | English | 中文 | not |")
	}
	return g, g.consistent()
}

// list splits a cell at commas and drops "(RTO)"-style abbreviations,
// which stay as they are in Chinese text.
func list(cell string) []string {
	var out []string
	for _, s := range strings.Split(abbrev.ReplaceAllString(cell, ""), ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// consistent rejects a table that would contradict itself: a word both to
// use and to avoid.
func (g *Glossary) consistent() error {
	var use []string
	for _, t := range g.Terms {
		use = append(use, t.Chinese...)
	}
	for _, t := range g.Terms {
		for _, n := range t.Not {
			if slices.Contains(use, n) {
				return fmt.Errorf("glossary: %s is both a term and a word to avoid", n)
			}
		}
	}
	return nil
}
