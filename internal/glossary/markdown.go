package glossary

import (
	"fmt"
	"regexp"
	"strings"
)

// Markdown splits a Markdown document into its prose, one entry per
// paragraph or table row ("name:12" for the line it starts on), leaving out
// what is not prose: fenced and indented code, link targets and file paths.
// Screens and commands stay in English; the sentences around them do not.
func Markdown(name, md string) map[string]string {
	out := map[string]string{}
	fenced := false
	var para []string
	start := 0
	flush := func() {
		if len(para) > 0 {
			out[fmt.Sprintf("%s:%d", name, start)] = strings.Join(para, "\n")
		}
		para = nil
	}
	for i, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			fenced = !fenced
			flush()
			continue
		}
		if fenced || strings.HasPrefix(line, "    ") || strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		if len(para) == 0 || strings.HasPrefix(line, "|") {
			flush()
			start = i + 1
		}
		para = append(para, notPath.ReplaceAllString(line, " "))
	}
	flush()
	return out
}

// Link targets, and words that are paths or file names (docs/zh/tui.md,
// scenario.schema.json).
var notPath = regexp.MustCompile(`\]\([^)]*\)|[\w.-]*/[\w./#-]*|[\w-]+\.(md|json|yaml|yml|go|pcap|pcapng)\b`)
