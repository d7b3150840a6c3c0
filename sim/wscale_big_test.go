package sim

import (
	"strings"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/trace"
)

// With scaling negotiated a 256 KiB receive buffer is offered whole: the
// field says 256 (<< 10), and the sender keeps more than 64 KiB in flight,
// which no unscaled window allows.
func TestScaledWindowOpensPast64KiB(t *testing.T) {
	cfg := linuxConn(strings.Repeat("w", 400000), 10*time.Second, 0)
	cfg.B.RcvBuf = 256 << 10
	tr := Run(cfg)
	if got := received(tr, trace.B); got != 400000 {
		t.Fatalf("B read %d bytes, want 400000", got)
	}
	var field uint16
	var flight, most uint32
	for _, e := range tr.Events {
		if e.Kind == trace.KSend && e.Side == trace.B && e.Seg.Flags == fsm.ACK && field == 0 {
			field = e.Seg.Wnd
		}
		if e.Kind == trace.KSend && e.Side == trace.A {
			flight = uint32(e.TCB.SndNxt.Sub(e.TCB.SndUna))
			most = max(most, flight)
		}
	}
	if field != 256 {
		t.Errorf("B's first ACK carries window field %d, want 256 (256 KiB >> 10)", field)
	}
	if most <= 65535 {
		t.Errorf("at most %d bytes in flight: the window never opened past 64 KiB", most)
	}
}
