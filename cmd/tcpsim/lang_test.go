package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The tests' English output must not depend on the tester's locale, nor
// their output's width on the tester's $COLUMNS.
func TestMain(m *testing.M) {
	os.Setenv("TCPSIM_LANG", "en")
	os.Unsetenv("COLUMNS")
	os.Exit(m.Run())
}

func TestRunChinese(t *testing.T) {
	sc := bundled(t, "lost-final-ack")
	out, errs, code := cli(t, "run", "lost-final-ack", "--lang", "zh")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	var desc strings.Builder
	writeProse(&desc, sc.DescriptionIn("zh"), defaultWidth)
	for _, want := range []string{"lost-final-ack: " + sc.TitleIn("zh") + "\n", desc.String(),
		"丢失：", "第 1 次重传（RTO 1s）", "A：时间等待计时器超时", "最终状态：A CLOSED，B CLOSED"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
	for _, bad := range []string{"final:", "lost:", "retransmission", "timer expires"} {
		if strings.Contains(out, bad) {
			t.Errorf("English %q left in:\n%s", bad, out)
		}
	}
	// JSON Lines: keys and values for programs stay English, the note is
	// Chinese.
	out, _, code = cli(t, "run", "lost-final-ack", "--lang", "zh", "--format", "jsonl")
	if code != 0 || !strings.Contains(out, `"kind":"drop"`) || !strings.Contains(out, `"note":"丢失：`) {
		t.Errorf("jsonl, exit %d:\n%s", code, out)
	}
}

// The environment chooses when --lang is absent; --lang wins over it.
func TestLangFromEnvironment(t *testing.T) {
	zh := bundled(t, "handshake").TitleIn("zh")
	t.Setenv("TCPSIM_LANG", "zh_CN.UTF-8")
	out, _, _ := cli(t, "list")
	if !strings.Contains(out, zh) {
		t.Errorf("TCPSIM_LANG=zh_CN.UTF-8: no %q in\n%s", zh, out)
	}
	out, _, _ = cli(t, "list", "--lang", "en")
	if strings.Contains(out, zh) || !strings.Contains(out, "Three-way handshake") {
		t.Errorf("--lang en:\n%s", out)
	}
}

func TestBadLang(t *testing.T) {
	for _, verb := range [][]string{{"run", "handshake"}, {"list"}, {"check"}, {"export", "handshake", "-o", filepath.Join(t.TempDir(), "x.pcapng")}} {
		_, errs, code := cli(t, append(verb, "--lang", "fr")...)
		if code != exitUsage || !strings.Contains(errs, `invalid argument "fr" for --lang`) {
			t.Errorf("%v: exit %d, stderr %q", verb, code, errs)
		}
	}
}

func TestExportReplayDiagramChinese(t *testing.T) {
	dir := t.TempDir()
	capture := filepath.Join(dir, "lfa.pcapng")
	if _, errs, code := cli(t, "export", "lost-final-ack", "--lang", "zh", "-o", capture); code != 0 {
		t.Fatalf("export: exit %d, %s", code, errs)
	}
	b, err := os.ReadFile(capture)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "发送方 A") || strings.Contains(string(b), "sender A") {
		t.Error("the pcapng comments are not in Chinese")
	}
	out, errs, code := cli(t, "replay", capture, "--lang", "zh")
	if code != 0 || !strings.Contains(out, "最终状态：") {
		t.Errorf("replay: exit %d, %s\n%s", code, errs, out)
	}
	svg := filepath.Join(dir, "lfa.svg")
	if _, errs, code := cli(t, "diagram", "lost-final-ack", "--lang", "zh", "-o", svg); code != 0 {
		t.Fatalf("diagram: exit %d, %s", code, errs)
	}
	if b, err = os.ReadFile(svg); err != nil {
		t.Fatal(err)
	}
	if s := string(b); !strings.Contains(s, bundled(t, "lost-final-ack").TitleIn("zh")) || !strings.Contains(s, "在链路上丢失") {
		t.Error("the SVG's title and labels are not in Chinese")
	}
}

// check's report in Chinese: the unmet expectation, and each one with -v.
func TestCheckChinese(t *testing.T) {
	path := file(t, "mine.yaml", minimal+"expect:\n  final: {b: CLOSED}\n  visits:\n    a: [SYN-SENT, CLOSING]\n")
	out, _, code := cli(t, "check", path, "-v", "--lang", "zh")
	for _, want := range []string{
		path + ":5: expect.final.b：预期 B 最终处于 CLOSED，但实际最终处于 ESTABLISHED",
		"✗ A 依次经过 SYN-SENT, CLOSING",
		"0 个通过，1 个失败",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
	if code != exitFailed {
		t.Errorf("exit %d", code)
	}
	out, _, _ = cli(t, "check", path)
	if !strings.Contains(out, "expected B to end in CLOSED, but it ended in ESTABLISHED") {
		t.Errorf("English:\n%s", out)
	}
}
