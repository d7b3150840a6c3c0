package lesson

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/tcpsim/tcpsim/scenarios"
)

// The file format, as the YAML decoder sees it (docs/lessons.md). Fields
// of type any are scenario parts, read by scenarios.Part with the checks
// and errors of a scenario file.
type fileYAML struct {
	Name     string     `yaml:"name"`
	Title    any        `yaml:"title"`
	Summary  any        `yaml:"summary"`
	Minutes  *int       `yaml:"minutes"`
	Scenario any        `yaml:"scenario"`
	Beats    []beatYAML `yaml:"beats"`
	Goal     *goalYAML  `yaml:"goal"`
}

type beatYAML struct {
	When *whenYAML `yaml:"when"`
	Say  any       `yaml:"say"`
	Ask  *askYAML  `yaml:"ask"`
}

type whenYAML struct {
	A       string         `yaml:"a" want:"a state such as ESTABLISHED"`
	B       string         `yaml:"b" want:"a state such as ESTABLISHED"`
	Nth     *int           `yaml:"nth"`
	Sends   any            `yaml:"sends"`
	Arrives any            `yaml:"arrives"`
	Timer   *timerWhenYAML `yaml:"timer"`
	Time    string         `yaml:"time" want:"a duration such as 150ms, 2s or 1m"`
	Start   bool           `yaml:"start"`
	End     bool           `yaml:"end"`
	Before  bool           `yaml:"before"`
}

type timerWhenYAML struct {
	Side  string `yaml:"side" want:"an endpoint, a or b"`
	Timer string `yaml:"timer" want:"a timer: RTO, TIME-WAIT, FIN-WAIT-2 or delayed ACK"`
	Event string `yaml:"event" want:"starts, restarts, fires or stops"`
	Nth   *int   `yaml:"nth"`
}

type askYAML struct {
	Sends   string       `yaml:"sends" want:"an endpoint, a or b"`
	Numbers string       `yaml:"numbers" want:"relative or raw"`
	State   string       `yaml:"state" want:"an endpoint, a or b"`
	Next    string       `yaml:"next" want:"an endpoint, a or b"`
	Timer   string       `yaml:"timer" want:"a, b or any"`
	Choose  []choiceYAML `yaml:"choose"`
	Options []string     `yaml:"options" want:"a state such as ESTABLISHED"`
	Prompt  any          `yaml:"prompt"`
	Hint    any          `yaml:"hint"`
	Explain any          `yaml:"explain"`
}

type choiceYAML struct {
	Text any `yaml:"text"`
	Fact any `yaml:"fact"`
}

type goalYAML struct {
	Say           any  `yaml:"say"`
	Expect        any  `yaml:"expect"`
	Interferences *int `yaml:"interferences"`
	Solution      any  `yaml:"solution"`
}

var nameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)

// loader reads one file.
type loader struct {
	p *scenarios.Part
	l *Lesson
}

// Load reads a lesson. file names it in errors ("bundled/x.yaml" or a
// path); a file without name: is named after the file. Errors are
// *scenarios.Error, with file:line:column.
func Load(file string, src []byte) (*Lesson, error) {
	p, err := scenarios.ParsePart(file, src, "a lesson needs a title, a scenario and beats")
	if err != nil {
		return nil, err
	}
	var raw fileYAML
	if err := p.Decode("", &raw); err != nil {
		return nil, err
	}
	ld := &loader{p: p, l: &Lesson{File: file, Source: src, Name: raw.Name}}
	if err := ld.head(&raw); err != nil {
		return nil, err
	}
	if err := ld.scenario(raw.Scenario); err != nil {
		return nil, err
	}
	if len(raw.Beats) == 0 && raw.Goal == nil {
		return nil, p.Err("beats", "a lesson needs beats: at least one moment to stop at, e.g. - {when: {b: CLOSE-WAIT}, say: ...}")
	}
	for i := range raw.Beats {
		b, err := ld.beat(&raw.Beats[i], fmt.Sprintf("beats[%d]", i))
		if err != nil {
			return nil, err
		}
		ld.l.Beats = append(ld.l.Beats, b)
	}
	if raw.Goal != nil {
		if err := ld.goal(raw.Goal); err != nil {
			return nil, err
		}
	}
	return ld.l, nil
}

// head reads name, title, summary and minutes.
func (ld *loader) head(r *fileYAML) error {
	l, p := ld.l, ld.p
	if l.Name == "" {
		base := filepath.Base(l.File)
		l.Name = strings.TrimSuffix(strings.TrimSuffix(base, ".yaml"), ".yml")
	} else if !nameRE.MatchString(l.Name) {
		return p.Err("name", "expected a name of lower-case letters, digits, '-', '.' and '_' (it is typed on the command line), got %q", l.Name)
	}
	var err error
	if !p.Has("title") {
		return p.Err("", "a lesson needs a title, e.g. title: {en: Why three segments?, zh: 为什么要三次握手？}")
	}
	if l.Title, err = ld.text("title"); err != nil {
		return err
	}
	if l.Summary, err = ld.text("summary"); err != nil {
		return err
	}
	switch {
	case r.Minutes == nil:
		return p.Err("", "a lesson needs minutes: about how long it takes, e.g. minutes: 10")
	case *r.Minutes < 1 || *r.Minutes > 120:
		return p.Err("minutes", "expected minutes from 1 to 120, got %d", *r.Minutes)
	}
	l.Minutes = *r.Minutes
	return nil
}

func (ld *loader) text(path string) (Text, error) {
	t, err := ld.p.Text(path)
	return Text(t), err
}

// need reads a text that must be there.
func (ld *loader) need(path, what string) (Text, error) {
	if !ld.p.Has(path) {
		return nil, ld.p.Missing(path, what)
	}
	return ld.text(path)
}

// scenario reads a bundled scenario's name or an inline scenario.
func (ld *loader) scenario(v any) error {
	var err error
	switch v := v.(type) {
	case nil:
		return ld.p.Err("", "a lesson needs scenario: a bundled scenario's name (see tcpsim list) or a scenario written out")
	case string:
		if IsPath(v) {
			return ld.p.Err("scenario", "expected a bundled scenario's name or a scenario written out here, got the path %q (a lesson carries its scenario)", v)
		}
		if !slices.Contains(scenarios.Names(), v) {
			return ld.p.OneOf("scenario", "bundled scenario", v, scenarios.Names())
		}
		ld.l.Scenario, err = scenarios.Lookup(v)
	case map[string]any:
		ld.l.Scenario, err = ld.p.Scenario("scenario")
	default:
		return ld.p.Kind("scenario", "a bundled scenario's name, or a scenario (a mapping with a timeline)")
	}
	return err
}
