package scenarios

import (
	"strings"
	"testing"
)

func TestLoadSndBuf(t *testing.T) {
	sc, err := Load("t.yaml", []byte("endpoints:\n  a: {sndbuf: 4000}\ntimeline:\n  - {at: 0s, b: listen}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if sc.Config.A.SndBuf != 4000 || sc.Config.B.SndBuf != 0 {
		t.Errorf("sndbuf A %d, B %d; want 4000 and none", sc.Config.A.SndBuf, sc.Config.B.SndBuf)
	}
	for _, c := range []struct{ src, want string }{
		{"endpoints:\n  a: {sndbuf: 0}\ntimeline:\n  - {at: 0s, b: listen}\n", "t.yaml:2:15: endpoints.a.sndbuf: expected a send buffer of 1 byte or more, got 0"},
		{"endpoints:\n  a: {sndbuf: -5}\ntimeline:\n  - {at: 0s, b: listen}\n", "t.yaml:2:"},
		{"endpoints:\n  a: {sndbuf: lots}\ntimeline:\n  - {at: 0s, b: listen}\n", "t.yaml:2:"},
	} {
		_, err := Load("t.yaml", []byte(c.src))
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%q: got %v, want an error starting %q", c.src, err, c.want)
		}
	}
}
