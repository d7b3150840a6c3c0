package main

import (
	"bytes"
	"fmt"
	"os"
	"slices"

	"github.com/spf13/cobra"

	"github.com/tcpsim/tcpsim/lesson"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/ui"
)

// runLessonTUI opens the lab on a lesson; tests replace it.
var runLessonTUI = func(l *lesson.Lesson, lang string, opts ui.Options) error {
	if !haveTerminal() {
		return noTerminal("tcpsim show " + l.Name)
	}
	stop := watchSignals() // lab.go: a signal ends the lab with 128+N
	err := ui.RunLesson(l, lang, opts)
	return signalled(stop(), err)
}

func init() { extraCommands = append(extraCommands, newLearnCmd) }

func newLearnCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "learn [LESSON|FILE]",
		Short: "List the lessons, or open the lab on one",
		Long: `With no argument, list the bundled lessons: each plays a scenario, stops at
its moments to explain them and asks what happens next, answered from the
run itself. With a lesson's name or a lesson file, open the lab on it.
The format is docs/lessons.md; 'tcpsim show LESSON' prints one to copy.`,
		Example: `  tcpsim learn
  tcpsim learn why-three-segments --lang zh
  tcpsim show time-wait > mine.yaml && tcpsim check mine.yaml`,
		Args:              cobra.MaximumNArgs(1),
		ValidArgsFunction: completeLessons,
		RunE: func(cmd *cobra.Command, args []string) error {
			l, p, err := language(cmd)
			if err != nil {
				return err
			}
			if len(args) == 0 {
				listLessons(cmd, l, p)
				return nil
			}
			les, err := lesson.Lookup(args[0])
			if err != nil {
				return err
			}
			if err := runLessonTUI(les, l, tuiOptions); err != nil {
				return labError(err)
			}
			return nil
		},
	}
}

func listLessons(cmd *cobra.Command, l string, p *msg.Printer) {
	w := cmd.OutOrStdout()
	color := useColor(w)
	all := lesson.Bundled()
	width := 0
	for _, les := range all {
		width = max(width, len(les.Name))
	}
	for _, les := range all {
		info := p.T(msg.LessonListLine, msg.Args{"Minutes": les.Minutes, "Beats": len(les.Beats), "Questions": les.Questions()})
		fmt.Fprintf(w, "%s  %s\n%*s  %s\n", paint(color, bold, fmt.Sprintf("%-*s", width, les.Name)), les.Title.In(l), width, "", paint(color, dim, info))
	}
}

func completeLessons(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	var out []string
	for _, les := range lesson.Bundled() {
		out = append(out, les.Name+"\t"+les.Title["en"])
	}
	return out, cobra.ShellCompDirectiveDefault
}

// isLesson tells a lesson from a scenario: a bundled lesson's name that
// is no scenario's, or a file with a lesson's top-level keys (beats:,
// goal: or minutes:).
func isLesson(arg string) bool {
	if !lesson.IsPath(arg) {
		return !slices.Contains(scenarios.Names(), arg) && slices.Contains(lesson.Names(), arg)
	}
	src, err := os.ReadFile(arg)
	if err != nil {
		return false
	}
	for _, line := range bytes.Split(src, []byte("\n")) {
		for _, key := range []string{"beats:", "goal:", "minutes:"} {
			if bytes.HasPrefix(line, []byte(key)) {
				return true
			}
		}
	}
	return false
}

// lessonName loads a lesson for validate: its name, or the error.
func lessonName(arg string) (string, error) {
	les, err := lesson.Lookup(arg)
	if err != nil {
		return "", err
	}
	return les.Name, nil
}

// checkLessons runs each lesson for tcpsim check and prints its line: ok,
// or FAIL with the first beat or question its run does not bear out.
func (c *checker) checkLessons(cmd *cobra.Command, args []string, all bool) bool {
	var list []*lesson.Lesson
	invalid := false
	if all {
		list = lesson.Bundled()
	}
	for _, a := range args {
		les, err := lesson.Lookup(a)
		if err != nil {
			printError(cmd.ErrOrStderr(), err, useColor(cmd.ErrOrStderr()), errPrinter(cmd))
			invalid = true
			continue
		}
		list = append(list, les)
	}
	for _, les := range list {
		if err := les.Check(); err != nil {
			c.failed++
			fmt.Fprintf(c.w, "%s  %s\n      %s\n", paint(c.color, red, "FAIL"), les.Name, checkError(err, errPrinter(cmd)))
			continue
		}
		c.passed++
		fmt.Fprintf(c.w, "%s  %s\n", paint(c.color, green, "ok  "), les.Name)
	}
	return invalid
}

// splitLessons separates lesson arguments from scenario ones.
func splitLessons(args []string) (scens, lessons []string) {
	for _, a := range args {
		if isLesson(a) {
			lessons = append(lessons, a)
		} else {
			scens = append(scens, a)
		}
	}
	return scens, lessons
}

// validateOne loads a scenario or a lesson for tcpsim validate.
func validateOne(cmd *cobra.Command, arg string) (string, error) {
	if isLesson(arg) {
		return lessonName(arg)
	}
	sc, err := lookup(cmd, arg)
	if err != nil {
		return "", err
	}
	return sc.Name, nil
}

// showLesson prints a lesson's YAML, ready to copy.
func showLesson(cmd *cobra.Command, arg string) error {
	les, err := lesson.Lookup(arg)
	if err != nil {
		return err
	}
	_, err = cmd.OutOrStdout().Write(les.Source)
	return err
}
