package conformance

import (
	"fmt"
	"strings"
)

// Counts returns how many requirement IDs have each status.
func Counts() [4]int {
	var n [4]int
	for _, r := range Matrix {
		n[r.Status]++
	}
	return n
}

// Markdown renders the generated part of docs/conformance.md.
func Markdown() string {
	var b strings.Builder
	n := Counts()
	b.WriteString("## Requirements (Appendix B)\n\n")
	fmt.Fprintf(&b, "%d requirement IDs: %d implemented, %d partly, %d not applicable, %d not.\n\n",
		len(Matrix), n[Implemented], n[Partly], n[NotApplicable], n[Not])
	group := ""
	for _, r := range Matrix {
		if r.Group != group {
			group = r.Group
			fmt.Fprintf(&b, "\n### %s\n\n| ID | level | requirement | status | how, or why not | shown by |\n|---|---|---|---|---|---|\n", group)
		}
		tests := make([]string, len(r.Tests))
		for i, t := range r.Tests {
			tests[i] = "`" + t + "`"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", r.ID, r.Level, r.Text, r.Status, r.Why, strings.Join(tests, "<br>"))
	}
	b.WriteString("\n## SEGMENT ARRIVES (§3.10.7), step by step\n\nThe rows of the state machine (`fsm.Table`) that implement each step, by row number and name.\n\n| § | step | rows |\n|---|---|---|\n")
	for i := range Steps {
		s := &Steps[i]
		var cells []string
		for _, r := range s.Rows() {
			cells = append(cells, fmt.Sprintf("%d `%s`", r.ID, r.Name()))
		}
		if s.Note != "" {
			cells = append(cells, s.Note)
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", s.Section, s.Title, strings.Join(cells, "<br>"))
	}
	return b.String()
}
