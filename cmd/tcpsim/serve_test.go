package main

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/tcpsim/tcpsim/serve"
)

// A release sets the version with -ldflags; the build info gives the rest.
func TestVersionString(t *testing.T) {
	defer func(v, c, d string) { version, commit, date = v, c, d }(version, commit, date)
	version, commit, date = "v1.2.0", "0123456789abcdef0123", "2026-12-02T10:00:00Z"
	if got, want := versionString(), "v1.2.0 (0123456789ab, 2026-12-02T10:00:00Z)"; got != want {
		t.Errorf("release: %q, want %q", got, want)
	}
	if got := withDetail("0.0.0-SNAPSHOT-none", "none", "0001-01-01T00:00:00Z", false); got != "0.0.0-SNAPSHOT-none" {
		t.Errorf("snapshot: %q", got)
	}
	out, _, code := cli(t, "--version")
	if code != 0 || !strings.Contains(out, "v1.2.0 (0123456789ab") {
		t.Errorf("--version: exit %d: %s", code, out)
	}
	version = ""
	if got := versionString(); got == "" || strings.Contains(got, "v1.2.0") || strings.Contains(got, "unknown") {
		t.Errorf("from build info: %q", got)
	}
	// go run, go build -buildvcs=false, a source tarball: nothing known but
	// the Go release, which --version still prints.
	vcs := []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.time", Value: "2026-12-02T10:00:00Z"}, {Key: "vcs.modified", Value: "true"}}
	for _, c := range []struct {
		v    string
		s    []debug.BuildSetting
		want string
	}{
		{"(devel)", nil, "(devel)"},
		{"", nil, "(devel)"},
		{"(devel)", vcs, "(devel) (0123456789ab, 2026-12-02T10:00:00Z, modified)"},
		{"v1.3.0", vcs, "v1.3.0 (0123456789ab, 2026-12-02T10:00:00Z, modified)"},
		{"v0.0.0-20261202100000-0123456789ab+dirty", vcs, "(devel) (0123456789ab, 2026-12-02T10:00:00Z, modified)"},
		{"v0.0.0-20261202100000-0123456789ab", nil, "v0.0.0-20261202100000-0123456789ab"},
	} {
		if got := fromBuildInfo(c.v, c.s); got != c.want {
			t.Errorf("fromBuildInfo(%q, %v) = %q, want %q", c.v, c.s, got, c.want)
		}
	}
	out, _, _ = cli(t, "--version")
	if want := "tcpsim " + versionString() + " " + runtime.Version() + " "; !strings.HasPrefix(out, want) || strings.Contains(out, "unknown") {
		t.Errorf("--version: %q, want it to start with %q", out, want)
	}
	for v, want := range map[string]bool{"v0.0.0-20261202150000-abcdef123456": true, "v0.0.0-20261202150000-abcdef123456+dirty": true,
		"v1.3.0": false, "v1.3.0-rc.1": false, "v1.3.1-0.20261202150000-abcdef123456": true} {
		if isPseudo(v) != want {
			t.Errorf("isPseudo(%q) = %v", v, !want)
		}
	}
}

// Mistakes in serve's files stop it before it listens, with a clear error.
func TestServeBadFiles(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_STATE_HOME", dir)
	empty := filepath.Join(dir, "empty.txt")
	if err := os.WriteFile(empty, []byte("\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "keys")
	if err := os.WriteFile(bad, []byte("ssh-ed25519 not-base64\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--listen", "127.0.0.1:0", "--password-file", empty}, "the first line (the password) is empty"},
		{[]string{"serve", "--listen", "127.0.0.1:0", "--password-file", filepath.Join(dir, "missing")}, "--password-file"},
		{[]string{"serve", "--listen", "127.0.0.1:0", "--authorized-keys", bad}, "keys:1:"},
		{[]string{"serve", "--listen", "127.0.0.1:0", "--scenarios", filepath.Join(dir, "nope")}, "--scenarios"},
		{[]string{"serve", "--listen", "127.0.0.1:0", "no-such-scenario"}, "no scenario"},
		{[]string{"serve", "--listen", "127.0.0.1:0", "--lessons", filepath.Join(dir, "nope")}, "--lessons"},
		{[]string{"serve", "--listen", "127.0.0.1:0", "--lang", "fr"}, "--lang"},
	} {
		_, errOut, code := cli(t, c.args...)
		if code == 0 || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, %q (want %q)", c.args, code, errOut, c.want)
		}
	}
}

// serve's argument is a scenario or a lesson, as learn and show take them.
func TestServeStart(t *testing.T) {
	cmd := newServeCmd()
	var cfg serve.Config
	if err := serveStart(cmd, &cfg, []string{"time-wait"}); err != nil || cfg.Lesson == nil || cfg.Lesson.Name != "time-wait" || cfg.Scenario != nil {
		t.Errorf("a lesson: %v %+v", err, cfg)
	}
	cfg = serve.Config{}
	if err := serveStart(cmd, &cfg, []string{"lost-fin"}); err != nil || cfg.Scenario == nil || cfg.Scenario.Name != "lost-fin" || cfg.Lesson != nil {
		t.Errorf("a scenario: %v %+v", err, cfg)
	}
}
