package explore

import (
	"slices"
	"strings"
	"testing"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/msg"
)

func TestShares(t *testing.T) {
	for _, tc := range []struct {
		counts []int
		want   []int
	}{
		{[]int{100}, []int{50}},
		{[]int{50, 50}, []int{25, 25}},
		{[]int{1, 1, 1}, []int{17, 17, 16}}, // remainders tie: the earlier class
		{[]int{997, 3}, []int{50, 0}},       // 0.15 of a column: not drawn
		{[]int{0, 7, 3}, []int{0, 35, 15}},
	} {
		runs := 0
		for _, n := range tc.counts {
			runs += n
		}
		if got := shares(tc.counts, runs, 50); !slices.Equal(got, tc.want) {
			t.Errorf("shares(%v) = %v, want %v", tc.counts, got, tc.want)
		}
	}
}

// Each point's bar is 50 marks; a class keeps its mark across points,
// the most frequent over the sweep being 1.
func TestChart(t *testing.T) {
	est := Outcome{Final: [2]fsm.State{fsm.Closed, fsm.Closed}, Errors: [2]string{"none", "none"}, Intact: true}
	lis := est
	lis.Final[1] = fsm.Listen
	r := &SweepReport{Points: []Point{
		{Loss: 0, Runs: 10, Classes: []ClassCount{{est, 10}}},
		{Loss: 0.5, Runs: 10, Classes: []ClassCount{{lis, 6}, {est, 4}}},
	}}
	var b strings.Builder
	r.writeChart(&b, msg.English())
	out := b.String()
	for _, want := range []string{
		"0       |" + strings.Repeat("1", 50) + "|\n",
		"0.5     |" + strings.Repeat("1", 20) + strings.Repeat("2", 30) + "|\n",
		"  1  " + est.String() + "\n",
		"  2  " + lis.String() + "\n",
		"loss    0%          25%          50%         75%         100%\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("chart lacks %q:\n%s", want, out)
		}
	}
	for _, line := range strings.Split(out, "\n") {
		if len(line) > 80 {
			t.Errorf("line wider than 80 columns: %q", line)
		}
	}
}
