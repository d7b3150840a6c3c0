package explore

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/tcpsim/tcpsim/internal/textwrap"
	"github.com/tcpsim/tcpsim/msg"
)

func lossText(l float64) string {
	if l < 0 {
		return "scenario"
	}
	return strconv.FormatFloat(l, 'f', -1, 64)
}

// label names a grid point: its loss, and its delay with a delay grid.
func (r *SweepReport) label(pt *Point, p *msg.Printer) string {
	l := lossText(pt.Loss)
	if pt.Loss < 0 {
		l = p.T(msg.SweepScenarioLink, nil)
	}
	if len(r.Opt.Delay) == 0 {
		return l
	}
	return l + "/" + pt.Delay.String()
}

// head is the sweep's first line: the scenario, the seeds and the grid.
func (r *SweepReport) head(name string, p *msg.Printer) string {
	nl, nd := len(r.Opt.Loss), len(r.Opt.Delay)
	args := msg.Args{"Name": name, "Runs": r.Opt.Runs, "Seed": r.Seed, "Losses": nl, "Delays": nd}
	head := msg.SweepHeadLink
	switch {
	case nl > 0 && nd > 0:
		head = msg.SweepHeadGrid
	case nd > 0:
		head = msg.SweepHeadDelay
	case nl > 0:
		head = msg.SweepHeadLoss
	}
	return p.T(head, args)
}

// WriteTable prints the sweep for a terminal, one block per grid point,
// in p's language; columns align by terminal cells.
func (r *SweepReport) WriteTable(w io.Writer, name string, p *msg.Printer) error {
	var b strings.Builder
	b.WriteString(r.head(name, p) + "\n")
	col := func(id msg.ID) string { return p.T(id, nil) }
	lw := max(6, textwrap.Width(col(msg.SweepColLoss)))
	for i := range r.Points {
		lw = max(lw, textwrap.Width(r.label(&r.Points[i], p)))
	}
	if r.Interrupted {
		b.WriteString(col(msg.SweepStopped) + "\n")
	}
	fmt.Fprintf(&b, "\n%*s %s%s%s\n", lw+9, "", padRight(col(msg.SweepColTime), 32), padRight(col(msg.SweepColRetx), 9), col(msg.SweepColSegs))
	mm := col(msg.SweepColMeanMax)
	fmt.Fprintf(&b, "%s %s %s %8s %8s %s %s %s  %s\n", padRight(col(msg.SweepColLoss), lw), padLeft(col(msg.SweepColRuns), 7), padLeft(col(msg.SweepColMedian), 8),
		"p90", "p99", padLeft(col(msg.SweepColMax), 8), padLeft(mm, 9), padLeft(mm, 9), col(msg.SweepColWorst))
	for _, pt := range r.Points {
		c := pt.Completion
		fmt.Fprintf(&b, "%s %7d %8s %8s %8s %8s %9s %9s  %d\n", padRight(r.label(&pt, p), lw), pt.Runs, short(c.Median), short(c.P90), short(c.P99), short(c.Max),
			fmt.Sprintf("%.2f/%d", pt.Retx.Mean, pt.Retx.Max), fmt.Sprintf("%.1f/%d", pt.Segments.Mean, pt.Segments.Max), pt.Worst)
	}
	if len(r.Opt.Delay) > 0 {
		b.WriteString(col(msg.SweepWorstDelay) + "\n")
	} else {
		b.WriteString(col(msg.SweepWorst) + "\n")
	}
	b.WriteString("\n" + col(msg.SweepClasses) + "\n")
	for _, pt := range r.Points {
		b.WriteString(p.T(msg.SweepPoint, msg.Args{"Label": r.label(&pt, p)}) + "\n")
		for _, cl := range pt.Classes {
			fmt.Fprintf(&b, "  %6.2f%%  %s\n", 100*float64(cl.Runs)/float64(pt.Runs), cl.Outcome.Text(p))
		}
	}
	r.writeChart(&b, p)
	_, err := io.WriteString(w, b.String())
	return err
}

func short(d time.Duration) string { return d.Round(time.Millisecond).String() }

// WriteCSV writes one row per grid point and outcome class.
func (r *SweepReport) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"loss", "delay_s", "runs", "median_s", "p90_s", "p99_s", "max_s", "retx_mean", "retx_max", "segments_mean", "segments_max", "worst_seed",
		"final_a", "final_b", "errors_a", "errors_b", "data_intact", "half_open", "class_runs"})
	sec := func(d time.Duration) string { return strconv.FormatFloat(d.Seconds(), 'f', -1, 64) }
	for _, p := range r.Points {
		c := p.Completion
		delay := "scenario"
		if p.Delay >= 0 {
			delay = sec(p.Delay)
		}
		head := []string{lossText(p.Loss), delay, strconv.Itoa(p.Runs), sec(c.Median), sec(c.P90), sec(c.P99), sec(c.Max),
			strconv.FormatFloat(p.Retx.Mean, 'f', 4, 64), strconv.Itoa(p.Retx.Max), strconv.FormatFloat(p.Segments.Mean, 'f', 4, 64), strconv.Itoa(p.Segments.Max),
			strconv.FormatUint(p.Worst, 10)}
		for _, cl := range p.Classes {
			o := cl.Outcome
			row := append(head[:len(head):len(head)], o.Final[0].String(), o.Final[1].String(), o.Errors[0], o.Errors[1],
				strconv.FormatBool(o.Intact), strconv.FormatBool(o.HalfOpen), strconv.Itoa(cl.Runs))
			_ = cw.Write(row)
		}
	}
	cw.Flush()
	return cw.Error()
}

type jsonClass struct {
	FinalA     string `json:"final_a"`
	FinalB     string `json:"final_b"`
	ErrorsA    string `json:"errors_a"`
	ErrorsB    string `json:"errors_b"`
	DataIntact bool   `json:"data_intact"`
	HalfOpen   bool   `json:"half_open"`
	Runs       int    `json:"runs"`
}

type jsonPoint struct {
	Loss      *float64    `json:"loss"`    // null: the scenario's own link
	DelayS    *float64    `json:"delay_s"` // null: the scenario's own link
	Runs      int         `json:"runs"`
	MedianS   float64     `json:"completion_median_s"`
	P90S      float64     `json:"completion_p90_s"`
	P99S      float64     `json:"completion_p99_s"`
	MaxS      float64     `json:"completion_max_s"`
	RetxMean  float64     `json:"retx_mean"`
	RetxMax   int         `json:"retx_max"`
	SegsMean  float64     `json:"segments_mean"`
	SegsMax   int         `json:"segments_max"`
	WorstSeed uint64      `json:"worst_seed"`
	Classes   []jsonClass `json:"classes"`
}

// WriteJSON writes the sweep as one JSON document.
func (r *SweepReport) WriteJSON(w io.Writer, name string) error {
	out := struct {
		Scenario    string      `json:"scenario"`
		RunsAsked   int         `json:"runs_per_point"`
		FirstSeed   uint64      `json:"first_seed"`
		Interrupted bool        `json:"interrupted"`
		Points      []jsonPoint `json:"points"`
	}{Scenario: name, RunsAsked: r.Opt.Runs, FirstSeed: r.Seed, Interrupted: r.Interrupted, Points: []jsonPoint{}}
	for _, p := range r.Points {
		c := p.Completion
		jp := jsonPoint{Runs: p.Runs, MedianS: c.Median.Seconds(), P90S: c.P90.Seconds(), P99S: c.P99.Seconds(), MaxS: c.Max.Seconds(),
			RetxMean: p.Retx.Mean, RetxMax: p.Retx.Max, SegsMean: p.Segments.Mean, SegsMax: p.Segments.Max, WorstSeed: p.Worst, Classes: []jsonClass{}}
		if p.Loss >= 0 {
			l := p.Loss
			jp.Loss = &l
		}
		if p.Delay >= 0 {
			d := p.Delay.Seconds()
			jp.DelayS = &d
		}
		for _, cl := range p.Classes {
			o := cl.Outcome
			jp.Classes = append(jp.Classes, jsonClass{o.Final[0].String(), o.Final[1].String(), o.Errors[0], o.Errors[1], o.Intact, o.HalfOpen, cl.Runs})
		}
		out.Points = append(out.Points, jp)
	}
	e := json.NewEncoder(w)
	e.SetIndent("", "  ")
	return e.Encode(out)
}
