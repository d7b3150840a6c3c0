package main

import (
	"strings"
	"testing"

	"github.com/tcpsim/tcpsim/internal/textwrap"
)

// lineOf is the first line of out that starts with prefix.
func lineOf(t *testing.T, out, prefix string) string {
	t.Helper()
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	t.Fatalf("no line starts with %q in\n%s", prefix, out)
	return ""
}

// The explore report in Chinese: the same lines as the English, each in
// Chinese, protocol tokens and state names as they are.
func TestExploreChinese(t *testing.T) {
	zh, errOut, code := cli(t, "explore", "lost-final-ack", "--drops", "1", "--lang", "zh")
	if code != 0 {
		t.Fatalf("code %d: %s", code, errOut)
	}
	en, _, _ := cli(t, "explore", "lost-final-ack", "--drops", "1")
	if strings.Count(zh, "\n") != strings.Count(en, "\n") {
		t.Errorf("zh has %d lines, en %d", strings.Count(zh, "\n"), strings.Count(en, "\n"))
	}
	for _, want := range []string{
		"穷举 lost-final-ack：最多丢 1 个报文段（重传的也算）的每一种丢法\n",
		"12 种运行：1 种不丢，11 种丢 1 个\n",
		"一次运行最多发送 13 个报文段；一种都没跳过（穷举完整）\n",
		"\n结局分类\n",
		"  [2] 2 次运行：A CLOSED，B LISTEN；数据完整\n      错误：A 无，B 无\n",
		"        丢掉 #1（t=0s）：A->B SYN seq=100\n          发送时处于 SYN-SENT\n",
		"  在全部 12 次运行中都成立：\n  - 每个事件都满足 SND.UNA =< SND.NXT\n",
		"\n覆盖：有限状态机表中 ",
	} {
		if !strings.Contains(zh, want) {
			t.Errorf("no %q in\n%s", want, zh)
		}
	}
	for _, english := range []string{"runs", "smallest", "Outcome", "Invariants", "Coverage", "errors", "lose #"} {
		if strings.Contains(zh, english) {
			t.Errorf("English %q left in\n%s", english, zh)
		}
	}
}

// A violation and a crash in Chinese: the lab's words for the invariant.
func TestExploreChineseViolation(t *testing.T) {
	zh, _, code := cli(t, "explore", "lost-fin", "--drops", "2", "--crash", "--lang", "zh")
	if code != exitFailed {
		t.Fatalf("code %d, want %d (a violation)", code, exitFailed)
	}
	for _, want := range []string{
		"661 种运行：1 种无故障，33 种 1 个故障，",
		"在 39 次运行中被违反：两边的应用都关闭了，A 却停在 FIN-WAIT-2，也没有报错\n",
		"        B 在 t=2.050000001s 崩溃（紧跟在 2.05s 之后）\n          当时处于 CLOSE-WAIT；它忘掉了这个连接（RFC 9293 §3.5.1）\n",
		"错误：A 连接被重置，B 无\n",
	} {
		if !strings.Contains(zh, want) {
			t.Errorf("no %q in\n%s", want, zh)
		}
	}
}

// The sweep table in Chinese lines up as the English one does: the same
// terminal cells up to the last heading, the chart's axis as wide.
func TestSweepChinese(t *testing.T) {
	args := []string{"sweep", "normal-close", "--runs", "50", "--loss", "0:0.2:0.1"}
	zh, errOut, code := cli(t, append(args, "--lang", "zh")...)
	if code != 0 {
		t.Fatalf("code %d: %s", code, errOut)
	}
	en, _, _ := cli(t, args...)
	for _, want := range []string{
		"扫描 normal-close：3 个丢包率，每点从种子 1 起跑 50 次\n",
		"\n结局分类（占运行的比例）\n丢包率 0\n  100.00%  A CLOSED，B CLOSED；错误 A 无，B 无；数据完整\n",
		"\n各类结局随丢包率的比例（一格 = 2% 的运行）\n",
		"  1  A CLOSED，B CLOSED；错误 A 无，B 无；数据完整\n",
	} {
		if !strings.Contains(zh, want) {
			t.Errorf("no %q in\n%s", want, zh)
		}
	}
	zhHead, enHead := lineOf(t, zh, "丢包率 "), lineOf(t, en, "loss ")
	cut := func(s string) string { return s[:strings.LastIndex(s, "  ")] } // up to the worst seed's heading
	if textwrap.Width(cut(zhHead)) != textwrap.Width(cut(enHead)) {
		t.Errorf("headings out of line:\n%s\n%s", zhHead, enHead)
	}
	if a, b := lineOf(t, zh, "丢包率  0%"), lineOf(t, en, "loss    0%"); textwrap.Width(a) != textwrap.Width(b) || !strings.HasSuffix(a, "100%") {
		t.Errorf("axis out of line:\n%s\n%s", a, b)
	}
	if lineOf(t, zh, "0.1 ") != lineOf(t, en, "0.1 ") {
		t.Errorf("a row of figures differs:\n%s\n%s", lineOf(t, zh, "0.1 "), lineOf(t, en, "0.1 "))
	}
}

// Machine-readable output stays English whatever --lang says.
func TestSweepMachineOutputEnglish(t *testing.T) {
	for _, f := range []string{"csv", "json"} {
		args := []string{"sweep", "normal-close", "--runs", "20", "--loss", "0:0.2:0.1", "--format", f}
		zh, _, _ := cli(t, append(args, "--lang", "zh")...)
		en, _, _ := cli(t, args...)
		if zh != en || zh == "" {
			t.Errorf("--format %s differs in Chinese:\n%s\n%s", f, zh, en)
		}
	}
}

// explore --all in Chinese: the table's headings line up with the figures.
func TestExploreAllChinese(t *testing.T) {
	zh, errOut, code := cli(t, "explore", "--all", "--drops", "1", "--lang", "zh")
	if code != 0 {
		t.Fatalf("code %d: %s", code, errOut)
	}
	en, _, _ := cli(t, "explore", "--all", "--drops", "1")
	if !strings.HasPrefix(zh, "explore --all：") || !strings.Contains(zh, "\n不变式\n  在全部 ") || !strings.Contains(zh, "；没有触发的是：\n") {
		t.Errorf("not Chinese:\n%s", zh)
	}
	if a, b := lineOf(t, zh, "场景 "), lineOf(t, en, "scenario "); textwrap.Width(a) != textwrap.Width(b) {
		t.Errorf("headings out of line:\n%s\n%s", a, b)
	}
	if a, b := lineOf(t, zh, "合计 "), lineOf(t, en, "total "); textwrap.Width(a) != textwrap.Width(b) {
		t.Errorf("total out of line:\n%s\n%s", a, b)
	}
}

// explore's and sweep's complaints in Chinese, still usage errors.
func TestExploreSweepErrorsChinese(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"explore", "normal-close", "--drops", "9"}, "tcpsim: --drops 的值 9 无效：应为 0 到 8\n"},
		{[]string{"sweep", "normal-close", "--loss", "2"}, "tcpsim: --loss 的值 \"2\" 无效：应为一个概率，或 FROM:TO:STEP，例如 0:0.3:0.05\n"},
	} {
		_, errOut, code := cli(t, append(c.args, "--lang", "zh")...)
		if code != exitUsage || !strings.HasPrefix(errOut, c.want) {
			t.Errorf("%v: code %d\n%s", c.args, code, errOut)
		}
	}
}
