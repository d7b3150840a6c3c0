//go:build linux

package kernel

import (
	"context"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/internal/capcmp"
	"github.com/tcpsim/tcpsim/scenarios"
)

// known lists bundled linux-* scenarios that cannot agree with the kernel
// yet, each with the reason. The test fails if one of them starts to
// agree, so the list stays true.
var known = map[string]string{}

// needKernel skips where the runner cannot work, saying why, except under
// CI=true: CI runs as root with network namespaces, so a skip there would
// hide a broken set-up.
func needKernel(t *testing.T) {
	t.Helper()
	err := Available()
	if err == nil {
		if _, err = os.Stat("/proc/self/ns/net"); err == nil {
			return
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("CI=true but the kernel runner cannot work here: %v", err)
	}
	t.Skipf("needs root, network namespaces and ip/nft/tcpdump/ethtool/sysctl: %v", err)
}

// more are scenarios beyond linux-* that exercise the rest of the runner:
// the relay (a 50 ms link), nftables drops, abort and crash.
var more = map[string]string{
	"normal-close":   "",
	"lost-final-ack": "",
	"kernel-abort": `name: kernel-abort
title: abort after a greeting
profile: linux
endpoints:
  a: {addr: 10.99.0.1, port: 40000, isn: 100}
  b: {addr: 10.99.0.2, port: 5010, isn: 300}
timeline:
  - {at: 0s, b: listen}
  - {at: 0s, a: connect}
  - {at: 200ms, a: {send: "hello"}}
  - {at: 400ms, a: abort}
`,
	"kernel-crash": `name: kernel-crash
title: the server's host crashes, the client's data meets no socket
profile: linux
endpoints:
  a: {addr: 10.99.0.1, port: 40001, isn: 100}
  b: {addr: 10.99.0.2, port: 5011, isn: 300}
timeline:
  - {at: 0s, b: listen}
  - {at: 0s, a: connect}
  - {at: 200ms, b: crash}
  - {at: 400ms, a: {send: "hello"}}
`,
}

// attempts is how often a disagreeing scenario is run before it fails.
const attempts = 3

// TestLinuxScenariosAgreeWithKernel runs every bundled linux-* scenario
// (and the few in more) on this machine's kernel and holds each against
// the linux profile.
func TestLinuxScenariosAgreeWithKernel(t *testing.T) {
	needKernel(t)
	start := time.Now()
	names := slices.Sorted(maps.Keys(more))
	for _, name := range scenarios.Names() {
		if strings.HasPrefix(name, "linux-") {
			names = append(names, name)
		}
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			var sc *scenarios.Scenario
			var err error
			if src := more[name]; src != "" {
				sc, err = scenarios.Load(name+".yaml", []byte(src))
			} else {
				sc, err = scenarios.Lookup(name)
			}
			if err != nil {
				t.Fatal(err)
			}
			if why, ok := notRealised[name]; ok {
				if len(Unsupported(sc.Config)) == 0 {
					t.Fatalf("listed as not realised (%s), but the runner can run it now: remove it from notRealised", why)
				}
				t.Skipf("not realised on the kernel yet: %s (%v)", why, Unsupported(sc.Config))
			}
			// A real kernel on a shared machine is late now and then (the
			// relay's thread or an application not scheduled in time): a
			// disagreement is retried, and counts only if every attempt
			// disagrees. A real difference of the model reproduces.
			var res *Result
			for attempt := 1; attempt <= attempts; attempt++ {
				if res, err = Run(context.Background(), sc.Config, Options{}); err != nil {
					t.Fatal(err)
				}
				if res.Agree() || known[name] != "" {
					break
				}
				if attempt < attempts {
					var side strings.Builder
					_ = capcmp.WriteSideBySide(&side, "kernel", "model (linux profile)", res.Kernel, res.Model, res.Compare)
					t.Logf("attempt %d disagrees, trying again:\n%s", attempt, side.String())
				}
			}
			var side strings.Builder
			_ = capcmp.WriteSideBySide(&side, "kernel", "model (linux profile)", res.Kernel, res.Model, res.Compare)
			why, isKnown := known[name]
			switch {
			case res.Agree() && isKnown:
				t.Errorf("agrees now, but is listed as known to disagree (%s): remove it from known", why)
			case !res.Agree() && !isKnown:
				t.Errorf("disagrees with the kernel:\n%s", side.String())
			case !res.Agree():
				t.Logf("disagrees, as known: %s", why)
			}
			t.Logf("%d segments, %d gaps compared, %v of real time", len(res.Kernel), res.Compare.Gaps, res.Elapsed.Round(time.Millisecond))
		})
	}
	t.Logf("all scenarios in %v", time.Since(start).Round(time.Millisecond))
	if left := leftovers(); len(left) > 0 {
		t.Errorf("namespaces left behind: %v", left)
	}
}

// TestSweepRemovesOnlyDeadRunsNamespaces leaves a namespace as a killed
// run would, next to one of a live run and one that is not the runner's.
func TestSweepRemovesOnlyDeadRunsNamespaces(t *testing.T) {
	needKernel(t)
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Fatal(err)
	}
	stale := fmt.Sprintf("%s%d-1-a", Prefix, dead.Process.Pid)
	live := fmt.Sprintf("%s%d-99-b", Prefix, os.Getpid())
	other := fmt.Sprintf("%sfor-someone-else-%d", Prefix, os.Getpid())
	for _, n := range []string{stale, live, other} {
		if out, err := exec.Command("ip", "netns", "add", n).CombinedOutput(); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		t.Cleanup(func() { _ = exec.Command("ip", "netns", "del", n).Run() })
	}
	removed := Sweep()
	if !slices.Contains(removed, stale) {
		t.Errorf("the dead run's %s was not removed (removed %v)", stale, removed)
	}
	list, _ := exec.Command("ip", "netns", "list").Output()
	for _, n := range []string{live, other} {
		if slices.Contains(removed, n) || !strings.Contains(string(list), n) {
			t.Errorf("%s was removed", n)
		}
	}
}
