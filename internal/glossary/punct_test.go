package glossary

import (
	"strings"
	"testing"
)

func TestPunctuation(t *testing.T) {
	got := Punctuation(map[string]string{
		"ok":    "B 回 SYN,ACK：ack=101（RFC 9293 §3.5，图 6）。运行 `tcpsim run x --seed 8,9` 就行。",
		"comma": "A 进入 TIME-WAIT,等待 2MSL",
		"paren": "连接被拒绝(ECONNREFUSED)",
		"call":  "调用 close()，或 shutdown(SHUT_WR)，然后（等待)。",
	})
	want := []string{
		`call: ")" in "后（等待)。"; Chinese text takes ）`,
		`comma: "," in "WAIT,等待 2"; Chinese text takes ，`,
		`paren: "(" in "接被拒绝(ECON"; Chinese text takes （`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
