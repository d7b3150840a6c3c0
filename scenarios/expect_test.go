package scenarios

import (
	"errors"
	"testing"

	"github.com/tcpsim/tcpsim/sim"
)

// closeSrc is a normal close with a lost FIN from A, so counts and
// retransmissions have something to see.
const closeSrc = `msl: 1s
faults:
  - drop: {from: a, flags: [FIN, ACK], nth: 1}
timeline:
  - {at: 0s, b: listen}
  - {at: 0s, a: connect}
  - {when: {a: ESTABLISHED}, a: {send: "hello"}}
  - {at: 1s, a: close}
  - {when: {b: CLOSE-WAIT}, b: close}
`

// Every kind of expectation, true and false against the same run, with
// what each says when it is not met ("" when it is).
func TestExpectations(t *testing.T) {
	src := closeSrc + `expect:
  final: {a: CLOSED, b: LAST-ACK}
  visits:
    a: [SYN-SENT, ESTABLISHED, FIN-WAIT-1, TIME-WAIT, CLOSED]
    b: [LISTEN, CLOSE-WAIT, LISTEN]
  never: {a: [CLOSING], b: [LAST-ACK]}
  states:
    - {at: 1.5s, a: FIN-WAIT-1, b: ESTABLISHED}
  segments:
    - {from: a, flags: [FIN, ACK], count: 2}
    - {from: a, flags: [FIN], contains: true, retransmission: true, count: 1}
    - {from: a, data: true, min: 2}
    - {from: b, flags: [ACK], state: CLOSE-WAIT, max: 0}
    - {from: b, flags: [RST], contains: true, min: 1, max: 3}
  read: {a: 0, b: 4}
  errors: {a: none, b: [reset]}
`
	sc, err := Load("e.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	tr := sim.Run(sc.Config)
	want := []struct{ path, what, got string }{
		{"expect.final.a", "A to end in CLOSED", ""},
		{"expect.final.b", "B to end in LAST-ACK", "it ended in CLOSED"},
		{"expect.visits.a", "A to pass through SYN-SENT, ESTABLISHED, FIN-WAIT-1, TIME-WAIT, CLOSED in that order", ""},
		{"expect.visits.b", "B to pass through LISTEN, CLOSE-WAIT, LISTEN in that order",
			"it never entered LISTEN after CLOSE-WAIT (its states were LISTEN, SYN-RECEIVED, ESTABLISHED, CLOSE-WAIT, LAST-ACK, CLOSED)"},
		{"expect.never.a[0]", "A never to enter CLOSING", ""},
		{"expect.never.b[0]", "B never to enter LAST-ACK", "it did at 2.050s"},
		{"expect.states[0].a", "A to be in FIN-WAIT-1 at 1.500s", ""},
		{"expect.states[0].b", "B to be in ESTABLISHED at 1.500s", ""},
		{"expect.segments[0]", "A to send 2 segments with flags FIN,ACK", ""},
		{"expect.segments[1]", "A to send 1 segment with flags including FIN as retransmissions", ""},
		{"expect.segments[2]", "A to send at least 2 segments of any kind carrying data", "it sent 1"},
		{"expect.segments[3]", "B to send 0 segments with flags ACK while in CLOSE-WAIT", "it sent 1"},
		{"expect.segments[4]", "B to send 1 to 3 segments with flags including RST", "it sent 0"},
		{"expect.read.a", "A to read 0 bytes in all", ""},
		{"expect.read.b", "B to read 4 bytes in all", "it read 5"},
		{"expect.errors.a", "A to be told of no error", ""},
		{"expect.errors.b", `B to be told "connection reset"`, "it was told of no error"},
	}
	if len(sc.Expect) != len(want) {
		t.Fatalf("%d expectations, want %d", len(sc.Expect), len(want))
	}
	for i, w := range want {
		x := &sc.Expect[i]
		if x.Path != w.path || x.What != w.what {
			t.Errorf("%d: %s %q, want %s %q", i, x.Path, x.What, w.path, w.what)
		}
		if got := x.Test(tr); got != w.got {
			t.Errorf("%s: got %q, want %q", x.Path, got, w.got)
		}
	}
	// Check reports the first unmet one, with its line.
	err = sc.Check(tr)
	var ce *CheckError
	if !errors.As(err, &ce) {
		t.Fatalf("Check: %v", err)
	}
	if want := "e.yaml:11: expect.final.b: expected B to end in LAST-ACK, but it ended in CLOSED"; err.Error() != want {
		t.Errorf("Check:\n got %s\nwant %s", err, want)
	}
}

func TestCheckPasses(t *testing.T) {
	sc, err := Load("e.yaml", []byte(closeSrc+"expect:\n  final: {a: CLOSED, b: CLOSED}\n  errors: {a: none, b: none}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := sc.Check(sim.Run(sc.Config)); err != nil {
		t.Error(err)
	}
}

// A visit list fails at the first state never reached, and says so when
// the endpoint never moved at all.
func TestVisitsMessages(t *testing.T) {
	sc, err := Load("v.yaml", []byte("timeline:\n  - {at: 0s, a: connect}\nexpect:\n  visits: {a: [ESTABLISHED], b: [LISTEN]}\n"))
	if err != nil {
		t.Fatal(err)
	}
	tr := sim.Run(sc.Config)
	if got, want := sc.Expect[0].Test(tr), "it never entered ESTABLISHED (its states were SYN-SENT, CLOSED)"; got != want {
		t.Errorf("a: %q, want %q", got, want)
	}
	if got, want := sc.Expect[1].Test(tr), "it never entered LISTEN (it never changed state)"; got != want {
		t.Errorf("b: %q, want %q", got, want)
	}
}
