package explore

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/msg"
)

func sweepJSON(t *testing.T, ctx context.Context, name string, opt SweepOptions) (string, *SweepReport) {
	t.Helper()
	rep := Sweep(ctx, load(t, name), opt)
	var b bytes.Buffer
	if err := rep.WriteJSON(&b, name); err != nil {
		t.Fatal(err)
	}
	return b.String(), rep
}

func TestSweepSameWhateverTheWorkers(t *testing.T) {
	opt := SweepOptions{Runs: 700, Loss: []float64{0, 0.2}, Workers: 1}
	one, rep := sweepJSON(t, context.Background(), "data-with-loss", opt)
	opt.Workers = 3
	three, _ := sweepJSON(t, context.Background(), "data-with-loss", opt)
	if one != three {
		t.Fatal("1 and 3 workers wrote different reports")
	}
	for _, p := range rep.Points {
		n := 0
		for _, c := range p.Classes {
			n += c.Runs
		}
		if p.Runs != 700 || n != 700 {
			t.Fatalf("loss %v: %d runs, classes hold %d", p.Loss, p.Runs, n)
		}
		if !(p.Completion.Median <= p.Completion.P90 && p.Completion.P90 <= p.Completion.P99 && p.Completion.P99 <= p.Completion.Max) {
			t.Fatalf("quantiles out of order: %+v", p.Completion)
		}
	}
	if rep.Points[1].Retx.Mean <= rep.Points[0].Retx.Mean {
		t.Fatalf("20%% loss retransmits no more than 0%%: %v, %v", rep.Points[1].Retx.Mean, rep.Points[0].Retx.Mean)
	}
}

// Nearest-rank quantiles of 1..100 ms: the median is 50, p90 90, p99 99.
func TestFoldQuantiles(t *testing.T) {
	var a acc
	for i := range 100 {
		a.add(i, Outcome{}, time.Duration(100-i)*time.Millisecond, 0, 0)
	}
	p := a.point(0.1, 10)
	want := Quantiles{50 * time.Millisecond, 90 * time.Millisecond, 99 * time.Millisecond, 100 * time.Millisecond}
	if p.Completion != want || p.Worst != 10 {
		t.Fatalf("got %+v worst %d, want %+v worst 10", p.Completion, p.Worst, want)
	}
}

func TestSweepInterruptedIsValid(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out, rep := sweepJSON(t, ctx, "normal-close", SweepOptions{Runs: 1000, Loss: []float64{0, 0.1}})
	var v map[string]any
	if err := json.Unmarshal([]byte(out), &v); err != nil || !rep.Interrupted || v["interrupted"] != true {
		t.Fatalf("interrupted sweep: %v %v\n%s", err, rep.Interrupted, out)
	}
	var b bytes.Buffer
	if err := rep.WriteTable(&b, "x", msg.English()); err != nil || !bytes.Contains(b.Bytes(), []byte("INTERRUPTED")) {
		t.Fatalf("table: %v\n%s", err, b.String())
	}
}

func ExampleSweepReport_WriteCSV() {
	rep := Sweep(context.Background(), load(&testing.T{}, "handshake"), SweepOptions{Runs: 10, Loss: []float64{0}, Delay: []time.Duration{10 * time.Millisecond, 50 * time.Millisecond}})
	var b bytes.Buffer
	_ = rep.WriteCSV(&b)
	fmt.Print(b.String())
	// Output:
	// loss,delay_s,runs,median_s,p90_s,p99_s,max_s,retx_mean,retx_max,segments_mean,segments_max,worst_seed,final_a,final_b,errors_a,errors_b,data_intact,half_open,class_runs
	// 0,0.01,10,0.04,0.04,0.04,0.04,0.0000,0,5.0000,5,1,ESTABLISHED,ESTABLISHED,none,none,true,false,10
	// 0,0.05,10,0.2,0.2,0.2,0.2,0.0000,0,5.0000,5,1,ESTABLISHED,ESTABLISHED,none,none,true,false,10
}
