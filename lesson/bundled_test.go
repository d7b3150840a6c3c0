package lesson

import (
	"testing"
)

// Every bundled lesson loads, and what it says about its run holds: its
// moments happen in order, each question has exactly one answer among
// its options, a challenge can be met within its limit.
func TestBundled(t *testing.T) {
	names := Names()
	if len(names) == 0 {
		t.Fatal("no bundled lessons")
	}
	for _, n := range names {
		l, err := Lookup(n)
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		if err := l.Check(); err != nil {
			t.Errorf("%s: %v", n, err)
		}
		for _, lang := range []string{"en", "zh"} {
			if l.Title[lang] == "" {
				t.Errorf("%s: no %s title", n, lang)
			}
			for i := range l.Beats {
				if l.Beats[i].Say[lang] == "" {
					t.Errorf("%s: beats[%d]: no %s narration", n, i, lang)
				}
			}
		}
	}
}
