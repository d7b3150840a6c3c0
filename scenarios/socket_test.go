package scenarios

import (
	"strings"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// The application's options and actions (issue 14) as the loader reads them.
func TestLoadSocketOptions(t *testing.T) {
	src := `endpoints:
  a: {keepalive: {}, fin_timeout: 3s}
  b: {rcvbuf: 4096, read: {bytes: 100, every: 10ms}}
faults:
  - vanish: {from: both, at: 1s, until: 2s}
  - inject: {at: 1s, to: a, seg: {seq: 1, ack: 1, flags: [ACK], wnd: 0}}
timeline:
  - {at: 0s, b: listen}
  - {at: 0s, a: connect}
  - {at: 1s, b: stop_reading}
  - {at: 2s, b: {read: 50}}
  - {at: 3s, b: read}
  - {at: 4s, a: {shutdown: write}}
  - {at: 5s, b: close}
`
	sc, err := Load("t.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	c := sc.Config
	// MUST-28: keep-alive's idle time defaults to at least two hours.
	if c.A.KeepIdle != 2*time.Hour || c.A.KeepIntvl != 75*time.Second || c.A.KeepCnt != 9 || c.A.FinTimeout != 3*time.Second {
		t.Errorf("A: %+v", c.A)
	}
	if c.B.RcvBuf != 4096 || c.B.Read != sim.ReadPeriodic || c.B.ReadBytes != 100 || c.B.ReadEvery != 10*time.Millisecond {
		t.Errorf("B: %+v", c.B)
	}
	if f := c.Faults[0]; f.Kind != sim.FaultVanish || !f.Both || f.At != time.Second || f.Until != 2*time.Second {
		t.Errorf("vanish: %+v", f)
	}
	if w := c.Faults[1].Seg.Wnd; w != 0 {
		t.Errorf("an injected wnd: 0 became %d", w)
	}
	var ops []string
	for _, a := range c.Timeline[2:] {
		ops = append(ops, a.Op.String())
	}
	if got := strings.Join(ops, ","); got != "stop reading,read,read,shutdown,close" || c.Timeline[3].N != 50 || c.Timeline[4].N != 0 {
		t.Errorf("ops %s (read N %d, %d)", got, c.Timeline[3].N, c.Timeline[4].N)
	}
	if c.Timeline[5].Op != trace.OpShutdown {
		t.Errorf("{shutdown: write} is %v", c.Timeline[5].Op)
	}
}

func TestSocketOptionErrors(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"endpoints:\n  b: {read: sometimes}\ntimeline:\n  - {at: 0s, b: listen}\n", `expected immediately, manually or {bytes: 1000, every: 100ms}, got "sometimes"`},
		{"endpoints:\n  b: {rcvbuf: 0}\ntimeline:\n  - {at: 0s, b: listen}\n", "expected a receive buffer of 1 byte or more"},
		{"endpoints:\n  a: {keepalive: {count: 0}}\ntimeline:\n  - {at: 0s, b: listen}\n", "expected 1 or more probes"},
		{"faults:\n  - vanish: {from: c}\ntimeline:\n  - {at: 0s, b: listen}\n", "expected an endpoint, a or b, or both"},
		{"faults:\n  - vanish: {from: b, at: 2s, until: 1s}\ntimeline:\n  - {at: 0s, b: listen}\n", "not after it breaks"},
		{"timeline:\n  - {at: 0s, b: {read: 0}}\n", "expected a number of bytes to read"},
		{"timeline:\n  - {at: 0s, b: {shutdown: both}}\n", "for both, write two steps"},
	} {
		_, err := Load("t.yaml", []byte(c.src))
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "t.yaml:") {
			t.Errorf("%q: got %v, want an error at file:line:column with %q", c.src, err, c.want)
		}
	}
}

// {link: ...} changes the link from then on; keys left out keep the
// scenario's values.
func TestLoadLinkAction(t *testing.T) {
	src := `link: {delay: 20ms}
timeline:
  - {at: 0s, b: listen}
  - {at: 1s, a: {link: {loss: 1, b_to_a: {delay: 5ms}}}}
`
	sc, err := Load("t.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	a := sc.Config.Timeline[1]
	if a.Op != trace.OpLink || a.Link == nil {
		t.Fatalf("step %+v", a)
	}
	if ab, ba := a.Link[0], a.Link[1]; ab.Loss != 1 || ba.Loss != 1 || ab.Delay != 20*time.Millisecond || ba.Delay != 5*time.Millisecond {
		t.Errorf("links %+v", *a.Link)
	}
	_, err = Load("t.yaml", []byte("timeline:\n  - {at: 0s, a: {link: {los: 1}}}\n"))
	if err == nil || !strings.Contains(err.Error(), "t.yaml:2:") || !strings.Contains(err.Error(), "loss") {
		t.Errorf("a misspelt link key: %v", err)
	}
}
