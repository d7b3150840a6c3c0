package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/trace"
)

// bundledIn opens a bundled scenario in the lab, paused, in a language.
func bundledIn(t testing.TB, name, lang string, w, h int) *Model {
	t.Helper()
	sc, err := scenarios.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	m := newModel(sc, Options{Lang: lang}, modelOptions{dark: true})
	m.Update(resize(w, h))
	return m
}

// keyMoment puts lost-final-ack at its key moment: A's TIME-WAIT timer
// restarted by B's retransmitted FIN.
func keyMoment(t testing.TB, m *Model) int {
	t.Helper()
	for k := range m.tl.ev {
		if m.tl.restarts[int32(k)] {
			m.seek(k, 0)
			return k
		}
	}
	t.Fatal("lost-final-ack has no TIME-WAIT restart")
	return -1
}

// TestScreenGoldenZh: the main screens in Chinese at the three sizes.
func TestScreenGoldenZh(t *testing.T) {
	for _, sz := range sizes {
		for _, at := range []string{"key", "end", "help", "help-end", "send", "link"} {
			t.Run(fmt.Sprintf("lost-final-ack/%dx%d/%s", sz[0], sz[1], at), func(t *testing.T) {
				m := bundledIn(t, "lost-final-ack", "zh", sz[0], sz[1])
				switch at {
				case "key":
					keyMoment(t, m)
				case "end":
					press(m, "end")
				case "help":
					press(m, "?")
				case "help-end":
					press(m, "?", "end")
				case "send":
					press(m, "s")
				case "link":
					press(m, "L")
				}
				out := m.render()
				checkFrame(t, out, sz[0], sz[1])
				golden.RequireEqual(t, ansi.Strip(out))
			})
		}
	}
}

// TestChineseKeyMoment: at each size, the Chinese lab at lost-final-ack's
// key moment keeps every line within the terminal, shows the header's
// required fields whole, and spells out the restart, uncut.
func TestChineseKeyMoment(t *testing.T) {
	zh := printerFor("zh")
	for _, sz := range sizes {
		m := bundledIn(t, "lost-final-ack", "zh", sz[0], sz[1])
		k := keyMoment(t, m)
		out := m.render()
		checkFrame(t, out, sz[0], sz[1])
		screen := ansi.Strip(out)
		head := strings.SplitN(screen, "\n", 2)[0]
		for _, want := range []string{"rfc9293", "t=2.200s", zh.T(msg.LabEvent, msg.Args{"N": k + 1, "Total": len(m.tl.ev)})} {
			if !strings.Contains(head, want) {
				t.Errorf("%dx%d: the header lacks %q: %q", sz[0], sz[1], want, head)
			}
		}
		if !strings.Contains(head, m.title()) && !strings.Contains(head, m.run.name) {
			t.Errorf("%dx%d: the header names no scenario: %q", sz[0], sz[1], head)
		}
		restart := zh.T(msg.LabNoteTWRestart, nil) // "TIME-WAIT 重新计时"
		if !strings.Contains(screen, restart) {
			t.Errorf("%dx%d: %q is not on screen whole:\n%s", sz[0], sz[1], restart, screen)
		}
		for _, word := range []string{zh.T(msg.LabLadder, nil), zh.T(msg.KeyBarHelp, nil)} {
			if !strings.Contains(screen, word) {
				t.Errorf("%dx%d: no %q on a Chinese screen", sz[0], sz[1], word)
			}
		}
	}
}

// TestHeaderRequiredFields sweeps widths from 60 columns, in both
// languages, on a forked timeline: the scenario, the profile, the time,
// the event and the fork always show; nothing is wider than the screen.
func TestHeaderRequiredFields(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		p := printerFor(lang)
		m := bundledIn(t, "linux-three-segment-close", lang, 80, 24)
		press(m, "right", "right", "right", "d")
		if m.branch == "" {
			t.Fatal("d did not fork")
		}
		for w := minW; w <= 240; w += 7 {
			hd := m.headerView()
			line := ansi.Strip(hd.Render(w, 1))
			if got := ansi.StringWidth(line); got > w {
				t.Errorf("%s %d: header %d cells: %q", lang, w, got, line)
			}
			wants := []string{m.profileName(), clock(m.now), p.T(msg.LabEvent, msg.Args{"N": m.cur + 1, "Total": len(m.tl.ev)}),
				p.T(msg.LabFork, nil)[:len("⑂")]}
			for _, want := range wants {
				if !strings.Contains(line, want) {
					t.Errorf("%s %d: header lacks %q: %q", lang, w, want, line)
				}
			}
			name := strings.TrimSuffix(truncate(m.run.name, 4), "…")
			if !strings.Contains(line, name) && !strings.Contains(line, strings.TrimSuffix(truncate(m.title(), 4), "…")) {
				t.Errorf("%s %d: header names no scenario: %q", lang, w, line)
			}
			if w >= 200 && !strings.Contains(line, "TIME-WAIT") {
				t.Errorf("%s %d: no TIME-WAIT length on a wide header: %q", lang, w, line)
			}
		}
	}
}

// TestLanguageKey: T switches the language and keeps the moment: the
// event, the selection, the fork and its undo stack.
func TestLanguageKey(t *testing.T) {
	m := bundledIn(t, "lost-final-ack", "en", 120, 40)
	press(m, "right", "right", "right", "right", "right", "right", "d", "up")
	cur, sel, undo, tl := m.cur, m.sel, len(m.undo), m.tl
	if m.branch == "" || !strings.Contains(plain(m), "Ladder") {
		t.Fatalf("no English fork: %q", m.branch)
	}
	press(m, "T")
	out := plain(m)
	if m.cur != cur || m.sel != sel || len(m.undo) != undo || m.tl.tr != tl.tr {
		t.Fatalf("T moved the lab: cur %d→%d sel %d→%d undo %d→%d", cur, m.cur, sel, m.sel, undo, len(m.undo))
	}
	zh := printerFor("zh")
	for _, want := range []string{zh.T(msg.LabLadder, nil), zh.T(msg.LabEventLog, nil), "⑂ " + m.branch} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q after T:\n%s", want, out)
		}
	}
	if !strings.Contains(m.branch, "假设") {
		t.Errorf("the fork's label stayed English: %q", m.branch)
	}
	press(m, "u")
	if !strings.Contains(m.msg, zh.T(msg.LabBackOriginal, nil)) {
		t.Errorf("undo spoke %q", m.msg)
	}
	press(m, "T")
	if !strings.Contains(plain(m), "Ladder") {
		t.Error("T did not switch back to English")
	}
}

// Every key of the lab says what it does in every language: a binding
// added with an English help text shows up here.
func TestEveryKeyTranslated(t *testing.T) {
	k := newKeyMap()
	var all []string
	for _, g := range k.groups() {
		all = append(all, string(g.title))
		for _, b := range g.keys {
			all = append(all, b.Help().Desc)
		}
	}
	for _, b := range k.barKeys(false, true) {
		all = append(all, b.Help().Desc)
	}
	for _, l := range msg.Languages() {
		entries, err := msg.Entries(l)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range all {
			if _, ok := entries[msg.ID(id)]; !ok {
				t.Errorf("%s: key help %q is not a catalogue ID", l, id)
			}
		}
	}
}

// TestHelpReachesEverything: at 80×24, scrolling the help reaches every
// key and the legend's last line, with ↓, PgDn and the wheel.
func TestHelpReachesEverything(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		for _, how := range []string{"j", "pgdown", "wheel"} {
			m := bundledIn(t, "normal-close", lang, 80, 24)
			press(m, "?")
			seen := plain(m)
			for i := 0; i < 60; i++ {
				switch how {
				case "wheel":
					m.wheel(3)
				case "pgdown":
					m.Update(keyMsgPgDown())
				default:
					press(m, how)
				}
				seen += plain(m)
			}
			for _, g := range m.keys.groups() {
				for _, b := range g.keys {
					_, desc := keyText(m.p, b)
					if !strings.Contains(strings.ReplaceAll(seen, "\n", ""), firstWords(desc)) {
						t.Errorf("%s %s: %q never shown", lang, how, desc)
					}
				}
			}
			for _, id := range []msg.ID{msg.LabLegendGap, msg.LabMouseWheel} {
				if s := m.t(id, nil); !strings.Contains(seen, firstWords(s)) {
					t.Errorf("%s %s: %q never shown", lang, how, s)
				}
			}
		}
	}
}

// firstWords is the start of a help line: a long one may wrap.
func firstWords(s string) string { return rw.Truncate(s, 20, "") }

func keyMsgPgDown() tea.KeyPressMsg { return tea.KeyPressMsg{Code: tea.KeyPgDown} }

// The lab's names of guards say in English what fsm says, so a renamed
// one in fsm shows up here; every one has a catalogue ID (events: msg).
func TestGuardNames(t *testing.T) {
	en := printerFor("en")
	for g := fsm.Guard(1); g < fsm.NumGuards; g++ {
		if got := guardText(g, en); got != g.String() {
			t.Errorf("guard %d: %q in the catalogue, %q in fsm", g, got, g.String())
		}
		if guardIDs[g] == "" {
			t.Errorf("guard %q has no catalogue ID", g)
		}
	}
}

// A served lab speaks its person's language: a Chinese session next to
// an English one, a follower translating the leader's fork for itself.
func TestSessionLanguage(t *testing.T) {
	sc, err := scenarios.Lookup("lost-final-ack")
	if err != nil {
		t.Fatal(err)
	}
	var st FollowState
	lead := NewSession(sc, SessionOptions{Lang: "en", Role: Leader, Publish: func(s FollowState) { st = s }})
	follow := NewSession(sc, SessionOptions{Lang: "zh", Role: Follower})
	for _, s := range []*Session{lead, follow} {
		s.Update(resize(120, 40))
	}
	spress(lead, "space", "right", "right", "right", "right", "d")
	follow.Update(FollowMsg{State: st})
	zh := printerFor("zh")
	lv, fv := ansi.Strip(lead.View().Content), ansi.Strip(follow.View().Content)
	if !strings.Contains(lv, "Ladder") || strings.Contains(lv, zh.T(msg.LabLadder, nil)) {
		t.Errorf("the English leader's screen:\n%s", lv)
	}
	if !strings.Contains(fv, zh.T(msg.LabLadder, nil)) || !strings.Contains(fv, "⑂ 假设") {
		t.Errorf("the Chinese follower's screen:\n%s", fv)
	}
	if follow.m.cur != lead.m.cur {
		t.Errorf("the follower is at event %d, the leader at %d", follow.m.cur, lead.m.cur)
	}
	// tcpsim --lang zh serve --follow: the teacher's own lab in Chinese.
	lead.SetLang("zh")
	if lv := ansi.Strip(lead.View().Content); lead.Lang() != "zh" || !strings.Contains(lv, zh.T(msg.LabLadder, nil)) ||
		lead.m.msg != zh.T(msg.LabLeaderHint, nil) {
		t.Errorf("SetLang(zh): %s, status %q", lead.Lang(), lead.m.msg)
	}
}

// TestChineseNoLineTooWide sweeps sizes in Chinese, with and without a
// dialog over the screen (half a Chinese character under a box's edge).
func TestChineseNoLineTooWide(t *testing.T) {
	for _, name := range []string{"lost-final-ack", "data-with-loss"} {
		m := bundledIn(t, name, "zh", 80, 24)
		n := len(m.tl.ev)
		for _, at := range []int{-1, n / 2, n - 1} {
			for _, overlay := range []string{"", "?", "s", "L"} {
				m.modal = modalNone
				m.seek(at, 0)
				if overlay != "" {
					press(m, overlay)
				}
				for w := 20; w <= 240; w += 37 {
					for h := 8; h <= 70; h += 16 {
						m.w, m.h = w, h
						checkFrame(t, m.render(), w, h)
					}
				}
			}
		}
	}
}

// Under linux TIME-WAIT is a fixed 60 s, not 2MSL: the log, and the header,
// say which, in both languages.
func TestTimeWaitLength(t *testing.T) {
	for _, tc := range []struct{ name, log, head string }{
		{"linux-normal", "lab.log_tw_armed_fixed", "lab.time_wait_fixed"},
		{"lost-final-ack", "lab.log_tw_armed", "lab.time_wait_msl"},
	} {
		for _, lang := range []string{"en", "zh"} {
			m := bundledIn(t, tc.name, lang, 200, 60)
			k := -1
			for i := range m.tl.ev {
				if ev := &m.tl.ev[i]; ev.Kind == trace.KTimer && ev.Timer == fsm.TimerTimeWait && ev.TimerEv == trace.TimerArmed {
					k = i
					break
				}
			}
			if k < 0 {
				t.Fatalf("%s: no TIME-WAIT timer", tc.name)
			}
			m.seek(k, 0)
			screen := plain(m)
			d := msg.Args{"D": fmtShort(m.tl.ev[k].Dur)}
			for _, want := range []string{m.t(msg.ID(tc.log), d), m.t(msg.ID(tc.head), msg.Args{"D": seconds(m.tl.ev[k].Dur)})} {
				if !strings.Contains(screen, want) {
					t.Errorf("%s %s: no %q on screen", tc.name, lang, want)
				}
			}
		}
	}
}
