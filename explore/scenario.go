package explore

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// DropFaults turns the transmission IDs of an example into scripted drops
// a scenario file can state: the nth segment from a side with these flags
// sent in this state (the loader's drop fault). It reruns cfg (with the
// crash, if any) to see them.
func DropFaults(cfg *sim.Config, picks []int32, crash Crash) ([]map[string]any, error) {
	drops := make([]int32, len(picks))
	for i, p := range picks {
		if pickKind(p) != kindDrop {
			return nil, fmt.Errorf("the example duplicates or reorders a segment (#%d), which a scenario file cannot state", pickID(p)+1)
		}
		drops[i] = pickID(p)
	}
	c := withPattern(cfg, picks, crash)
	tr := sim.Run(&c)
	type key struct {
		from  trace.Side
		flags fsm.Flags
		state fsm.State
	}
	seen := map[key]int{}
	var out []map[string]any
	for i := range tr.Events {
		ev := &tr.Events[i]
		if ev.Kind != trace.KSend {
			continue
		}
		lost := slices.Contains(drops, ev.ID)
		if ev.Injected {
			if lost {
				return nil, fmt.Errorf("the example loses an injected segment (#%d), which a drop fault cannot name", ev.ID+1)
			}
			continue
		}
		k := key{ev.Side, ev.Seg.Flags &^ fsm.PSH, ev.From}
		seen[k]++
		if !lost {
			continue
		}
		var flags []string
		for _, f := range strings.Split(k.flags.String(), ",") {
			flags = append(flags, f)
		}
		out = append(out, map[string]any{"drop": yaml.MapSlice{
			{Key: "from", Value: ev.Side.String()}, {Key: "flags", Value: flags},
			{Key: "state", Value: k.state.String()}, {Key: "nth", Value: seen[k]},
		}})
	}
	if len(out) != len(drops) {
		return nil, fmt.Errorf("only %d of the example's %d lost transmissions were found on a rerun", len(out), len(drops))
	}
	return out, nil
}

// ScenarioYAML is src (a scenario file) with the example's drops added to
// its faults, its crash as the timeline's last step, and its expectations
// removed, since they describe the scenario without the extra faults.
// note goes in a comment at the top.
func ScenarioYAML(src []byte, cfg *sim.Config, ex Example, note string) ([]byte, error) {
	var doc yaml.MapSlice
	if err := yaml.UnmarshalWithOptions(src, &doc, yaml.UseOrderedMap()); err != nil {
		return nil, err
	}
	faults, err := DropFaults(cfg, ex.Faults, ex.Crash)
	if err != nil {
		return nil, err
	}
	var out yaml.MapSlice
	added := false
	for _, it := range doc {
		switch it.Key {
		case "expect":
			continue
		case "faults":
			list, _ := it.Value.([]any)
			for _, f := range faults {
				list = append(list, f)
			}
			it.Value, added = list, true
		case "timeline":
			if !added && len(faults) > 0 {
				out = append(out, yaml.MapItem{Key: "faults", Value: faults})
				added = true
			}
			if ex.Crash.Set() {
				// last, as the explorer appends it: same order at the same instant
				steps, _ := it.Value.([]any)
				it.Value = append(steps, yaml.MapSlice{{Key: "at", Value: ex.Crash.At.String()}, {Key: ex.Crash.Side.String(), Value: "crash"}})
			}
		}
		out = append(out, it)
	}
	if !added && len(faults) > 0 {
		out = append(out, yaml.MapItem{Key: "faults", Value: faults})
	}
	body, err := yaml.MarshalWithOptions(out, yaml.Flow(false))
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	for _, line := range strings.Split(strings.TrimSpace(note), "\n") {
		fmt.Fprintf(&b, "# %s\n", line)
	}
	b.Write(body)
	return b.Bytes(), nil
}
