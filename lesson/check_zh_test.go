package lesson

import (
	"errors"
	"strings"
	"testing"

	"github.com/tcpsim/tcpsim/msg"
)

// A lesson's check failure reads in Chinese with its place as it is.
func TestCheckErrorInChinese(t *testing.T) {
	zh, err := msg.New("zh")
	if err != nil {
		t.Fatal(err)
	}
	l, err := Load("x.yaml", []byte(head+"beats:\n  - {when: {b: CLOSED}, say: x}\n  - {when: {a: TIME-WAIT}, say: y}\n"))
	if err != nil {
		t.Fatal(err)
	}
	var ce *CheckError
	if !errors.As(l.Check(), &ce) {
		t.Fatalf("no CheckError: %v", l.Check())
	}
	got := ce.ErrorIn(zh)
	if !strings.HasPrefix(got, ce.File+":") || !strings.Contains(got, "beats[1].when: 这个时刻（事件 ") || !strings.Contains(got, "节拍要按运行的先后排列") {
		t.Errorf("zh: %s", got)
	}
	if ce.ErrorIn(msg.English()) != ce.Error() {
		t.Errorf("en: %s, Error: %s", ce.ErrorIn(msg.English()), ce.Error())
	}
}
