package glossary

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMarkdown(t *testing.T) {
	md := "# 标题\n\n第一段，\n第二行。\n\n```\nretransmission in a screen\n```\n\n    tcpsim run --tap link\n\n" +
		"| 键 | 含义 |\n|---|---|\n| `loss` | 丢包 |\n\n见 [docs/profiles.md](../profiles.md)。\n"
	got := Markdown("x.md", md)
	want := map[string]string{
		"x.md:1":  "# 标题",
		"x.md:3":  "第一段，\n第二行。",
		"x.md:12": "| 键 | 含义 |",
		"x.md:13": "|---|---|",
		"x.md:14": "| `loss` | 丢包 |",
		"x.md:16": "见 [  。",
	}
	if len(got) != len(want) {
		t.Errorf("got %q", got)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got %q, want %q", k, got[k], v)
		}
	}
}

// The Chinese docs use the glossary's words.
func TestChineseDocs(t *testing.T) {
	g := project(t)
	files, _ := filepath.Glob("../../docs/zh/*.md")
	files = append(files, "../../README.zh-CN.md")
	if len(files) < 3 {
		t.Fatalf("only %v", files)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimPrefix(f, "../../")
		prose := Markdown(name, string(b))
		for _, p := range g.Check(prose) {
			t.Error(p)
		}
		for _, p := range Punctuation(prose) {
			t.Error(p)
		}
	}
}
