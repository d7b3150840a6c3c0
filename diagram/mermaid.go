package diagram

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// Mermaid cannot draw what the ladder shows: its messages are horizontal
// (no slope, so no crossing or overtaking) and it has no lost message. So
// the .mmd is simplified, and says so in a comment: messages in the order
// they were sent, a lost one as -x with a note, a duplicated or reordered
// one dotted with a note; states and fired timers as notes.

type mmdLine struct {
	t   time.Duration
	idx int
	s   []string
}

func writeMermaid(w io.Writer, r *Run, o Options) error {
	var lines []mmdLine
	who := [2]string{"A", "B"}
	notePos := [2]string{"left of A", "right of B"}
	for i := range r.Arrows {
		a := &r.Arrows[i]
		text := segLabel(r, a, o.Raw)
		if len(a.Notes) > 0 {
			text += ", " + strings.Join(a.Notes, ", ")
		}
		arrow := "->>"
		switch {
		case a.Fate == Lost:
			arrow = "-x"
		case a.Dup || a.Reorder:
			arrow = "-->>"
		}
		s := []string{fmt.Sprintf("%s%s%s: %s", who[a.From], arrow, who[1-a.From], mmdEsc(text))}
		if a.Fate == Lost {
			s = append(s, "Note over A,B: lost on the link")
		}
		lines = append(lines, mmdLine{a.Send, a.Index, s})
	}
	for _, st := range r.States {
		lines = append(lines, mmdLine{st.T, st.Index, []string{fmt.Sprintf("Note %s: %s", notePos[st.Side], mmdEsc(st.State))}})
	}
	for _, c := range r.Calls {
		lines = append(lines, mmdLine{c.T, c.Index, []string{fmt.Sprintf("Note %s: %s", notePos[c.Side], mmdEsc(c.Text))}})
	}
	for _, sp := range r.Timers {
		if sp.Fired {
			lines = append(lines, mmdLine{sp.End, sp.Index, []string{fmt.Sprintf("Note %s: %s", notePos[sp.Side], mmdEsc(sp.Name+" timer expires"))}})
		}
	}
	sort.SliceStable(lines, func(i, j int) bool {
		if lines[i].t != lines[j].t {
			return lines[i].t < lines[j].t
		}
		return lines[i].idx < lines[j].idx
	})
	var b strings.Builder
	b.WriteString("%% Written by tcpsim. Simplified: Mermaid draws messages level and in\n")
	b.WriteString("%% sending order, so crossing and overtaking segments are not visible;\n")
	b.WriteString("%% lost segments end in x. See docs/diagrams.md.\n")
	b.WriteString("sequenceDiagram\n")
	if r.Title != "" {
		fmt.Fprintf(&b, "    title %s\n", mmdEsc(r.Title))
	}
	for s := range 2 {
		fmt.Fprintf(&b, "    participant %s as %s\n", who[s], mmdEsc(r.Names[s]))
	}
	fmt.Fprintf(&b, "    Note left of A: %s\n    Note right of B: %s\n", mmdEsc(r.Initial[0]), mmdEsc(r.Initial[1]))
	for _, l := range lines {
		for _, s := range l.s {
			b.WriteString("    ")
			b.WriteString(s)
			b.WriteByte('\n')
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// mmdEsc keeps text from being read as Mermaid syntax: '#' starts an
// entity, ';' ends a statement, ':' separates a message from its text.
func mmdEsc(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '#', ';', ':', '<', '>', '&', '%', '{', '}':
			fmt.Fprintf(&b, "#%d;", r)
		case '\n', '\r':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
