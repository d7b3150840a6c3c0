package glossary

import (
	"strings"
	"testing"
)

func project(t *testing.T) *Glossary {
	t.Helper()
	g, err := Load("../../docs/glossary-zh.md")
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestParseProjectGlossary(t *testing.T) {
	g := project(t)
	if len(g.Terms) < 40 {
		t.Fatalf("only %d terms", len(g.Terms))
	}
	want := map[string]string{"sequence number": "序号", "retransmission timeout": "超时重传时间", "ladder diagram": "时序图"}
	for _, term := range g.Terms {
		for _, en := range term.English {
			if zh, ok := want[en]; ok {
				if term.Chinese[0] != zh {
					t.Errorf("%s: %v, want %s", en, term.Chinese, zh)
				}
				delete(want, en)
			}
		}
	}
	if len(want) != 0 {
		t.Errorf("missing terms %v", want)
	}
}

func TestParseErrors(t *testing.T) {
	head := "| English | 中文 | not | note |\n|---|---|---|---|\n"
	for _, c := range []struct{ md, want string }{
		{"no table here\n", "glossary: no table with the header | English | 中文 | not |"},
		{head + "| segment | | | |\n", "glossary line 3: a term needs English and Chinese"},
		{head + "| segment |\n", "glossary line 3: expected English | 中文 | not | note"},
		{head + "| a | 序号 | |\n| b | 序列号 | 序号 |\n", "glossary: 序号 is both a term and a word to avoid"},
	} {
		_, err := Parse(c.md)
		if err == nil || err.Error() != c.want {
			t.Errorf("%q: got %v, want %s", c.md, err, c.want)
		}
	}
}

func TestCheck(t *testing.T) {
	g := project(t)
	got := g.Check(map[string]string{
		"ok":        "A 进入 TIME-WAIT(netstat 里写作 TIME_WAIT),等待 2MSL;RTO 到期后重传 FIN,ACK seq=301。",
		"english":   "B 的 Retransmission timer 到期后,重传了两个 segments。",
		"longest":   "对方通告了 zero window。",
		"variant":   "SYN 的序列号是 100,确认序号是 301。",
		"inside":    "零窗口探测由持续计时器发出。",
		"notprose":  "运行 `tcpsim export --tap link` 或 tcpsim run --loss 0.2;{{.Segment}} 已发送。",
		"wordparts": "FIN-WAIT-2 状态下 linked 与 windows 都不是术语 (windowsill)。",
		"timer":     "保活定时器",
	})
	want := []string{
		`english: "Retransmission timer" left in English; the glossary says 重传计时器`,
		`english: "segments" left in English; the glossary says 报文段`,
		`longest: "zero window" left in English; the glossary says 窗口, 接收窗口, 零窗口`,
		`timer: 定时器 is another translation of "timer"; the glossary says 计时器`,
		`variant: 序列号 is another translation of "sequence number"; the glossary says 序号`,
		`variant: 确认序号 is another translation of "acknowledgment number"; the glossary says 确认号`,
		`wordparts: "windows" left in English; the glossary says 窗口, 接收窗口, 零窗口`,
	}
	var lines []string
	for _, p := range got {
		lines = append(lines, p.String())
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}
