package main

import (
	"runtime/debug"
	"strings"
)

// version, commit and date are set by a release build:
//
//	go build -ldflags "-X main.version=v1.2.0 -X main.commit=abc123 -X main.date=2026-12-02"
//
// (.goreleaser.yaml does). Otherwise they come from the build info.
var version, commit, date string

// versionString is what --version prints: the release's version; or the
// module version `go install …@v1.2.0` records; or, built from a checkout,
// the VCS revision and its date.
func versionString() string {
	if version != "" {
		return withDetail(version, commit, date, false)
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown (no build information)"
	}
	var rev, at string
	var dirty bool
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	v := info.Main.Version
	if v != "" && v != "(devel)" && !isPseudo(v) {
		return withDetail(v, rev, at, dirty)
	}
	if rev != "" {
		return withDetail("devel", rev, at, dirty)
	}
	if v != "" && v != "(devel)" {
		return v // a pseudo-version names the revision and its date
	}
	return "unknown (built without module or VCS information)"
}

// isPseudo tells v0.0.0-20261202150000-abcdef123456 from a tag; Go 1.24+
// stamps one on a build from a checkout.
func isPseudo(v string) bool {
	v = strings.TrimSuffix(v, "+dirty")
	parts := strings.Split(v, "-")
	return len(parts) >= 3 && len(parts[len(parts)-1]) == 12 && len(parts[len(parts)-2]) >= 14
}

func withDetail(v, rev, at string, dirty bool) string {
	if rev == "none" { // goreleaser's placeholders outside a git checkout
		rev = ""
	}
	if strings.HasPrefix(at, "0001-") {
		at = ""
	}
	var d []string
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev != "" {
		d = append(d, rev)
	}
	if at != "" {
		d = append(d, at)
	}
	if dirty {
		d = append(d, "modified")
	}
	if len(d) == 0 {
		return v
	}
	return v + " (" + strings.Join(d, ", ") + ")"
}
