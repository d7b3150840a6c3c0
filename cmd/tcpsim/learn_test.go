package main

import (
	"strings"
	"testing"

	"github.com/tcpsim/tcpsim/lesson"
	"github.com/tcpsim/tcpsim/ui"
)

func TestLearnList(t *testing.T) {
	out, errs, code := cli(t, "learn", "--lang", "zh")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	for _, want := range []string{"why-three-segments ", " 为什么握手要三次，而不是两次", "10 分钟 · 7 步 · 5 个问题"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
}

// tcpsim learn NAME opens the lab on the lesson, in the chosen language.
func TestLearnOpens(t *testing.T) {
	old := runLessonTUI
	defer func() { runLessonTUI = old }()
	var got *lesson.Lesson
	var lang string
	runLessonTUI = func(l *lesson.Lesson, lg string, _ ui.Options) error { got, lang = l, lg; return nil }
	if _, errs, code := cli(t, "learn", "time-wait", "--lang", "zh"); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if got == nil || got.Name != "time-wait" || lang != "zh" {
		t.Fatalf("opened %v in %q", got, lang)
	}
	if _, errs, code := cli(t, "learn", "no-such-lesson"); code != 2 || !strings.Contains(errs, `no lesson "no-such-lesson"`) {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}

const badLesson = "title: x\nminutes: 3\nscenario: lost-fin\nbeats:\n  - {when: {b: CLOSE-WIAT}, say: hi}\n"

// show prints a lesson to copy; validate and check take lesson files.
func TestLessonFiles(t *testing.T) {
	out, _, code := cli(t, "show", "half-open")
	if code != 0 || !strings.HasPrefix(out, "# yaml-language-server: $schema=../docs/lesson.schema.json\nname: half-open\n") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	good := file(t, "mine.yaml", strings.Replace(out, "name: half-open", "name: mine", 1))
	if out, errs, code := cli(t, "validate", good); code != 0 || out != "ok  "+good+" (mine)\n" {
		t.Errorf("exit %d, %q %q", code, out, errs)
	}
	bad := file(t, "bad.yaml", badLesson)
	_, errs, code := cli(t, "validate", bad)
	if code != 2 || !strings.Contains(errs, bad+`:5:16: beats[0].when.b: unknown state "CLOSE-WIAT"`) {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	wrong := file(t, "wrong.yaml", "title: x\nminutes: 3\nscenario: lost-fin\nbeats:\n  - {when: {b: SYN-SENT}, say: hi}\n")
	out, _, code = cli(t, "check", good, wrong, "handshake")
	want := "ok    handshake\nok    mine\nFAIL  wrong\n      " + wrong + ":5: beats[0].when: the run has no such moment\n\n2 passed, 1 failed\n"
	if code != 1 || out != want {
		t.Errorf("exit %d, stdout:\n%s\nwant:\n%s", code, out, want)
	}
}
