package fsm

import (
	"strings"
	"testing"
)

// pshPattern sends one write of n bytes with the given PSHEvery and
// returns one letter per segment: P with PSH, - without.
func pshPattern(t *testing.T, every int, maxWnd uint32, n int) (*Conn, *recorder, string) {
	t.Helper()
	c, r := connEstablished()
	c.Cfg.PSHOnLast, c.Cfg.PSHEvery, c.Cfg.NoDelay = true, every, true
	c.cwnd = 1 << 20
	c.tcb.MaxSndWnd = maxWnd
	c.Send(make([]byte, n), 0)
	var b strings.Builder
	for _, s := range r.take() {
		if s.Flags&PSH != 0 {
			b.WriteByte('P')
		} else {
			b.WriteByte('-')
		}
	}
	return c, r, b.String()
}

// Each burst: PSH on every k-th full segment and on the last (Linux,
// measured: docs/kernel.md "PSH in the middle of a write").
func TestPSHEvery_Burst(t *testing.T) {
	for _, tc := range []struct {
		every int
		want  string
	}{
		{0, "------P"}, // last only
		{2, "-P-P-PP"}, // 5 ms or more
		{5, "----P-P"}, // below 5 ms
		{1, "PPPPPPP"},
	} {
		if _, _, got := pshPattern(t, tc.every, 64000, 6*1460+100); got != tc.want {
			t.Errorf("PSHEvery %d: %s, want %s", tc.every, got, tc.want)
		}
	}
}

// forced_push: more than half the largest window since the last PSH.
func TestPSHEvery_HalfTheLargestWindow(t *testing.T) {
	if _, _, got := pshPattern(t, 5, 4000, 6*1460+100); got != "-P-P-PP" {
		t.Errorf("max window 4000: %s, want -P-P-PP", got)
	}
}

// A second write counts from its own first byte.
func TestPSHEvery_CountsFromTheWrite(t *testing.T) {
	c, r, _ := pshPattern(t, 2, 64000, 1460+100)
	c.Send(make([]byte, 3*1460), 0)
	var got []bool
	for _, s := range r.take() {
		got = append(got, s.Flags&PSH != 0)
	}
	if len(got) != 3 || got[0] || !got[1] || !got[2] {
		t.Errorf("second write's PSH flags %v, want [false true true]", got)
	}
}

// A resent segment keeps the PSH it was sent with.
func TestPSHEvery_ResendKeepsPSH(t *testing.T) {
	c, r, got := pshPattern(t, 1, 64000, 3*1460)
	if got != "PPP" {
		t.Fatalf("sent %s, want PPP", got)
	}
	c.Timeout(TimerRTO, false)
	expectSent(t, r, "<SEQ=10001><ACK=4294967281><CTL=PSH,ACK><DATA=1460>")
}
