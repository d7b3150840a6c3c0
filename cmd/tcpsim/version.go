package main

import (
	"runtime"
	"runtime/debug"
	"strings"
)

// version, commit and date are set by a release build:
//
//	go build -ldflags "-X main.version=v1.2.0 -X main.commit=abc123 -X main.date=2026-12-02"
//
// (.goreleaser.yaml does). Otherwise they come from the build info.
var version, commit, date string

// versionLine is what --version prints after the program's name: the
// version, then the Go release and platform it was built with, which say
// something useful even when nothing else is known.
func versionLine() string {
	return versionString() + " " + runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH
}

// versionString is the release's version; or the module version
// `go install …@v1.2.0` records; or, built from a checkout, the VCS
// revision and its date; or "(devel)", as the go command calls a build
// it knows nothing about (go run, -buildvcs=false, a source tarball).
func versionString() string {
	if version != "" {
		return withDetail(version, commit, date, false)
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(devel)"
	}
	return fromBuildInfo(info.Main.Version, info.Settings)
}

func fromBuildInfo(v string, settings []debug.BuildSetting) string {
	var rev, at string
	var dirty bool
	for _, s := range settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	switch {
	case v != "" && v != "(devel)" && !isPseudo(v):
		return withDetail(v, rev, at, dirty)
	case rev != "":
		return withDetail("(devel)", rev, at, dirty)
	case v != "" && v != "(devel)":
		return v // a pseudo-version names the revision and its date
	}
	return "(devel)"
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
