package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseGrid(t *testing.T) {
	for in, want := range map[string][]float64{
		"":           nil,
		"0.1":        {0.1},
		"0:0.3:0.1":  {0, 0.1, 0.2, 0.3},
		"0:0.3:0.05": {0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3},
	} {
		got, err := parseGrid(in)
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("%q: %v %v, want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"x", "0:1", "0.5:0.1:0.1", "0:2:0.5", "0:1:0", "-0.1", "0:1:0.0001", "NaN"} {
		if _, err := parseGrid(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestSweepVerb(t *testing.T) {
	out, errOut, code := cli(t, "sweep", "normal-close", "--runs", "50", "--loss", "0:0.2:0.1")
	if code != 0 || !strings.Contains(out, "50 seeds from 1 at each of 3 loss rates") || !strings.Contains(out, "Outcome classes") {
		t.Fatalf("code %d\n%s%s", code, out, errOut)
	}
	out, _, code = cli(t, "sweep", "handshake", "--runs", "5", "--format", "csv")
	if code != 0 || strings.Count(out, "\n") != 2 || !strings.HasPrefix(out, "loss,delay_s,runs,") {
		t.Fatalf("csv: code %d\n%s", code, out)
	}
	_, errOut, code = cli(t, "sweep", "handshake", "--runs", "0")
	if code != exitUsage || !strings.Contains(errOut, "--runs") {
		t.Fatalf("--runs 0: code %d %s", code, errOut)
	}
}

func TestParseDelayGrid(t *testing.T) {
	ms := time.Millisecond
	for in, want := range map[string][]time.Duration{
		"":                nil,
		"20ms":            {20 * ms},
		"10ms:100ms:45ms": {10 * ms, 55 * ms, 100 * ms},
	} {
		got, err := parseDelayGrid(in)
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("%q: %v %v, want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"x", "10ms:20ms", "20ms:10ms:1ms", "0s:1s:0s", "-1ms", "0s:1h:1ms"} {
		if _, err := parseDelayGrid(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	out, errOut, code := cli(t, "sweep", "handshake", "--runs", "20", "--loss", "0:0.1:0.1", "--delay", "10ms:50ms:40ms")
	if code != 0 || !strings.Contains(out, "2 loss rates x 2 delays") || !strings.Contains(out, "\n0.1/50ms ") || !strings.Contains(out, "\n0/10ms ") {
		t.Fatalf("code %d\n%s%s", code, out, errOut)
	}
}

// -o draws the outcome share as a picture; a bad name or theme is a
// usage error found before any run, in the reader's language.
func TestSweepPicture(t *testing.T) {
	dir := t.TempDir()
	svg := filepath.Join(dir, "share.svg")
	out, errOut, code := cli(t, "sweep", "lost-final-ack", "--runs", "200", "--loss", "0:0.2:0.1", "-o", svg)
	if code != 0 || !strings.Contains(out, "Outcome classes") {
		t.Fatalf("code %d\n%s%s", code, out, errOut)
	}
	b, err := os.ReadFile(svg)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<svg ", "sweep lost-final-ack: 200 seeds from 1 at each of 3 loss rates", ">0.1</text>", "A CLOSED, B LISTEN"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("the picture lacks %q", want)
		}
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-o", filepath.Join(dir, "x.mmd")}, "for --output: the chart is drawn as FILE.svg or FILE.png"},
		{[]string{"-o", filepath.Join(dir, "x.txt")}, "for --output"},
		{[]string{"-o", svg, "--theme", "blue"}, "for --theme: expected light or dark"},
		{[]string{"-o", svg, "--theme", "blue", "--lang", "zh"}, "--theme 的值 \"blue\" 无效"},
	} {
		_, errOut, code := cli(t, append([]string{"sweep", "lost-final-ack", "--runs", "100000000"}, c.args...)...)
		if code != exitUsage || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: code %d\n%s", c.args, code, errOut)
		}
	}
}
