package serve

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/tcpsim/tcpsim/lessons"
	"github.com/tcpsim/tcpsim/msg"
)

// Lessons over SSH: a student names a lesson (or asks for the list) after
// the host, the teacher's --lessons directory is on the list, each lab
// keeps its own progress, and each speaks its own language: --lang in the
// command, else the client's LANG, else the teacher's default.
func TestSSHLessonsAndLanguages(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src, err := lessons.Files.ReadFile("time-wait.yaml")
	if err != nil {
		t.Fatal(err)
	}
	mine := strings.Replace(string(src), "\nname: time-wait\n", "\nname: my-time-wait\n", 1)
	if mine == string(src) {
		t.Fatal("time-wait.yaml has no name: line to rename")
	}
	for f, text := range map[string]string{"mine.yaml": mine, "broken.yaml": "beats: [\n"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ts := startServer(t, Config{LessonDir: dir, Lang: "zh"})
	tm := newTmux(t)
	tm.openCmd(ts, "zh", 120, 40, "alice", nil, "learn", "time-wait")          // the teacher's default
	tm.openCmd(ts, "en", 80, 24, "bob", []string{"LANG=en_US.UTF-8"}, "learn") // the client's LANG
	tm.openCmd(ts, "flag", 100, 30, "carol", []string{"LANG=zh_CN.UTF-8"}, "en", "lost-fin")

	tm.waitFor("zh", "课程 · 第 1 步，共 8 步")
	tm.waitFor("flag", "Lost FIN")
	// Bob's list ends with the teacher's lesson; the broken file is left out.
	tm.waitFor("en", "Lessons")
	tm.keys("en", strings.Split(strings.Repeat("j ", 20), " ")[:20]...)
	s := tm.waitFor("en", "my-time-wait")
	if strings.Contains(s, "broken") {
		t.Errorf("a lesson file that does not load is listed:\n%s", s)
	}
	tm.keys("en", "Enter")
	tm.waitFor("en", "Lesson · beat 1 of 8")

	// Alice goes on a beat; Bob's lesson stays where it is.
	tm.keys("zh", "n")
	want := map[string]string{"alice": "zh time-wait 2/8", "bob": "en my-time-wait 1/8", "carol": "en  0/0"}
	eventually(t, "each lab's lesson and language", func() bool {
		ok := len(ts.Peers()) == 3
		for _, p := range ts.Peers() {
			st := p.Status
			got := p.Lang + " " + st.Lesson + " " + itoa(st.Beat) + "/" + itoa(st.Beats)
			ok = ok && got == want[p.User]
		}
		return ok
	})
	for p, w := range map[string]int{"zh": 120, "en": 80, "flag": 100} {
		if got := maxLineWidth(tm.screen(p)); got > w {
			t.Errorf("%s: a line of %d cells on a %d-cell terminal", p, got, w)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// A command names only what the server offers: no word is opened as a
// path, and a mistake is told with the usage.
func TestParseRequest(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "mine.yaml"), []byte("name: my-sc\ntimeline:\n  - {at: 0s, b: listen}\n  - {at: 0s, a: connect}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{HostKeyPath: filepath.Join(t.TempDir(), "k"), ScenarioDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.exports.remove()
	for _, c := range []struct {
		args []string
		want string // "" ok, else part of the error (in English)
		got  func(request) bool
	}{
		{nil, "", func(r request) bool { return r.lang == "" && !r.list && r.lesson == nil && r.scenario == nil }},
		{[]string{"learn"}, "", func(r request) bool { return r.list }},
		{[]string{"learn", "rst"}, "", func(r request) bool { return r.lesson != nil && r.lesson.Name == "rst" && !r.list }},
		{[]string{"--lang", "zh", "learn", "time-wait"}, "", func(r request) bool { return r.lang == "zh" && r.lesson.Name == "time-wait" }},
		{[]string{"--lang=en"}, "", func(r request) bool { return r.lang == "en" }},
		{[]string{"zh", "learn"}, "", func(r request) bool { return r.lang == "zh" && r.list }},
		{[]string{"lang=zh", "rst"}, "", func(r request) bool { return r.lang == "zh" && r.lesson.Name == "rst" }},
		{[]string{"lost-fin"}, "", func(r request) bool { return r.scenario != nil && r.scenario.Name == "lost-fin" }},
		{[]string{"mine"}, "", func(r request) bool { return r.scenario != nil && r.scenario.Name == "my-sc" }},
		{[]string{"time-wait"}, "", func(r request) bool { return r.lesson != nil && r.lesson.Name == "time-wait" }},
		{[]string{"help"}, "", func(r request) bool { return r.help }},
		{[]string{"--lang", "fr"}, `--lang "fr"`, nil},
		{[]string{"--lang"}, `--lang "": en or zh`, nil},
		{[]string{"learn", "nope"}, `no lesson "nope"`, nil},
		{[]string{"learn", "../../etc/passwd"}, `no lesson "../../etc/passwd"`, nil},
		{[]string{"/etc/passwd"}, `no scenario or lesson "/etc/passwd"`, nil},
		{[]string{"cat", "/etc/passwd"}, `no scenario or lesson "cat"`, nil},
		{[]string{"lost-fin", "rst"}, `unexpected "rst"`, nil},
	} {
		r, err := s.parseRequest(c.args)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%q: %v", c.args, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%q: error %v, want %q", c.args, err, c.want)
		case c.got != nil && !c.got(r):
			t.Errorf("%q: %+v", c.args, r)
		}
	}
	// Said in the student's language, with the usage.
	_, rerr := s.parseRequest([]string{"learn", "nope"})
	zh, _ := msg.New("zh")
	if got := rerr.in(zh); !strings.Contains(got, "这里没有课程“nope”") || !strings.Contains(got, "用法：ssh -t") {
		t.Errorf("in Chinese: %s", got)
	}
	s.cfg.Follow = true
	if _, err := s.parseRequest([]string{"learn"}); err == nil || !strings.Contains(err.Error(), "follows the teacher") {
		t.Errorf("learn in follow mode: %v", err)
	}
}
