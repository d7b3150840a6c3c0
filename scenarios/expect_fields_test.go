package scenarios

import (
	"strings"
	"testing"

	"github.com/tcpsim/tcpsim/sim"
)

const fieldsSrc = `msl: 2s
link: {delay: 50ms}
timeline:
  - {at: 0s, b: listen}
  - {at: 0s, a: connect}
  - {when: {a: ESTABLISHED}, a: {send: "hello"}}
  - {at: 1s, a: close}
  - {when: {b: CLOSE-WAIT}, after: 100ms, b: close}
expect:
  sent:
    - {from: a, flags: [SYN], seq: 100, raw: true}
    - {from: b, flags: [SYN, ACK], seq: 0, ack: 1, wnd: 65535}
    - {from: a, data: true, seq: 1, ack: 1, len: 5}
    - {from: a, flags: [FIN, ACK], seq: 6, ack: 1}
    - {from: a, flags: [ACK], nth: 3, seq: 7, ack: 2}
    - {from: a, flags: [ACK], nth: 9, seq: 7}
    - {from: b, flags: [FIN, ACK], seq: 1, ack: 9}
  timers:
    - {side: a, timer: TIME-WAIT, duration: 4s, fired: 5.2s}
    - {side: a, timer: rto, nth: 1, duration: 1s, fired: never}
    - {side: b, timer: TIME-WAIT, fired: never}
    - {side: a, timer: TIME-WAIT, fired: 5s}
    - {side: a, timer: RTO, nth: 2, duration: 3s}
`

// The sent: and timers: expectations state a segment's numbers and a
// timer's duration and expiry; each line passes or says what happened.
func TestSentAndTimerExpectations(t *testing.T) {
	sc, err := Load("f.yaml", []byte(fieldsSrc))
	if err != nil {
		t.Fatal(err)
	}
	tr := sim.Run(sc.Config)
	want := []struct{ path, what, got string }{
		{"expect.sent[0]", "A's 1st segment with flags SYN to have seq=100 (raw numbers)", ""},
		{"expect.sent[1]", "B's 1st segment with flags SYN,ACK to have seq=0 ack=1 wnd=65535 (relative numbers)", ""},
		{"expect.sent[2]", "A's 1st segment of any kind carrying data to have seq=1 ack=1 len=5 (relative numbers)", ""},
		{"expect.sent[3]", "A's 1st segment with flags FIN,ACK to have seq=6 ack=1 (relative numbers)", ""},
		{"expect.sent[4]", "A's 3rd segment with flags ACK to have seq=7 ack=2 (relative numbers)", ""},
		{"expect.sent[5]", "A's 9th segment with flags ACK to have seq=7 (relative numbers)", "it sent only 3"},
		{"expect.sent[6]", "B's 1st segment with flags FIN,ACK to have seq=1 ack=9 (relative numbers)", "it was seq=1 ack=7 wnd=65535 len=0 at 1.150s"},
		{"expect.timers[0]", "A's TIME-WAIT timer, the 1st time it was started, set for 4.000s and to fire at 5.200s", ""},
		{"expect.timers[1]", "A's RTO timer, the 1st time it was started, set for 1.000s and never to fire", ""},
		{"expect.timers[2]", "B's TIME-WAIT timer, the 1st time it was started, never to fire", "it was not started that often"},
		{"expect.timers[3]", "A's TIME-WAIT timer, the 1st time it was started, to fire at 5.000s", "it fired at 5.200s"},
		{"expect.timers[4]", "A's RTO timer, the 2nd time it was started, set for 3.000s", "it was set for 1.000s at 0.100s"},
	}
	if len(sc.Expect) != len(want) {
		t.Fatalf("%d expectations, want %d", len(sc.Expect), len(want))
	}
	for i, w := range want {
		x := &sc.Expect[i]
		if got := x.Test(tr); x.Path != w.path || x.What != w.what || got != w.got {
			t.Errorf("%d: %s %q -> %q\n want %s %q -> %q", i, x.Path, x.What, got, w.path, w.what, w.got)
		}
	}
}

func TestSentAndTimerErrors(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"sent:\n    - {from: a, flags: [SYN]}", "f.yaml:11:7: expect.sent[0]: expected seq, ack, wnd or len to check"},
		{"sent:\n    - {from: c, seq: 1}", "expect.sent[0].from"},
		{"sent:\n    - {from: a, nth: 0, seq: 1}", "expect.sent[0].nth: expected 1 or more"},
		{"timers:\n    - {side: a, timer: keepalive, fired: never}", `expect.timers[0].timer: unknown timer "keepalive"`},
		{"timers:\n    - {side: a, timer: RTO}", "expect.timers[0]: expected duration"},
		{"timers:\n    - {side: a, timer: RTO, fired: soon}", "expect.timers[0].fired"},
	} {
		src := fieldsSrc[:strings.Index(fieldsSrc, "expect:")] + "expect:\n  " + c.src + "\n"
		_, err := Load("f.yaml", []byte(src))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %s", c.src, err, c.want)
		}
	}
}
