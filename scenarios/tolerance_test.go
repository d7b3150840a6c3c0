package scenarios

import (
	"reflect"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

func TestToleranceReadsGapAndRaces(t *testing.T) {
	sc, err := Load("t.yaml", []byte("tolerance:\n  gap: 2 jiffies\n  race:\n    - hold: {from: a, flags: [SYN], nth: 2, for: 1ms}\n"+tl))
	if err != nil {
		t.Fatal(err)
	}
	want := sim.Fault{Kind: sim.FaultHold, From: trace.A, Flags: fsm.SYN, Nth: 2, For: time.Millisecond}
	if sc.Tolerance.Gap != 8*time.Millisecond || len(sc.Tolerance.Races) != 1 || !reflect.DeepEqual(sc.Tolerance.Races[0], want) {
		t.Errorf("tolerance = %+v", sc.Tolerance)
	}
	if len(sc.Config.Faults) != 0 {
		t.Errorf("a race became a fault of the model: %+v", sc.Config.Faults)
	}
	if sc, err = Load("t.yaml", []byte("tolerance: {gap: 4ms}\n"+tl)); err != nil || sc.Tolerance.Gap != Jiffy {
		t.Errorf("gap 4ms: %+v, %v", sc.Tolerance, err)
	}
	for _, name := range []string{"linux-syn-into-time-wait", "lost-synack"} {
		if sc, err := Lookup(name); err != nil || sc.Tolerance.Gap == 0 && len(sc.Tolerance.Races) == 0 {
			t.Errorf("%s: no tolerance (%v)", name, err)
		}
	}
}

func TestToleranceErrorsSayWhere(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"tolerance:\n  gap: 1 jif\n" + tl, `t.yaml:2:8: tolerance.gap: expected a duration such as 4ms, or jiffies such as 1 jiffy (4ms, HZ=250; at most 1000), got "1 jif"`},
		{"tolerance:\n  gap: 5000 jiffies\n" + tl, `t.yaml:2:8: tolerance.gap: expected a duration such as 4ms, or jiffies such as 1 jiffy (4ms, HZ=250; at most 1000), got "5000 jiffies"`},
		{"tolerance:\n  race:\n    - hold: {from: c, for: 1ms}\n" + tl, `t.yaml:3:20: tolerance.race[0].hold.from`},
		{"tolerance:\n  race:\n    - drop: {from: a}\n" + tl, `t.yaml:3:7: tolerance.race[0].drop: unknown field; expected hold`},
		{"tolerance:\n  slack: 1ms\n" + tl, `t.yaml:2:3: tolerance.slack: unknown field; expected gap or race`},
	} {
		_, err := Load("t.yaml", []byte(c.src))
		if err == nil || !startsWith(err.Error(), c.want) {
			t.Errorf("%q:\n got  %v\n want %s…", c.src, err, c.want)
		}
	}
}

func startsWith(s, prefix string) bool { return len(s) >= len(prefix) && s[:len(prefix)] == prefix }
