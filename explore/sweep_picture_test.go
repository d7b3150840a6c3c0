package explore

import (
	"strings"
	"testing"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
)

// The picture has a bar per grid point and the text chart's classes in
// its order; past seven, the rest share one grey segment, and each legend
// line says how many runs its class had over the whole sweep.
func TestSweepPicture(t *testing.T) {
	var classes []ClassCount
	for i := range 9 {
		o := Outcome{Final: [2]fsm.State{fsm.State(i), fsm.Closed}, Errors: [2]string{"none", "none"}, Intact: true}
		classes = append(classes, ClassCount{Outcome: o, Runs: 90 - 10*i})
	}
	rep := &SweepReport{Opt: SweepOptions{Runs: 450, Loss: []float64{0.1, 0.2}}, Seed: 1,
		Points: []Point{{Loss: 0.1, Runs: 450, Classes: classes}, {Loss: 0.2, Runs: 90, Classes: classes[:1]}}}
	c := rep.Picture("x", msg.English())
	if len(c.Rows) != 2 || c.Rows[0] != "0.1" || len(c.Classes) != 8 || len(c.Counts[0]) != 8 {
		t.Fatalf("rows %q, %d classes, counts %v", c.Rows, len(c.Classes), c.Counts)
	}
	if want := "A CLOSED, B CLOSED; errors A none, B none; data intact (180 runs)"; c.Classes[0] != want {
		t.Errorf("first class %q, want %q", c.Classes[0], want)
	}
	if c.Classes[7] != "2 other outcomes (30 runs)" || c.Counts[0][7] != 20+10 || c.Counts[1][0] != 90 {
		t.Errorf("the rest: %q, counts %v", c.Classes[7], c.Counts)
	}
	p, err := msg.New("zh")
	if err != nil {
		t.Fatal(err)
	}
	zh := rep.Picture("x", p)
	if !strings.Contains(zh.Title, "扫描 x") || zh.Axis != "丢包率" || !strings.Contains(zh.Classes[7], "其余 2 类结局") {
		t.Errorf("Chinese picture: %q %q %q", zh.Title, zh.Axis, zh.Classes[7])
	}
}
