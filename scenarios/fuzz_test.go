package scenarios

import (
	"strings"
	"testing"
)

// FuzzLoad feeds arbitrary text to the loader: it must never panic, must
// answer every file with a scenario or *Errors naming the file, and
// what it accepts must be within the bounds of limits.go.
func FuzzLoad(f *testing.F) {
	for _, name := range Names() {
		src, err := library.ReadFile(name + ".yaml")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Add([]byte("\xef\xbb\xbfname: x\ntimeline:\n  - {at: 0s, b: listen}\n"))
	f.Add([]byte("seed: !tag 5\ntimeline: [{at: 0s, b: listen}]\n"))
	f.Add([]byte("timeline: " + strings.Repeat("[", 40) + strings.Repeat("]", 40)))
	f.Add([]byte("msl: 2562047h\ntimeline: [{at: 0s, b: listen}]\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		sc, err := Load("fuzz.yaml", src)
		if err != nil {
			es, ok := err.(Errors)
			if se, one := err.(*Error); one {
				es, ok = Errors{se}, true
			}
			if !ok || len(es) == 0 || len(es) > maxErrors+1 {
				t.Fatalf("error %T %q: not one or a few *Error", err, err)
			}
			for _, se := range es {
				if se.File != "fuzz.yaml" || se.Msg == "" {
					t.Fatalf("error %q does not name the file", se)
				}
			}
			return
		}
		cfg := sc.Config
		if err := cfg.Validate(); err != nil {
			t.Fatalf("loaded an invalid config: %v", err)
		}
		if cfg.Until > maxDuration || cfg.MSL > maxDuration || len(cfg.Timeline) > maxListLen {
			t.Fatalf("accepted beyond the limits: until %v, msl %v, %d steps", cfg.Until, cfg.MSL, len(cfg.Timeline))
		}
		total := 0
		for _, a := range cfg.Timeline {
			total += len(a.Data)
		}
		if total > maxTotalSend {
			t.Fatalf("accepted %d bytes to send", total)
		}
	})
}
