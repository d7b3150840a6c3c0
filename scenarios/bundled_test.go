package scenarios

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/sim"
)

// The library issues 3 and 6 ask for, by name.
var bundledNames = []string{
	"abort", "close-unread-data", "data-with-loss", "half-close", "half-close-vs-full-close",
	"half-open-discovery", "handshake", "keepalive-dead-peer", "linux-close-unread", "linux-fin-wait2-timeout",
	"linux-half-close", "linux-keepalive-dead-peer", "linux-normal", "linux-refused",
	"linux-server-closes-first", "linux-syn-into-time-wait", "linux-three-segment-close", "linux-zero-window", "listener-two-clients", "lost-fin", "lost-final-ack", "lost-syn",
	"lost-synack", "nagle-vs-nodelay", "normal-close", "old-duplicate-syn", "reconnect-into-time-wait", "reconnect-new-port", "refused", "reset-two-passive-sockets",
	"server-closes-first", "shutdown-read", "simultaneous-close", "simultaneous-open", "slow-reader-zero-window", "sndbuf-blocking-write", "stray-segment",
	"three-segment-close", "time-wait-new-syn", "user-timeout",
}

// fullClose are the classic scenarios about close() as a full close.
var fullClose = map[string]bool{"close-unread-data": true, "half-close-vs-full-close": true}

const schemaLine = "# yaml-language-server: $schema=../docs/scenario.schema.json\n"

func TestBundledLibrary(t *testing.T) {
	if got := Names(); !slices.Equal(got, bundledNames) {
		t.Fatalf("bundled names:\n%v\nwant\n%v", got, bundledNames)
	}
	all := Bundled()
	if len(all) != len(bundledNames) {
		t.Fatalf("Bundled() has %d scenarios", len(all))
	}
	for i, sc := range all {
		t.Run(sc.Name, func(t *testing.T) {
			if sc.Name != bundledNames[i] {
				t.Errorf("position %d holds %s, want %s (sorted by name)", i, sc.Name, bundledNames[i])
			}
			if sc.File != "bundled/"+sc.Name+".yaml" {
				t.Errorf("File %q", sc.File)
			}
			if !strings.HasPrefix(string(sc.Source), schemaLine) {
				t.Errorf("does not start with %q", schemaLine)
			}
			if !strings.Contains(string(sc.Source), "\nname: "+sc.Name+"\n") {
				t.Error("name: does not match the file name")
			}
			if sc.Title == sc.Name || len(sc.Description) < 200 {
				t.Errorf("needs a title and a description a student can follow (%d chars)", len(sc.Description))
			}
			if len(sc.Expect) < 3 {
				t.Errorf("only %d expectations", len(sc.Expect))
			}
			// linux-* mirror real captures under the linux profile, whose
			// TIME-WAIT is a fixed 60 s; the rest are the textbook, but for
			// the stories of the sockets API's close(), a full close only
			// the linux profile has (RFC 9293's CLOSE is the half-close).
			linux := strings.HasPrefix(sc.Name, "linux-") || fullClose[sc.Name]
			if want := map[bool]string{false: "rfc9293", true: "linux"}[linux]; sc.Profile != want {
				t.Errorf("profile %s, want %s", sc.Profile, want)
			}
			// Scaled so a run is watchable, and the RFC figures' ISNs.
			if c := sc.Config; c.MSL > 5*time.Second || c.A.ISN != 100 || c.B.ISN != 300 {
				t.Errorf("msl %v, ISNs %d/%d", c.MSL, c.A.ISN, c.B.ISN)
			}
			tr := sim.Run(sc.Config)
			if err := sc.Check(tr); err != nil {
				t.Error(err)
			}
			limit := 30 * time.Second
			if linux {
				limit = 64 * time.Second // TIME-WAIT is 60 s; linux-zero-window closes after 3.2 s
			}
			if tr.End > limit {
				t.Errorf("runs until %v", tr.End)
			}
		})
	}
}

func TestLibraryDocumented(t *testing.T) {
	doc, err := os.ReadFile("../docs/scenarios.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range Names() {
		if !strings.Contains(string(doc), "| `"+name+"` |") {
			t.Errorf("docs/scenarios.md does not list %s", name)
		}
	}
}

func TestDefaultIsBundled(t *testing.T) {
	sc, err := Lookup(Default)
	if err != nil || sc.Name != Default {
		t.Fatalf("Lookup(%q) = %v, %v", Default, sc, err)
	}
}

// Each call loads afresh, so one caller's change does not leak to the next.
func TestBundledIsFresh(t *testing.T) {
	sc, _ := Lookup("handshake")
	sc.Config.Seed = 999
	sc.Config.Timeline[0].At = time.Hour
	again, _ := Lookup("handshake")
	if again.Config.Seed == 999 || again.Config.Timeline[0].At == time.Hour {
		t.Error("a change to one loaded scenario shows in the next")
	}
}

func TestLookupFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "mine.yaml")
	if err := os.WriteFile(path, []byte("title: Mine\n"+tl), 0o644); err != nil {
		t.Fatal(err)
	}
	sc, err := Lookup(path)
	if err != nil {
		t.Fatal(err)
	}
	if sc.Name != "mine" || sc.Title != "Mine" || sc.File != path {
		t.Errorf("%+v", sc)
	}
	// A file error names the path.
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("msl: 5\n"+tl), 0o644)
	_, err = Lookup(bad)
	if err == nil || err.Error() != bad+`:1:6: msl: expected a duration such as 150ms, 2s or 1m, got "5" (add a unit)` {
		t.Errorf("got %v", err)
	}
	// A path-looking argument is never taken for a bundled name.
	if _, err := Lookup("./handshake"); err == nil {
		t.Error("./handshake found, but there is no such file")
	}
}

func TestLookupNotFound(t *testing.T) {
	for _, c := range []struct{ arg, want string }{
		{"normal-clos", `no scenario "normal-clos": not a bundled scenario (see tcpsim list) and no such file; did you mean "normal-close"?`},
		{"zzz", `no scenario "zzz": not a bundled scenario (see tcpsim list) and no such file`},
		{"nothere.yaml", `no scenario "nothere.yaml": not a bundled scenario (see tcpsim list) and no such file`},
	} {
		_, err := Lookup(c.arg)
		var nf *NotFoundError
		if !errors.As(err, &nf) || err.Error() != c.want {
			t.Errorf("Lookup(%q): %v\nwant %s", c.arg, err, c.want)
		}
	}
}
