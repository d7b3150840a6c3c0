package trace

import (
	"strings"
	"testing"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
)

// Every row of the state machine has an entry in every catalogue, the
// English one is the row's Explanation, and no catalogue has a rule entry
// for a row that does not exist.
func TestRuleEntries(t *testing.T) {
	rows := map[msg.ID]*fsm.Row{}
	for i := range fsm.Table {
		r := &fsm.Table[i]
		if r.Name() == "" {
			continue // the table's unused first row
		}
		rows[msg.ID(msg.RulePrefix+r.Name())] = r
	}
	if len(rows) < 50 {
		t.Fatalf("only %d named rows", len(rows))
	}
	for _, lang := range msg.Languages() {
		m, err := msg.Entries(lang)
		if err != nil {
			t.Fatal(err)
		}
		for id, r := range rows {
			s, ok := m[id]
			switch {
			case !ok || s == "":
				t.Errorf("%s: no entry %s", lang, id)
			case lang == "en" && s != r.Explanation:
				t.Errorf("en: %s is %q, the row says %q", id, s, r.Explanation)
			}
		}
		for id := range m {
			if strings.HasPrefix(string(id), msg.RulePrefix) && rows[id] == nil {
				t.Errorf("%s: %s names no row", lang, id)
			}
		}
	}
	zh, err := msg.New("zh")
	if err != nil {
		t.Fatal(err)
	}
	for id, r := range rows {
		if got := RuleText(r, zh); got == r.Explanation || got == "" {
			t.Errorf("zh: %s is not translated: %q", id, got)
		}
		if got := RuleText(r, msg.English()); got != r.Explanation {
			t.Errorf("en: %s: %q", id, got)
		}
	}
}

// In English a timer's and a signal's names are fsm's own, so English
// output does not change.
func TestTimerSignalText(t *testing.T) {
	en := msg.English()
	for tm := fsm.Timer(0); tm < fsm.NumTimers; tm++ {
		if got := TimerText(tm, en); got != tm.String() {
			t.Errorf("timer %d: %q, want %q", tm, got, tm.String())
		}
	}
	for s := fsm.Signal(1); s < fsm.NumSignals; s++ {
		if got := SignalText(s, en); got != s.String() {
			t.Errorf("signal %d: %q, want %q", s, got, s.String())
		}
	}
}
