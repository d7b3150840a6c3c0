package sim

import (
	"bytes"
	"github.com/tcpsim/tcpsim/trace"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
)

// The examples in docs/trace-format.md must be real output.
func TestTraceFormatDocExamples(t *testing.T) {
	doc, err := os.ReadFile("../docs/trace-format.md")
	if err != nil {
		t.Fatal(err)
	}
	cfg := base(100, 300, 50*ms)
	cfg.Profile = RFC9293
	cfg.Timeline = []Action{at(0, trace.B, trace.OpListen), at(0, trace.A, trace.OpConnect),
		{When: true, WhenSide: trace.A, WhenState: fsm.Established, Side: trace.A, Op: trace.OpSend, Data: []byte("hello")},
		at(time.Second, trace.A, trace.OpClose), when(trace.B, fsm.CloseWait, 100*ms, trace.B, trace.OpClose)}
	cfg.Faults = []Fault{{Kind: FaultDrop, From: trace.A, Flags: fsm.ACK, State: fsm.TimeWait, HasState: true, Nth: 1}}
	tr := Run(cfg)
	var jl, ladder bytes.Buffer
	_ = trace.WriteJSONL(&jl, tr)
	_ = trace.WriteLadder(&ladder, tr, nil)
	for _, line := range strings.Split(string(doc), "\n") {
		switch {
		case strings.HasPrefix(line, `{"t_us"`):
			if !strings.Contains(jl.String(), line+"\n") {
				t.Errorf("JSON example is not in the output:\n%s", line)
			}
		case len(line) > 3 && line[0] >= '1' && line[0] <= '9' && strings.Contains(line, "s  "):
			if !strings.Contains(ladder.String(), line+"\n") {
				t.Errorf("ladder example is not in the output:\n%s", line)
			}
		}
	}
}
