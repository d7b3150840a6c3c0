package sim_test

import (
	"bytes"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// Every field where the profiles differ must show up in the switch table.
func TestEveryProfileFieldIsASwitch(t *testing.T) {
	rv, lv := reflect.ValueOf(*sim.RFC9293), reflect.ValueOf(*sim.Linux)
	for i := 0; i < rv.NumField(); i++ {
		f := rv.Type().Field(i)
		if f.Name == "Name" || reflect.DeepEqual(rv.Field(i).Interface(), lv.Field(i).Interface()) {
			continue
		}
		p := *sim.RFC9293
		reflect.ValueOf(&p).Elem().Field(i).Set(lv.Field(i))
		documented := false
		for _, s := range sim.Switches {
			if s.Value(&p) != s.Value(sim.RFC9293) {
				documented = true
			}
		}
		if !documented {
			t.Errorf("Profile.%s differs between the profiles but no switch shows it", f.Name)
		}
	}
}

// The profile is the only difference: the textbook with every field set to
// Linux's value gives Linux's trace, byte for byte, for every scenario.
func TestProfilesDifferOnlyByTheirFields(t *testing.T) {
	mixed := *sim.RFC9293
	rv, lv := reflect.ValueOf(&mixed).Elem(), reflect.ValueOf(*sim.Linux)
	for i := 0; i < rv.NumField(); i++ {
		if rv.Type().Field(i).Name != "Name" {
			rv.Field(i).Set(lv.Field(i))
		}
	}
	for _, sc := range scenarios.Bundled() {
		var x, y bytes.Buffer
		sc.Config.Profile = sim.Linux
		_ = trace.WriteJSONL(&x, sim.Run(sc.Config))
		sc.Config.Profile = &mixed
		_ = trace.WriteJSONL(&y, sim.Run(sc.Config))
		if !bytes.Equal(x.Bytes(), y.Bytes()) {
			t.Errorf("%s: the linux profile does something its fields do not say", sc.Name)
		}
	}
}

// sideBySide renders one scenario's segments under both profiles.
func sideBySide(name string) string {
	sc, err := scenarios.Lookup(name)
	if err != nil {
		panic(err)
	}
	col := func(p *sim.Profile) []string {
		sc.Config.Profile = p
		tr := sim.Run(sc.Config)
		var out []string
		for _, e := range tr.Events {
			if e.Kind != trace.KSend {
				continue
			}
			arrow := "A→B"
			if e.Side == trace.B {
				arrow = "B→A"
			}
			s := fmt.Sprintf("%9s %s %-7s", trace.FormatDuration(e.T), arrow, e.Seg.Flags)
			if e.Seg.Len > 0 {
				s += fmt.Sprintf(" len=%d", e.Seg.Len)
			}
			switch {
			case e.Lost:
				s += " (lost)"
			case e.Reason == fsm.ReasonRetransmit:
				s += " (resent)"
			case e.Reason == fsm.ReasonDelayedACK:
				s += " (delayed)"
			}
			out = append(out, s)
		}
		for _, e := range tr.Events {
			if e.Kind == trace.KState && e.To == fsm.Closed {
				out = append(out, fmt.Sprintf("%9s %s CLOSED", trace.FormatDuration(e.T), e.Side.Upper()))
			}
		}
		return out
	}
	r, l := col(sim.RFC9293), col(sim.Linux)
	var b strings.Builder
	fmt.Fprintf(&b, "```\n%-40s %s\n", "rfc9293", "linux")
	for i := 0; i < max(len(r), len(l)); i++ {
		var x, y string
		if i < len(r) {
			x = r[i]
		}
		if i < len(l) {
			y = l[i]
		}
		fmt.Fprintf(&b, "%s\n", strings.TrimRight(fmt.Sprintf("%-40s %s", x, y), " "))
	}
	b.WriteString("```\n")
	return b.String()
}

func TestProfilesDocSideBySideIsFresh(t *testing.T) {
	const begin, end = "<!-- BEGIN SIDE BY SIDE (generated; do not edit) -->\n", "<!-- END SIDE BY SIDE -->"
	doc, err := os.ReadFile("../docs/profiles.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(doc)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatal("docs/profiles.md lacks the SIDE BY SIDE markers")
	}
	want := sideBySide("lost-final-ack")
	if s[i+len(begin):j] != want {
		if os.Getenv("UPDATE_DOCS") == "1" {
			_ = os.WriteFile("../docs/profiles.md", []byte(s[:i+len(begin)]+want+s[j:]), 0o644)
			return
		}
		t.Fatal("docs/profiles.md side-by-side run is stale: UPDATE_DOCS=1 go test ./sim -run SideBySide")
	}
}
