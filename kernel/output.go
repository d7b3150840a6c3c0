package kernel

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/tcpsim/tcpsim/internal/atomicfile"

	"github.com/tcpsim/tcpsim/internal/capcmp"
)

// WriteText prints the applications' calls, the two ladders side by side
// with the differences marked, and the verdict.
func (r *Result) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "namespaces %s (A %v) and %s (B %v); %v of real time\n\n",
		r.Namespaces[0], r.Addrs[0], r.Namespaces[1], r.Addrs[1], r.Elapsed.Round(time.Millisecond))
	b.WriteString("what the applications did:\n")
	for _, c := range r.Calls {
		fmt.Fprintf(&b, "  %10.6f  %s  %s\n", c.T.Seconds(), c.Side.Upper(), c.What)
	}
	b.WriteString("\nsegments at A:\n")
	_ = capcmp.WriteSideBySide(&b, "kernel (this machine)", "model (linux profile)", r.Kernel, r.Model, r.Compare)
	b.WriteString("\n" + r.Verdict() + "\n")
	if r.Race > 0 {
		fmt.Fprintf(&b, "(agrees with the model in which the scenario's race %d went the other way: tolerance.race)\n", r.Race)
	}
	if r.Nominal != nil && r.Nominal.Agree() != r.Agree() {
		fmt.Fprintf(&b, "(at the scenario's own times rather than the applications' real ones: %d differences)\n", len(r.Nominal.Diffs))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Verdict is one line: agree or how many differences.
func (r *Result) Verdict() string {
	capped := ""
	if r.Capped {
		capped = " (the run hit its time limit before it settled)"
	}
	if r.Agree() {
		return fmt.Sprintf("agree: %d segments identical, %d gaps within 10%% + the kernel's timer granularity%s", r.Compare.Packets, r.Compare.Gaps, capped)
	}
	return fmt.Sprintf("disagree: %d differences%s", len(r.Compare.Diffs), capped)
}

// WriteJSONL prints one object per call, per segment pair and per
// difference, then the verdict.
func (r *Result) WriteJSONL(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, c := range r.Calls {
		if err := enc.Encode(map[string]any{"kind": "call", "t": c.T.Seconds(), "side": c.Side.String(), "what": c.What}); err != nil {
			return err
		}
	}
	for i := range max(len(r.Kernel), len(r.Model)) {
		o := map[string]any{"kind": "segment", "n": i + 1}
		if i < len(r.Kernel) {
			o["kernel"], o["t_kernel"] = r.Kernel[i].String(), r.Kernel[i].T.Seconds()
		}
		if i < len(r.Model) {
			o["model"], o["t_model"] = r.Model[i].String(), r.Model[i].T.Seconds()
		}
		if err := enc.Encode(o); err != nil {
			return err
		}
	}
	for _, d := range r.Compare.Diffs {
		if err := enc.Encode(map[string]any{"kind": "difference", "n": d.Index + 1, "kernel": d.Want, "model": d.Got, "why": d.Why}); err != nil {
			return err
		}
	}
	return enc.Encode(map[string]any{"kind": "result", "agree": r.Agree(), "segments": len(r.Kernel),
		"gaps": r.Compare.Gaps, "elapsed": r.Elapsed.Seconds(), "capped": r.Capped})
}

// Save writes the kernel's and the model's captures at A, the scenario
// and a README of what ran into dir (created if needed); each file is
// written to a temporary name and renamed, so none is left half written.
func (r *Result) Save(dir, name string, source []byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var readme strings.Builder
	fmt.Fprintf(&readme, "# %s on the real kernel\n\n", name)
	fmt.Fprintf(&readme, "`tcpsim real %s`, %s. `kernel-a.pcap` is tcpdump on A's side of the veth; `model-a.pcap` is the\n", name, time.Now().UTC().Format(time.RFC3339))
	readme.WriteString("linux profile's run with the applications' calls at the moments the real ones made them. `scenario.yaml` is what ran.\n\n")
	readme.WriteString(r.Verdict() + "\n\n## How the namespaces were built\n\n```\n" + strings.Join(r.Setup, "\n") + "\n```\n\n## The applications\n\n```\n")
	for _, c := range r.Calls {
		fmt.Fprintf(&readme, "%10.6f  %s  %s\n", c.T.Seconds(), c.Side.Upper(), c.What)
	}
	readme.WriteString("```\n\n## Segments at A\n\n```\n")
	// times in seconds since the first packet
	_ = capcmp.WriteSideBySide(&readme, "kernel", "model", r.Kernel, r.Model, r.Compare)
	readme.WriteString("```\n")
	for file, data := range map[string][]byte{
		"kernel-a.pcap": r.KernelPcap, "model-a.pcap": r.ModelPcap,
		"scenario.yaml": source, "README.md": []byte(readme.String()),
	} {
		if err := atomicfile.WriteFile(filepath.Join(dir, file), data); err != nil {
			return err
		}
	}
	return nil
}
