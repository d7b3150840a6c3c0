package scenarios

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const listenConnect = "timeline:\n  - {at: 0s, b: listen}\n  - {at: 0s, a: connect}\n"

func loadErr(t *testing.T, src string) string {
	t.Helper()
	_, err := Load("t.yaml", []byte(src))
	if err == nil {
		t.Fatalf("accepted:\n%.300s", src)
	}
	return err.Error()
}

func TestInputBounds(t *testing.T) {
	deepFlow := "timeline: " + strings.Repeat("[", 40000) + strings.Repeat("]", 40000) + "\n"
	var deepBlock strings.Builder
	deepBlock.WriteString("timeline:\n")
	for i := range 40 {
		fmt.Fprintf(&deepBlock, "%s- \n", strings.Repeat("  ", i+1))
	}
	var longList strings.Builder
	longList.WriteString("timeline:\n")
	for range maxListLen + 1 {
		longList.WriteString("  - {at: 0s, b: listen}\n")
	}
	var bigSends strings.Builder
	bigSends.WriteString(listenConnect)
	for range 5 {
		bigSends.WriteString("  - {when: {a: ESTABLISHED}, a: {send: 16777216}}\n")
	}
	for _, c := range []struct{ name, src, want string }{
		{"80 KB nested 40,000 deep", deepFlow, "t.yaml:1:"},
		{"80 KB nested 40,000 deep (message)", deepFlow, "nested more than 32 levels deep"},
		{"block nesting", deepBlock.String(), "nested more than 32 levels deep"},
		{"larger than 1 MiB", "# " + strings.Repeat("x", MaxFileSize) + "\n" + listenConnect, "larger than 1024 KiB"},
		{"a list too long", longList.String(), "a list of 10001 items; the limit is 10000"},
		{"too much to send", bigSends.String(), "sends more than 64 MiB in all"},
		{"a tag", "seed: !tag 5\n" + listenConnect, "t.yaml:1:7: seed: YAML tags such as !tag are not used"},
		{"port 0, connecting", "endpoints: {a: {port: 0}}\n" + listenConnect, "endpoints.a.port: port 0 cannot be used: A connects"},
		{"port 0, connected to", "endpoints: {b: {port: 0}}\n" + listenConnect, "endpoints.b.port: port 0 cannot be used: B is connected to"},
		{"limits: events 0", "limits: {events: 0}\n" + listenConnect, "limits.events: expected 1 or more"},
		{"limits: memory", "limits: {memory: 12 parsecs}\n" + listenConnect, "limits.memory: expected a size such as 256MiB"},
		{"limits: time 0", "limits: {time: 0s}\n" + listenConnect, "limits.time: expected a duration of more than 0s"},
	} {
		if got := loadErr(t, c.src); !strings.Contains(got, c.want) {
			t.Errorf("%s: %s", c.name, got)
		}
	}
}

// Every duration is bounded, so virtual time cannot overflow (msl:
// 2562047h made TIME-WAIT expire at -5672 s).
func TestDurationBounds(t *testing.T) {
	for _, c := range []struct{ path, src string }{
		{"msl", "msl: 2562047h\n" + listenConnect},
		{"until", "until: 1000001h\n" + listenConnect},
		{"endpoints.a.delayed_ack", "endpoints: {a: {delayed_ack: 2562047h}}\n" + listenConnect},
		{"link.jitter", "link: {jitter: 2562047h}\n" + listenConnect},
		{"link.a_to_b.delay", "link: {a_to_b: {delay: 1001h}}\n" + listenConnect},
		{"faults[0].hold.for", "faults: [{hold: {from: a, for: 2562047h}}]\n" + listenConnect},
		{"faults[0].inject.at", "faults: [{inject: {at: 2562047h, to: b, seg: {seq: 1, flags: [SYN]}}}]\n" + listenConnect},
		{"timeline[2].after", listenConnect + "  - {when: {a: ESTABLISHED}, after: 2562047h, a: close}\n"},
		{"limits.time", "limits: {time: 1001h}\n" + listenConnect},
	} {
		if got := loadErr(t, c.src); !strings.Contains(got, c.path+": ") || !strings.Contains(got, "longer than 1000h") {
			t.Errorf("%s: %s", c.path, got)
		}
	}
	sc, err := Load("t.yaml", []byte("msl: 1000h\nuntil: 1000h\n"+listenConnect))
	if err != nil || sc.Config.MSL != maxDuration {
		t.Errorf("1000h refused: %v", err)
	}
}

func TestBOMSkipped(t *testing.T) {
	sc, err := Load("t.yaml", []byte("\xef\xbb\xbfname: bom\n"+listenConnect))
	if err != nil || sc.Name != "bom" {
		t.Fatalf("%v", err)
	}
	// The real error is reported, not the mark.
	got := loadErr(t, "\xef\xbb\xbfnmae: bom\n"+listenConnect)
	if !strings.HasPrefix(got, "t.yaml:1:1: nmae: unknown field") {
		t.Error(got)
	}
}

func TestLimitsBlock(t *testing.T) {
	sc, err := Load("t.yaml", []byte("limits: {events: 10, segments: 20, in_flight: 30, memory: 4MiB, time: 1m}\n"+listenConnect))
	if err != nil {
		t.Fatal(err)
	}
	l := sc.Config.Limits
	if l.Events != 10 || l.Segments != 20 || l.InFlight != 30 || l.Memory != 4<<20 || l.Time.String() != "1m0s" {
		t.Errorf("%+v", l)
	}
}

// Lookup (and so the lab's picker, which loads every *.yaml of a
// directory) refuses a huge file without reading it whole, and a
// directory named like a scenario.
func TestLookupBounds(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(4 << 30); err != nil { // sparse, 4 GiB
		t.Fatal(err)
	}
	f.Close()
	if _, err := Lookup(big); err == nil || !strings.Contains(err.Error(), "larger than 1024 KiB") {
		t.Errorf("%v", err)
	}
	d := filepath.Join(dir, "d.yaml")
	if err := os.Mkdir(d, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Lookup(d); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("%v", err)
	}
}

func TestNestingIgnoresText(t *testing.T) {
	// Brackets in quotes, comments and block text are no nesting.
	src := "description: |\n  " + strings.Repeat("[", 100) + "\n  - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -\n" +
		"title: \"" + strings.Repeat("{", 100) + "\" # " + strings.Repeat("[", 100) + "\n" + listenConnect
	if _, err := Load("t.yaml", []byte(src)); err != nil {
		t.Fatal(err)
	}
}
