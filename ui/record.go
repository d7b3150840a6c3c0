package ui

import (
	"errors"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tcpsim/tcpsim/scenarios"
)

// Frame is one screen of a recording of the lab, in terminal bytes: cursor
// home, then each line followed by erase-to-end-of-line.
type Frame struct {
	At     time.Duration // playback time of the frame
	Screen string
}

// RecordFrames plays a scenario in the lab at w×h, as `tcpsim` would at its
// default speed, and returns the frames in which the screen changed, fps a
// second of playback. The clock is the frame counter, never the wall clock,
// so the same scenario and size give the same frames. After the run ends
// the last screen is held for hold.
func RecordFrames(sc *scenarios.Scenario, w, h, fps int, hold time.Duration) ([]Frame, error) {
	return RecordFramesIn("", sc, w, h, fps, hold)
}

// RecordFramesIn is RecordFrames with the lab speaking lang ("en", "zh").
func RecordFramesIn(lang string, sc *scenarios.Scenario, w, h, fps int, hold time.Duration) ([]Frame, error) {
	if sc == nil || sc.Config == nil {
		return nil, errors.New("ui: no scenario")
	}
	if w < 40 || h < 12 || fps < 1 {
		return nil, errors.New("ui: a recording needs at least 40×12 and 1 frame a second")
	}
	m := newModel(sc, Options{Lang: lang}, modelOptions{autoplay: true, dark: true})
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	step := time.Second / time.Duration(fps)
	var out []Frame
	last := ""
	const limit = 10 * time.Minute // a run the lab plays longer than this is cut
	for at := time.Duration(0); at <= limit; at += step {
		if s := m.render(); s != last {
			out = append(out, Frame{At: at, Screen: terminalFrame(s)})
			last = s
		}
		if !m.playing {
			out = append(out, Frame{At: at + hold, Screen: ""})
			break
		}
		m.advance(step)
	}
	return out, nil
}

func terminalFrame(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 64)
	b.WriteString("\x1b[H")
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteString("\r\n")
		}
		b.WriteString(line)
		b.WriteString("\x1b[0m\x1b[K")
	}
	return b.String()
}
