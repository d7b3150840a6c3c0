package explore

import (
	"slices"

	"github.com/tcpsim/tcpsim/diagram"
	"github.com/tcpsim/tcpsim/msg"
)

// pictureClasses is how many classes the picture colours; the rest share
// one grey bar segment, named in the legend by their number.
const pictureClasses = 7

// Picture is the outcome share at each grid point as a bar chart
// (tcpsim sweep -o chart.svg|png): the text chart's bars, drawn, in p's
// language, classes in the same order.
func (r *SweepReport) Picture(name string, p *msg.Printer) *diagram.Bars {
	classes := r.chartClasses()
	shown := min(len(classes), pictureClasses)
	if len(classes) == pictureClasses+1 {
		shown = len(classes) // one more is better named than lumped
	}
	c := &diagram.Bars{Title: r.head(name, p), Axis: p.T(msg.SweepAxis, nil), Caption: p.T(msg.SweepPictureCaption, nil)}
	if len(r.Opt.Delay) > 0 {
		c.Axis = p.T(msg.SweepAxisGrid, nil)
	}
	total := make([]int, shown+1) // runs in each class over the sweep, the rest last
	for i := range r.Points {
		for _, cl := range r.Points[i].Classes {
			total[min(slices.Index(classes, cl.Outcome), shown)] += cl.Runs
		}
	}
	legend := func(class string, runs int) string {
		return p.T(msg.SweepPictureClass, msg.Args{"Class": class, "Runs": runs})
	}
	for i, o := range classes[:shown] {
		c.Classes = append(c.Classes, legend(o.Text(p), total[i]))
	}
	if rest := len(classes) - shown; rest > 0 {
		c.Classes = append(c.Classes, legend(p.T(msg.SweepPictureOther, msg.Args{"N": rest}), total[shown]))
	}
	for i := range r.Points {
		pt := &r.Points[i]
		if pt.Runs == 0 {
			continue
		}
		counts := make([]int, len(c.Classes))
		for _, cl := range pt.Classes {
			counts[min(slices.Index(classes, cl.Outcome), shown)] += cl.Runs
		}
		c.Rows = append(c.Rows, r.label(pt, p))
		c.Counts = append(c.Counts, counts)
	}
	return c
}
