package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/tcpsim/tcpsim/lesson"
)

func bundledLesson(t testing.TB, name string) *lesson.Lesson {
	t.Helper()
	l, err := lesson.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// noTicks is the lab without its clock: nothing plays by itself, so an
// end-to-end run goes from beat to beat by n alone, deterministically.
type noTicks struct{ *Model }

func (n noTicks) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, tick := msg.(tickMsg); tick {
		return n, nil
	}
	_, cmd := n.Model.Update(msg)
	return n, cmd
}

// keys for why-three-segments: "n n" heads for a beat and jumps to it.
var (
	threeRight = []string{"n", "n", "2", "n", "n", "5", "9", "1", "enter", "n", "n", "1",
		"n", "n", "2", "n", "n", "3", "1", "0", "1", "enter", "5", "0", "3", "0", "1", "enter", "n", "n", "n"}
	threeWrong = []string{"n", "n", "H", "1", "n", "n", "1", "9", "0", "enter", "n", "n", "2",
		"n", "n", "1", "n", "n", "3", "1", "0", "0", "enter", "5", "0", "3", "0", "0", "enter", "n", "n", "n"}
)

func playLesson(t *testing.T, name string, keys []string) *Model {
	t.Helper()
	m := newLessonModel(bundledLesson(t, name), "en", Options{}, modelOptions{dark: true})
	tm := teatest.NewTestModel(t, noTicks{m}, teatest.WithInitialTermSize(120, 40))
	send(tm, keys...)
	send(tm, "q")
	tm.WaitFinished(t)
	return m
}

// A whole lesson answered right, and answered wrong, through a real
// Bubble Tea program.
func TestE2ELessonRight(t *testing.T) {
	m := playLesson(t, "why-three-segments", threeRight)
	lr := m.lesson
	if lr.phase != lpDone || lr.asked != 5 || lr.correct != 5 || lr.hints != 0 {
		t.Fatalf("phase %d, %d of %d right, %d hints", lr.phase, lr.correct, lr.asked, lr.hints)
	}
	if !strings.Contains(plain(m), "Score: 5 of 5 questions right") {
		t.Fatalf("no score:\n%s", plain(m))
	}
}

func TestE2ELessonWrong(t *testing.T) {
	m := playLesson(t, "why-three-segments", threeWrong)
	lr := m.lesson
	if lr.phase != lpDone || lr.asked != 5 || lr.correct != 0 || lr.hints != 1 {
		t.Fatalf("phase %d, %d of %d right, %d hints", lr.phase, lr.correct, lr.asked, lr.hints)
	}
	if !strings.Contains(plain(m), "Score: 0 of 5 questions right (1 hint used)") {
		t.Fatalf("no score:\n%s", plain(m))
	}
}

// A question holds the run: keys that would play past it are refused,
// and the run does not move.
func TestLessonQuestionHoldsTheRun(t *testing.T) {
	m := newLessonModel(bundledLesson(t, "why-three-segments"), "en", Options{}, modelOptions{dark: true})
	m.Update(resize(120, 40))
	press(m, "n", "n")
	cur := m.cur
	press(m, "space", "right", "end", "n")
	if m.cur != cur || m.playing || !m.answering() {
		t.Fatalf("the question let the run move: cur %d → %d", cur, m.cur)
	}
	if !strings.Contains(m.msg, "Answer the question first") {
		t.Fatalf("no word why: %q", m.msg)
	}
	if m.stateName(1).String() != "LISTEN" || m.sel < 0 {
		t.Fatalf("B should still be in LISTEN with the old SYN selected, got %s, sel %d", m.stateName(1), m.sel)
	}
	press(m, "2")
	if m.stateName(1).String() != "SYN-RECEIVED" {
		t.Fatal("the answer did not play on to the state it names")
	}
}

// The challenge: the lab counts interferences and says when the run
// meets the goal.
func TestLessonGoal(t *testing.T) {
	m := newLessonModel(bundledLesson(t, "half-open"), "en", Options{}, modelOptions{dark: true})
	m.Update(resize(120, 40))
	press(m, "n", "n", "n")
	if m.lesson.phase != lpDone || m.lesson.goalMet {
		t.Fatalf("phase %d, met %v", m.lesson.phase, m.lesson.goalMet)
	}
	press(m, "A") // B aborts: its RST is in flight
	press(m, "d") // and lost
	if !m.lesson.goalMet || len(m.undo) != 2 {
		t.Fatalf("goal not met after abort and drop: final %v, %d forks", m.tl.tr.Final, len(m.undo))
	}
	if out := plain(m); !strings.Contains(out, "Goal met!") || !strings.Contains(out, "Interferences: 2 of at most 2") {
		t.Fatalf("panel:\n%s", out)
	}
	press(m, "u")
	if m.lesson.goalMet {
		t.Fatal("still met after undo")
	}
}

// W lists the lessons; enter opens one.
func TestLessonList(t *testing.T) {
	m := newTest(t, "normal-close", normalClose(), 120, 40)
	press(m, "W")
	if m.modal != modalLessons || !strings.Contains(plain(m), m.lessonList.items[m.lessonList.idx].Title["en"]) {
		t.Fatalf("no list:\n%s", plain(m))
	}
	for m.lessonList.items[m.lessonList.idx].Name != "time-wait" {
		press(m, "down")
	}
	// At 80×24 the chosen lesson shows even when the list is longer than the box.
	m.lessonList.items = append(m.lessonList.items, m.lessonList.items...)
	m.lessonList.items = append(m.lessonList.items, m.lessonList.items...)
	m.lessonList.idx = len(m.lessonList.items) - 1
	m.Update(resize(80, 24))
	if out := plain(m); !strings.Contains(out, "▸ "+m.lessonList.items[m.lessonList.idx].Title["en"]) { // the course's last lesson
		t.Fatalf("the chosen lesson is not on screen:\n%s", out)
	}
	m.lessonList.items = m.lessonList.items[:len(lesson.Names())]
	m.Update(resize(120, 40))
	for m.lessonList.idx = 0; m.lessonList.items[m.lessonList.idx].Name != "time-wait"; {
		m.lessonList.idx++
	}
	press(m, "enter")
	if m.lesson == nil || m.lesson.l.Name != "time-wait" || m.modal != modalNone {
		t.Fatal("enter did not open the lesson")
	}
	press(m, "o", "esc", "r")
	if m.lesson == nil {
		t.Fatal("r should restart the lesson, not end it")
	}
}

// Goldens of a beat, a question and the score at 80×24 and 120×40, in
// English and Chinese (update with -update).
func TestLessonGolden(t *testing.T) {
	moments := []struct {
		name string
		keys []string
	}{
		{"beat", nil},
		{"question", []string{"n", "n", "n", "n", "H"}},
		{"answer", []string{"n", "n", "n", "n", "5", "9", "1", "enter"}},
		{"score", threeRight},
	}
	for _, lang := range []string{"en", "zh"} {
		for _, sz := range [][2]int{{80, 24}, {120, 40}} {
			for _, mo := range moments {
				t.Run(fmt.Sprintf("%s/%dx%d/%s", lang, sz[0], sz[1], mo.name), func(t *testing.T) {
					m := newLessonModel(bundledLesson(t, "why-three-segments"), lang, Options{}, modelOptions{dark: true})
					m.Update(resize(sz[0], sz[1]))
					press(m, mo.keys...)
					m.msg = ""
					out := m.render()
					checkFrame(t, out, sz[0], sz[1])
					golden.RequireEqual(t, ansi.Strip(out))
				})
			}
		}
	}
}

// Every beat of every bundled lesson fits every size: no line too wide,
// no frame too tall, the panel never empty.
func TestLessonFits(t *testing.T) {
	for _, name := range lesson.Names() {
		for _, lang := range []string{"en", "zh"} {
			m := newLessonModel(bundledLesson(t, name), lang, Options{}, modelOptions{dark: true})
			for step := 0; step < 40 && m.lesson.phase != lpDone; step++ {
				for _, sz := range [][2]int{{60, 16}, {80, 24}, {109, 31}, {120, 40}, {200, 60}} {
					m.w, m.h = sz[0], sz[1]
					checkFrame(t, m.render(), sz[0], sz[1])
				}
				if m.answering() {
					press(m, "H", "1", "1", "enter", "1", "enter")
				} else {
					press(m, "n")
				}
			}
			if m.lesson.phase != lpDone {
				t.Errorf("%s (%s): never reached the end", name, lang)
			}
		}
	}
}

// Narration is reflowed and wrapped: Latin tokens stay whole, a Chinese
// line never starts with a closing mark, no line is wider than asked.
func TestWrapProse(t *testing.T) {
	for _, c := range []struct {
		in   string
		w    int
		want []string
	}{
		{"the ACK seq=91\nis lost", 10, []string{"the ACK", "seq=91 is", "lost"}},
		{"它没法知道\n这个已经过时。", 8, []string{"它没法知", "道这个已", "经过时。"}},
		{"已经过时。", 8, []string{"已经过", "时。"}},
		{"TIME-WAIT（TIME_WAIT）", 14, []string{"TIME-WAIT", "（TIME_WAIT）"}}, // an opening mark never ends a line
	} {
		got := wrapProse(reflow(c.in), c.w)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%q at %d: got %q, want %q", c.in, c.w, got, c.want)
		}
		for _, l := range got {
			if textWidth(l) > c.w {
				t.Errorf("%q wider than %d", l, c.w)
			}
		}
	}
}

// When the narration and the question do not fit the panel together,
// the narration comes first, whole, and n turns to the question.
func TestLessonNarrationFirst(t *testing.T) {
	m := newLessonModel(bundledLesson(t, "without-time-wait"), "en", Options{}, modelOptions{dark: true})
	m.Update(resize(80, 24))
	for i := 0; i < 20 && (m.lesson.beat < 3 || m.lesson.phase != lpAt); i++ {
		if m.answering() {
			press(m, "5") // the RST
		} else {
			press(m, "n")
		}
	}
	out := plain(m)
	if m.answering() || !strings.Contains(out, "n: on to the question") || !strings.Contains(out, "TIME-WAIT keeps the old") {
		t.Fatalf("the narration should come first, whole:\n%s", out)
	}
	press(m, "2")
	if m.lesson.phase != lpAt {
		t.Fatal("a digit answered a question not yet on screen")
	}
	press(m, "n")
	if !m.answering() || !strings.Contains(plain(m), "1 A's ACK of the repeated FIN") {
		t.Fatalf("n did not turn to the question:\n%s", plain(m))
	}
	m.Update(resize(120, 40))
	if !m.answering() {
		t.Fatal("the question went away")
	}
}

// T switches the whole lab, the lesson panel and its question with it,
// while the question waits; predict mode's prompt takes T too.
func TestLanguageKeyInALesson(t *testing.T) {
	m := newLessonModel(bundledLesson(t, "time-wait"), "zh", Options{}, modelOptions{dark: true})
	m.Update(resize(120, 40))
	for guard := 0; guard < 20 && !m.answering(); guard++ {
		press(m, "n") // to the beat, then on
	}
	if !m.answering() {
		t.Fatal("no question")
	}
	if out := plain(m); !strings.Contains(out, "接下来进入哪个状态") || !strings.Contains(out, "时序图") {
		t.Fatalf("not a Chinese lab:\n%s", out)
	}
	press(m, "T")
	out := plain(m)
	if !m.answering() || !strings.Contains(out, "enter next?") || !strings.Contains(out, "Ladder") || strings.Contains(out, "接下来") {
		t.Errorf("T did not switch the lesson's question:\n%s", out)
	}
	if strings.Contains(out, "space play") {
		t.Errorf("the help bar offers play while a question waits:\n%s", out)
	}
	m.pr.on, m.pr.ask = true, 0 // predict mode's prompt, open
	press(m, "T")
	if m.p.Lang() != "zh" {
		t.Error("T in predict mode's prompt did not switch the language")
	}
}
