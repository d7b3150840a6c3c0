package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// validate --lang zh explains each problem in Chinese and keeps what a
// reader and an editor need as it is: file:line:column, the path, the
// quoted value, the excerpt with its caret. English stays the default.
func TestValidateInChinese(t *testing.T) {
	file := filepath.Join(t.TempDir(), "bad.yaml")
	src := "name: Bad One\nprofile: linx\ntimeline:\n  - {at: 0s, b: listn}\n"
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	_, zh, code := cli(t, "--lang", "zh", "validate", file)
	if code != exitUsage {
		t.Fatalf("exit %d, want %d", code, exitUsage)
	}
	for _, want := range []string{
		file + `:1:7: name: 名字只能由小写字母`, `这里是 "Bad One"`,
		file + `:2:10: profile: 未知的配置 "linx"（是不是想写 "linux"？）；应为 linux 或 rfc9293`,
		file + `:4:17: timeline[0].b: 未知的动作 "listn"`, "listen、connect",
		">  2 | profile: linx",
	} {
		if !strings.Contains(zh, want) {
			t.Errorf("zh: no %q in\n%s", want, zh)
		}
	}
	if m := englishRun.FindString(zh); m != "" {
		t.Errorf("zh: English %q in\n%s", m, zh)
	}
	_, en, _ := cli(t, "validate", file)
	if !strings.Contains(en, file+`:2:10: profile: unknown profile "linx" (did you mean "linux"?); expected linux or rfc9293`) {
		t.Errorf("en changed:\n%s", en)
	}
}
