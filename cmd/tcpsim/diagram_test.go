package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDiagramFormats(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.svg", "a.png", "a.mmd"} {
		out := filepath.Join(dir, name)
		stdout, stderr, code := cli(t, "diagram", "lost-final-ack", "-o", out)
		if code != 0 || !strings.Contains(stdout, "wrote "+out) {
			t.Fatalf("%s: exit %d: %s %s", name, code, stdout, stderr)
		}
		b, err := os.ReadFile(out)
		if err != nil || len(b) < 500 {
			t.Fatalf("%s: %d bytes, %v", name, len(b), err)
		}
	}
	svg, _ := os.ReadFile(filepath.Join(dir, "a.svg"))
	if !bytes.Contains(svg, []byte("lost on the link")) || !bytes.Contains(svg, []byte("TIME-WAIT")) {
		t.Error("the SVG lacks the lost ACK or TIME-WAIT")
	}
	// --raw, a window, the state diagram, the dark theme.
	out := filepath.Join(dir, "w.svg")
	if _, stderr, code := cli(t, "diagram", "lost-final-ack", "--raw", "--from", "1s", "--to", "2.2s", "--theme", "dark", "-o", out); code != 0 {
		t.Fatal(stderr)
	}
	w, _ := os.ReadFile(out)
	if bytes.Contains(w, []byte("SYN seq")) || !bytes.Contains(w, []byte("seq=106")) {
		t.Error("the 1s..2.2s window with raw numbers should hold FIN seq=106 and no SYN")
	}
	if _, stderr, code := cli(t, "diagram", "normal-close", "--states", "-o", out); code != 0 {
		t.Fatal(stderr)
	}
	if s, _ := os.ReadFile(out); !bytes.Contains(s, []byte("TIME-WAIT timeout")) {
		t.Error("the state diagram lacks an arc label from fsm.Table")
	}
}

func TestDiagramCapture(t *testing.T) {
	caps, _ := filepath.Glob("../../replay/testdata/*.pcap*")
	if len(caps) == 0 {
		t.Fatal("no capture under replay/testdata")
	}
	out := filepath.Join(t.TempDir(), "c.svg")
	if _, stderr, code := cli(t, "diagram", caps[0], "-o", out); code != 0 {
		t.Fatalf("%s: %s", caps[0], stderr)
	}
}

func TestDiagramBadInput(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "keep.svg")
	if err := os.WriteFile(old, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"diagram", "lost-final-ack", "-o", filepath.Join(dir, "x.jpg")},
		{"diagram", "lost-final-ack", "--theme", "pink", "-o", old},
		{"diagram", "lost-final-ack", "--from", "soon", "-o", old},
		{"diagram", "lost-final-ack", "--from", "1h", "-o", old},
		{"diagram", "lost-final-ack", "--lang", "xx", "-o", old},
		{"record", "lost-final-ack", "-o", filepath.Join(dir, "x.json")},
	} {
		_, stderr, code := cli(t, args...)
		if code == 0 || stderr == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
	if b, _ := os.ReadFile(old); string(b) != "old" {
		t.Error("a failed diagram replaced the existing file")
	}
}

func TestRecordCast(t *testing.T) {
	out := filepath.Join(t.TempDir(), "run.cast")
	if _, stderr, code := cli(t, "record", "handshake", "--width", "100", "--height", "30", "-o", out); code != 0 {
		t.Fatal(stderr)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	sc.Scan()
	var hdr struct{ Version, Width, Height int }
	if err := json.Unmarshal(sc.Bytes(), &hdr); err != nil || hdr.Version != 2 || hdr.Width != 100 || hdr.Height != 30 {
		t.Fatalf("header %s: %v", sc.Bytes(), err)
	}
	n, last := 0, -1.0
	for sc.Scan() {
		var ev []any
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil || len(ev) != 3 || ev[1] != "o" {
			t.Fatalf("event %d: %s", n, sc.Text())
		}
		at := ev[0].(float64)
		if at <= last {
			t.Fatalf("event %d at %v after %v", n, at, last)
		}
		last = at
		n++
	}
	if n < 5 {
		t.Errorf("only %d events", n)
	}
}
