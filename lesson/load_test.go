package lesson

import (
	"strings"
	"testing"
)

const head = "title: {en: T, zh: 题}\nminutes: 5\nscenario: lost-final-ack\n"

// Bad lessons are refused with file:line:column and the place in the file.
func TestLoadErrors(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"minutes: 5\nscenario: lost-final-ack\nbeats: []\n", "x.yaml:1:1: a lesson needs a title"},
		{"title: T\nscenario: lost-final-ack\n", "a lesson needs minutes"},
		{head + "beats:\n  - {when: {b: CLOSE-WIAT}, say: x}\n", `x.yaml:5:16: beats[0].when.b: unknown state "CLOSE-WIAT" (did you mean "CLOSE-WAIT"?)`},
		{head + "beats:\n  - {when: {b: CLOSE-WAIT}}\n", "x.yaml:5:5: beats[0].say: expected say"},
		{head + "beats:\n  - {when: {b: CLOSE-WAIT, time: 1s}, say: x}\n", "beats[0].when: expected exactly one moment"},
		{head + "beats:\n  - {when: {sends: {from: c}}, say: x}\n", `beats[0].when.sends.from: expected an endpoint, a or b, got "c"`},
		{head + "beats:\n  - {when: {timer: {side: a, timer: TIME-WAIT, event: ends}}, say: x}\n", `beats[0].when.timer.event: unknown timer event "ends"`},
		{head + "beats:\n  - {when: {end: true}, say: x, ask: {state: a}}\n", "beats[0].ask.hint: expected hint"},
		{head + "beats:\n  - {when: {end: true}, say: x, ask: {state: a, sends: b, hint: h}}\n", "beats[0].ask: expected exactly one question"},
		{head + "beats:\n  - {when: {end: true}, say: x, ask: {state: a, numbers: raw, hint: h}}\n", "numbers goes with sends"},
		{head + "beats:\n  - when: {end: true}\n    say: x\n    ask:\n      prompt: p\n      hint: h\n      choose:\n        - {text: a, fact: {final: {a: CLOSD}}}\n        - {text: b}\n",
			`x.yaml:11:39: beats[0].ask.choose[0].fact.final.a: unknown state "CLOSD"`},
		{head + "beats:\n  - {when: {end: true}, say: x, wat: 1}\n", "beats[0].wat: unknown field"},
		{"title: T\nminutes: 5\nscenario: {timeline: [{at: 0s, a: conect}]}\nbeats: [{when: {end: true}, say: x}]\n", "x.yaml:3:35: scenario.timeline[0].a: unknown action"},
		{"title: T\nminutes: 5\nscenario: lost-final-acks\n", `scenario: unknown bundled scenario "lost-final-acks" (did you mean "lost-final-ack"?)`},
		{head + "goal: {say: s, expect: {final: {a: CLOSED}}}\n", "a goal needs solution"},
	} {
		_, err := Load("x.yaml", []byte(c.src))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q:\n got %v\nwant %s", c.src, err, c.want)
		}
	}
}

// Check finds what the run does not bear out.
func TestCheckErrors(t *testing.T) {
	for _, c := range []struct{ beats, want string }{
		{"  - {when: {b: SYN-SENT}, say: x}\n", "beats[0].when: the run has no such moment"},
		{"  - {when: {b: CLOSED}, say: x}\n  - {when: {a: TIME-WAIT}, say: y}\n", "beats[1].when: this moment"},
		{"  - {when: {end: true}, say: x, ask: {sends: a, hint: h}}\n", "beats[0].ask: the run does not answer it"},
		{"  - {when: {a: TIME-WAIT}, say: x, ask: {next: a, options: [LISTEN, CLOSING], hint: h}}\n", "the state is not among the options"},
		{"  - when: {end: true}\n    say: x\n    ask:\n      prompt: p\n      hint: h\n      choose:\n        - {text: a, fact: {final: {a: CLOSED}}}\n        - {text: b, fact: {final: {b: CLOSED}}}\n",
			"none or more than one does; choice 1: holds; choice 2: holds"},
		{"  - when: {end: true}\n    say: x\n    ask:\n      prompt: p\n      hint: h\n      choose:\n        - {text: a, fact: {final: {a: LISTEN}}}\n        - {text: b}\n",
			"; choice 1: it ended in CLOSED"},
	} {
		l, err := Load("x.yaml", []byte(head+"beats:\n"+c.beats))
		if err != nil {
			t.Fatal(err)
		}
		err = l.Check()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q:\n got %v\nwant %s", c.beats, err, c.want)
		}
	}
}
