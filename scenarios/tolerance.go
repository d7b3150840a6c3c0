package scenarios

import (
	"fmt"
	"regexp"
	"strconv"
	"time"

	"github.com/tcpsim/tcpsim/sim"
)

// Tolerance is what a comparison with a real kernel's capture (tcpsim
// real, tcpsim compare, the reference captures' test) allows beyond its
// fixed rules, where this scenario's kernel run legitimately varies. The
// scenario says so, and the comparison tolerates exactly that.
type Tolerance struct {
	// Gap is added to every compared gap's allowance: a timer the kernel
	// fires a jiffy late, or later when the application holds the socket.
	Gap time.Duration
	// Races are holds the kernel may or may not make: each names a segment
	// that races with a timer at its receiver (both due within
	// microseconds; the timer wheel decides). A kernel run that disagrees
	// with the model is also held against the model with that one hold
	// added (the other order of the two events), and agrees if that does.
	Races []sim.Fault
}

// Jiffy is one tick of the reference kernel's timer (HZ=250).
const Jiffy = 4 * time.Millisecond

type toleranceYAML struct {
	Gap  string     `yaml:"gap" want:"a duration such as 150ms, 2s or 1m"`
	Race []raceYAML `yaml:"race"`
}

// raceYAML is one race: a hold, written as in faults.
type raceYAML struct {
	Hold *holdYAML `yaml:"hold"`
}

var jiffies = regexp.MustCompile(`^([0-9]+) *(jiffy|jiffies)$`)

// tolerance reads the tolerance key.
func (d *doc) tolerance(r *toleranceYAML) (Tolerance, *Error) {
	var t Tolerance
	if r == nil {
		return t, nil
	}
	var e *Error
	if m := jiffies.FindStringSubmatch(r.Gap); m != nil {
		n, err := strconv.Atoi(m[1])
		if err != nil || n > 1000 {
			return t, d.errAt("tolerance.gap", "expected a duration such as 4ms, or jiffies such as 1 jiffy (4ms, HZ=250; at most 1000), got %q", r.Gap)
		}
		t.Gap = time.Duration(n) * Jiffy
	} else if t.Gap, e = d.duration(r.Gap, "tolerance.gap", 0); e != nil {
		return t, d.errAt("tolerance.gap", "expected a duration such as 4ms, or jiffies such as 1 jiffy (4ms, HZ=250; at most 1000), got %q", r.Gap)
	}
	for i := range r.Race {
		p := fmt.Sprintf("tolerance.race[%d]", i)
		f, e := d.fault(&faultYAML{Hold: r.Race[i].Hold}, p)
		if e != nil {
			return t, e
		}
		t.Races = append(t.Races, f)
	}
	return t, nil
}
