// Package lesson loads tcpsim lessons: a scenario, then beats tied to
// moments of its run, each with narration and perhaps a question whose
// answer is read from the trace, never written by the author. The format
// is docs/lessons.md (schema docs/lesson.schema.json).
package lesson

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/lessons"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// Text is a text by language; "en" is always set and is the fallback.
type Text map[string]string

// In is the text in lang, or the English one.
func (t Text) In(lang string) string {
	if s := t[lang]; s != "" {
		return s
	}
	return t["en"]
}

// Lesson is a loaded lesson.
type Lesson struct {
	Name     string
	File     string // path it came from ("bundled/NAME.yaml" for the library)
	Source   []byte
	Title    Text
	Summary  Text // may be empty
	Minutes  int
	Scenario *scenarios.Scenario
	Beats    []Beat
	Goal     *Goal // a challenge; nil for a lesson of questions
}

// Beat is one stop of the run: where, what to say, what to ask.
type Beat struct {
	Path string // "beats[2]"
	Line int
	When When
	Say  Text
	Ask  *Question // nil: narration only
}

// WhenKind is what a beat's moment is tied to.
type WhenKind uint8

const (
	WhenStart   WhenKind = iota // before the first event
	WhenState                   // Side enters State (the Nth time)
	WhenSends                   // the Nth segment Seg picks is sent
	WhenArrives                 // the Nth segment Seg picks arrives
	WhenTimer                   // the Nth TimerEv of Side's Timer
	WhenTime                    // the last event at or before Time
	WhenEnd                     // the last event
)

// TimerEvent is what happens to a timer at a moment.
type TimerEvent uint8

const (
	TimerStarts   TimerEvent = iota // armed (any time)
	TimerRestarts                   // armed again after the first time
	TimerFires
	TimerStops // cancelled
)

var timerEventNames = []string{"starts", "restarts", "fires", "stops"}

// When is a moment of the run.
type When struct {
	Kind    WhenKind
	Side    trace.Side
	State   fsm.State
	Seg     *scenarios.SegMatch
	Timer   fsm.Timer
	TimerEv TimerEvent
	Nth     int // 1 is the first
	Time    time.Duration
	Before  bool // stop just before the event instead of just after
}

// AskKind is the kind of a question.
type AskKind uint8

const (
	AskSends  AskKind = iota // what does Side send next?
	AskState                 // which state is Side in now?
	AskNext                  // which state does Side enter next?
	AskTimer                 // which timer fires next, and when?
	AskChoose                // multiple choice; the right choice is the one whose fact holds
)

// Numbers says whether a sends question also asks seq and ack.
type Numbers uint8

const (
	NumbersNone     Numbers = iota // flags only
	NumbersRelative                // seq and ack relative to the sender's ISS and IRS, as Wireshark shows
	NumbersRaw                     // seq and ack as on the wire
)

// Question is asked at a beat.
type Question struct {
	Kind    AskKind
	Side    trace.Side
	AnySide bool        // timer: either endpoint's timers
	Numbers Numbers     // sends
	Options []fsm.State // state, next: the states offered; nil: every state
	Choices []Choice    // choose
	Prompt  Text        // empty: the lab's own wording for the kind
	Hint    Text
	Explain Text // said with the answer, after the rule text from the trace
}

// Choice is one answer offered by a multiple-choice question.
type Choice struct {
	Text Text
	Fact []scenarios.Expectation // nil: a distractor, never right
}

// Goal is a challenge: make the run meet Expect with at most Max
// interferences (drops, calls, link changes).
type Goal struct {
	Path     string
	Line     int
	Say      Text
	Expect   []scenarios.Expectation
	Max      int         // -1: no limit
	Solution *sim.Config // the scenario plus the author's interferences
	Used     int         // how many interferences Solution adds
}

// Questions counts the beats that ask something.
func (l *Lesson) Questions() int {
	n := 0
	for i := range l.Beats {
		if l.Beats[i].Ask != nil {
			n++
		}
	}
	return n
}

// Run simulates the lesson's scenario.
func (l *Lesson) Run() *trace.Trace { return sim.Run(l.Scenario.Config) }

// Names lists the bundled lessons in the course's order (lessons.Course),
// then any others by name.
func Names() []string {
	entries, _ := fs.ReadDir(lessons.Files, ".")
	var names []string
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".yaml"); ok {
			names = append(names, n)
		}
	}
	pos := func(n string) int {
		if i := slices.Index(lessons.Course, n); i >= 0 {
			return i
		}
		return len(lessons.Course)
	}
	slices.SortStableFunc(names, func(x, y string) int { return pos(x) - pos(y) })
	return names
}

// Bundled loads every bundled lesson, in the course's order.
func Bundled() []*Lesson {
	var out []*Lesson
	for _, n := range Names() {
		l, err := loadBundled(n)
		if err != nil {
			panic(err) // the tests load every bundled lesson
		}
		out = append(out, l)
	}
	return out
}

func loadBundled(name string) (*Lesson, error) {
	src, err := lessons.Files.ReadFile(name + ".yaml")
	if err != nil {
		return nil, err
	}
	return Load("bundled/"+name+".yaml", src)
}

// NotFoundError says a name is neither a bundled lesson nor a file.
type NotFoundError struct{ Name string }

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("no lesson %q: not a bundled lesson (see tcpsim learn) and no such file", e.Name)
}

// IsPath reports whether an argument names a file rather than a bundled lesson.
func IsPath(s string) bool {
	return strings.ContainsAny(s, `/\`) || strings.HasSuffix(s, ".yaml") || strings.HasSuffix(s, ".yml")
}

// Lookup finds a bundled lesson by name or loads a file by path.
func Lookup(nameOrPath string) (*Lesson, error) {
	if !IsPath(nameOrPath) && slices.Contains(Names(), nameOrPath) {
		return loadBundled(nameOrPath)
	}
	src, err := os.ReadFile(nameOrPath)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &NotFoundError{Name: nameOrPath}
	}
	if err != nil {
		return nil, err
	}
	return Load(nameOrPath, src)
}

// GoalMet reports whether a run meets a goal's expectations (the
// interferences are the lab's to count).
func GoalMet(g *Goal, tr *trace.Trace) bool { return scenarios.Holds(g.Expect, tr) }
