package serve

import (
	"slices"
	"strings"

	"github.com/tcpsim/tcpsim/lesson"
	"github.com/tcpsim/tcpsim/msg"
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

// reqError is a mistake in a command, said in the session's language.
type reqError struct {
	id   msg.ID
	args msg.Args
}

func (e *reqError) Error() string { return msg.English().T(e.id, e.args) }

// in is the mistake and the usage, in the printer's language.
func (e *reqError) in(p *msg.Printer) string {
	return "tcpsim: " + p.T(e.id, e.args) + "\n" + p.T(msg.ServeUsage, nil)
}

// parseRequest reads a session's command.
func (s *Server) parseRequest(args []string) (request, *reqError) {
	var r request
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--lang" || a == "zh" || a == "en" || strings.HasPrefix(a, "--lang=") || strings.HasPrefix(a, "lang="):
			v := a
			if a == "--lang" {
				if i+1 == len(args) {
					return r, &reqError{msg.ServeLangValue, msg.Args{"Value": ""}}
				}
				i++
				v = args[i]
			} else if _, after, ok := strings.Cut(a, "="); ok {
				v = after
			}
			if v != "en" && v != "zh" {
				return r, &reqError{msg.ServeLangValue, msg.Args{"Value": v}}
			}
			r.lang = v
		case a == "help" || a == "--help" || a == "-h":
			r.help = true
		case a == "learn" && !r.list && r.lesson == nil && r.scenario == nil:
			r.list = true
		case r.list && r.lesson == nil:
			if r.lesson = s.findLesson(a); r.lesson == nil {
				return r, &reqError{msg.ServeNoLesson, msg.Args{"Name": a}}
			}
			r.list = false
		case r.scenario == nil && r.lesson == nil && !r.list:
			if r.scenario = s.findScenario(a); r.scenario == nil {
				if r.lesson = s.findLesson(a); r.lesson == nil {
					return r, &reqError{msg.ServeNoSuch, msg.Args{"Name": a}}
				}
			}
		default:
			return r, &reqError{msg.ServeUnexpected, msg.Args{"Word": a}}
		}
	}
	if s.cfg.Follow && (r.list || r.lesson != nil || r.scenario != nil) {
		return r, &reqError{msg.ServeFollowing, nil}
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
