package lessons_test

import (
	"fmt"
	"testing"

	"github.com/tcpsim/tcpsim/internal/glossary"
	"github.com/tcpsim/tcpsim/lesson"
)

// Every bundled lesson's Chinese uses the glossary's terms and Chinese
// punctuation, as the scenarios and the catalogue do: a student meets
// the same words in a lesson as in the lab and the textbook.
func TestLessonsChinese(t *testing.T) {
	g, err := glossary.Load("../docs/glossary-zh.md")
	if err != nil {
		t.Fatal(err)
	}
	zh := map[string]string{}
	add := func(id string, tx lesson.Text) {
		if s := tx["zh"]; s != "" {
			zh[id] = s
		}
	}
	for _, l := range lesson.Bundled() {
		add(l.Name+".title", l.Title)
		add(l.Name+".summary", l.Summary)
		for i, b := range l.Beats {
			id := fmt.Sprintf("%s.beats[%d]", l.Name, i)
			add(id+".say", b.Say)
			if q := b.Ask; q != nil {
				add(id+".prompt", q.Prompt)
				add(id+".hint", q.Hint)
				add(id+".explain", q.Explain)
				for j, c := range q.Choices {
					add(fmt.Sprintf("%s.choose[%d]", id, j), c.Text)
				}
			}
		}
		if l.Goal != nil {
			add(l.Name+".goal", l.Goal.Say)
		}
	}
	if len(zh) == 0 {
		t.Fatal("no Chinese text in the bundled lessons")
	}
	for _, p := range g.Check(zh) {
		t.Error(p)
	}
	for _, p := range glossary.Punctuation(zh) {
		t.Error(p)
	}
}
