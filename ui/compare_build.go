package ui

import (
	"bytes"
	"time"

	"github.com/tcpsim/tcpsim/internal/capcmp"
	"github.com/tcpsim/tcpsim/replay"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/sim/pcap"
)

// NewComparison replays a kernel's capture at A and holds it against the
// model: the capture modelPcap when given (tcpsim real's, with the calls
// at the applications' real times), else cfg run under the linux profile
// and captured at A. slack widens each gap's tolerance (kernel.Slack).
func NewComparison(name, title string, kernelPcap []byte, cfg *sim.Config, modelPcap []byte, slack func(time.Duration) time.Duration) (*Comparison, error) {
	c := &Comparison{Name: name, Title: title, Slack: slack}
	kr, err := replay.Read(bytes.NewReader(kernelPcap), replay.Options{})
	if err != nil {
		return nil, err
	}
	c.Kernel = ComparePane{Trace: kr.Trace, Frames: kr.Frame}
	if modelPcap != nil {
		mr, err := replay.Read(bytes.NewReader(modelPcap), replay.Options{})
		if err != nil {
			return nil, err
		}
		c.Model = ComparePane{Trace: mr.Trace, Frames: mr.Frame}
	} else {
		mcfg := *cfg
		mcfg.Profile = sim.Linux
		c.Model = ComparePane{Trace: sim.Run(&mcfg)}
		var buf bytes.Buffer
		if err := pcap.Write(&buf, c.Model.Trace, pcap.Options{Format: pcap.FormatPcap, Tap: pcap.TapA}); err != nil {
			return nil, err
		}
		modelPcap = buf.Bytes()
	}
	if c.Want, err = capcmp.Read(kernelPcap); err != nil {
		return nil, err
	}
	if c.Got, err = capcmp.Read(modelPcap); err != nil {
		return nil, err
	}
	c.Result = capcmp.CompareWithin(c.Want, c.Got, slack)
	return c, nil
}
