package serve

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tcpsim/tcpsim/lesson"
	"github.com/tcpsim/tcpsim/scenarios"
)

// A student may say what they want after the host, as a command:
//
//	ssh -t -p 2222 host learn              the list of lessons
//	ssh -t -p 2222 host learn time-wait    a lesson
//	ssh -t -p 2222 host lost-fin           a scenario
//	ssh -t -p 2222 host zh ...             the lab in Chinese (en: English)
//
// (--lang zh works too, after a "--": OpenSSH reads options that follow
// the host as its own.)
// Every name is looked up in what the server offers (the bundled library
// and the teacher's directories); no word of a command is ever opened as
// a path.

// request is what a session's command asks for.
type request struct {
	lang     string // "" : from the environment, else the teacher's
	lesson   *lesson.Lesson
	list     bool // the list of lessons
	scenario *scenarios.Scenario
	help     bool
}

const usage = `usage: ssh -t -p PORT HOST [zh|en] [learn [LESSON] | SCENARIO]
  learn           the list of lessons
  learn LESSON    a lesson (its name, as the list shows it)
  SCENARIO        a scenario of the library or the teacher's directory
  zh, en          the lab in Chinese, in English (or: -- --lang zh)
(-t: ssh gives a command no terminal without it)`

// parseRequest reads a session's command.
func (s *Server) parseRequest(args []string) (request, error) {
	var r request
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--lang" || a == "zh" || a == "en" || strings.HasPrefix(a, "--lang=") || strings.HasPrefix(a, "lang="):
			v := a
			if a == "--lang" {
				if i+1 == len(args) {
					return r, fmt.Errorf("--lang needs en or zh")
				}
				i++
				v = args[i]
			} else if _, after, ok := strings.Cut(a, "="); ok {
				v = after
			}
			if v != "en" && v != "zh" {
				return r, fmt.Errorf("--lang %q: en or zh", v)
			}
			r.lang = v
		case a == "help" || a == "--help" || a == "-h":
			r.help = true
		case a == "learn" && !r.list && r.lesson == nil && r.scenario == nil:
			r.list = true
		case r.list && r.lesson == nil:
			if r.lesson = s.findLesson(a); r.lesson == nil {
				return r, fmt.Errorf("no lesson %q here; ssh with the command learn lists them", a)
			}
			r.list = false
		case r.scenario == nil && r.lesson == nil && !r.list:
			if r.scenario = s.findScenario(a); r.scenario == nil {
				if r.lesson = s.findLesson(a); r.lesson == nil {
					return r, fmt.Errorf("no scenario or lesson %q here", a)
				}
			}
		default:
			return r, fmt.Errorf("unexpected %q", a)
		}
	}
	if s.cfg.Follow && (r.list || r.lesson != nil || r.scenario != nil) {
		return r, fmt.Errorf("the class follows the teacher's lab: ssh without a scenario or lesson")
	}
	return r, nil
}

// findScenario is the served scenario called name: a bundled one, or one
// of the teacher's directory by its name or its file.
func (s *Server) findScenario(name string) *scenarios.Scenario {
	for _, e := range slices.Backward(s.scenarioList()) {
		if e.Scenario == nil {
			continue
		}
		f := strings.TrimSuffix(strings.TrimSuffix(e.File, ".yaml"), ".yml")
		if e.Scenario.Name == name || e.File != "" && (e.File == name || f == name) {
			return e.Scenario
		}
	}
	return nil
}
