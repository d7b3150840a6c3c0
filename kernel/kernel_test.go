//go:build linux

package kernel

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/internal/capcmp"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
)

// known lists scenarios that do not agree with the kernel yet, each with
// the reason (docs/kernel.md's table). The test fails if one of them
// starts to agree, so the list stays true.
var known = map[string]string{
	"linux-zero-window":       "before and after the zero window: Linux's tail loss probe and quick-ACK accounting, which the model lacks, and after it Linux counts the PSH spacing from another point (its first PSH on the 2nd segment after the reopening, the model's on the 1st); the zero-window part and the PSH before it agree",
	"slow-reader-zero-window": "rcvbuf 3000 becomes SO_RCVBUF 2048, whose window holds one segment, and Linux cuts segments to half the largest window (tcp_bound_to_half_wnd): 724-byte segments",
	"user-timeout":            "Linux's tail loss probe (tcp_send_loss_probe) resends the request before the first RTO, one retransmission more than the model (six, the last at about 12.2 s); with net.ipv4.tcp_early_retrans=0 (no probe) the five retransmissions agree. The user timeout itself is realised and gives up",
	"old-duplicate-syn":       "PAWS (RFC 7323 §5, tcp_check_req): the held SYN's TSval is older than the one B's request socket took from A's retransmitted SYN, so B answers it with a bare ACK and drops it, where the model (no PAWS) answers with its SYN,ACK; with net.ipv4.tcp_timestamps=0 all 8 segments agree. The hold and the crafted SYN (10 below A's live ISN) are realised",
	"data-with-loss":          "the endpoints' fixed window 8760 has no kernel setting (the window comes from the receive buffer): B offers more, so A sends all 12000 bytes in its initial window of ten segments (the model: six) (the PSH within the write agrees: every second segment); the reordering (a hold of one link delay in the relay) and the losses are realised",
	"shutdown-read":           "rcvbuf 3000 becomes SO_RCVBUF 2048, whose window holds one segment (724-byte segments, tcp_bound_to_half_wnd): the 3000-byte read leaves data queued, so the window stays shut and A's data never reaches B after its FIN (no RST); the SHUT_RD part agrees (nothing sent, the data still acknowledged and queued until the window closes)",
}

// tooLong lists scenarios whose run on the kernel lasts longer than the
// suite's budget allows (go test ./... stays under a minute); `tcpsim real
// NAME` runs them, and -kernel.all here.
var tooLong = map[string]string{
	"keepalive-dead-peer":     "keep-alive gives up after about 18 s",
	"slow-reader-zero-window": "the slow reader takes about 30 s",
	"shutdown-read":           "with the kernel's smaller window the zero window never reopens: A probes it until the runner's 2-minute limit",
}

var all = flag.Bool("kernel.all", false, "also run the scenarios listed in tooLong")

// parallel is how many scenarios run on the kernel at once, each in its
// own namespaces: most of a run is waiting, and more at once on a loaded
// two-core machine makes the relay and the applications late.
const parallel = 4

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

// more are scenarios beyond the bundled ones that exercise the rest of the
// runner: abort, crash, and TCP_NODELAY beside Nagle (nagle-vs-nodelay
// itself needs a fixed delayed-ACK time).
var more = map[string]string{
	"kernel-nodelay": `name: kernel-nodelay
title: three small writes with and without Nagle
profile: linux
endpoints:
  a: {addr: 10.99.0.1, port: 40002, isn: 100}
  b: {addr: 10.99.0.2, port: 5012, isn: 300, nodelay: true}
link:
  delay: 20ms
timeline:
  - {at: 0s, b: listen}
  - {at: 0s, a: connect}
  - {at: 200ms, a: {send: "GET /"}}
  - {at: 201ms, a: {send: "index.html"}}
  - {at: 202ms, a: {send: " HTTP/1.1"}}
  - {at: 400ms, b: {send: "HTTP/1.1 "}}
  - {at: 401ms, b: {send: "200 "}}
  - {at: 402ms, b: {send: "OK"}}
  - {at: 600ms, a: close}
  - {when: {b: CLOSE-WAIT}, after: 100ms, b: close}
`,
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
// A loaded host can take two segments of a burst in one go and ACK them
// once (half-close agreed 8 runs in 10 at a load of 6): more attempts cost
// time only when a run disagrees.
const attempts = 5

// outcome is a scenario's run on the kernel: the last attempt.
type outcome struct {
	res   *Result
	err   error
	tries []string // the side-by-side ladders of the attempts that disagreed
}

// TestScenariosAgreeWithKernel runs every bundled scenario the runner can
// realise (the linux-* ones and the classic ones, under the linux profile)
// and the few in more on this machine's kernel, several at once, and holds
// each against the linux profile.
func TestScenariosAgreeWithKernel(t *testing.T) {
	needKernel(t)
	start := time.Now()
	names := append(slices.Sorted(maps.Keys(more)), scenarios.Names()...)
	scs := map[string]*scenarios.Scenario{}
	for _, name := range names {
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
		scs[name] = sc
	}
	out := runAll(scs, func(name string) bool {
		_, skip := notRealised[name]
		return skip || (tooLong[name] != "" && !*all)
	})
	for _, name := range names {
		t.Run(name, func(t *testing.T) { check(t, name, scs[name], out[name]) })
	}
	t.Logf("all scenarios in %v", time.Since(start).Round(time.Millisecond))
	if left := leftovers(); len(left) > 0 {
		t.Errorf("namespaces left behind: %v", left)
	}
}

// runAll runs the scenarios parallel at a time, the longest first (by
// the model's last segment), so a long one does not start last and keep
// the suite waiting. A real kernel on a shared machine is late now and
// then (the relay's thread or an application not scheduled in time): a
// disagreement is retried, and counts only if every attempt disagrees. A
// real difference of the model reproduces.
func runAll(scs map[string]*scenarios.Scenario, skip func(string) bool) map[string]*outcome {
	var names []string
	length := map[string]time.Duration{}
	for name, sc := range scs {
		if skip(name) {
			continue
		}
		names = append(names, name)
		cfg := *sc.Config
		cfg.Profile = sim.Linux
		if tr := sim.Run(&cfg); len(tr.Events) > 0 {
			length[name] = tr.Events[len(tr.Events)-1].T
		}
	}
	slices.SortFunc(names, func(x, y string) int { return cmp.Or(cmp.Compare(length[y], length[x]), strings.Compare(x, y)) })
	out := map[string]*outcome{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	work := make(chan string)
	for range parallel {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for name := range work {
				o := runOne(name, scs[name])
				mu.Lock()
				out[name] = o
				mu.Unlock()
			}
		}()
	}
	for _, name := range names {
		work <- name
	}
	close(work)
	wg.Wait()
	return out
}

// runOne runs a scenario until it agrees or its attempts are used up.
// A race the kernel decides and the model cannot see is the scenario's
// to declare (tolerance: race; lost-synack's), not the test's.
func runOne(name string, sc *scenarios.Scenario) *outcome {
	o := &outcome{}
	for range attempts {
		if o.res, o.err = Run(context.Background(), sc.Config, Options{Tolerance: sc.Tolerance}); o.err != nil {
			break
		}
		if o.res.Agree() || known[name] != "" {
			break
		}
		o.tries = append(o.tries, sideBySide(o.res))
	}
	return o
}

func sideBySide(r *Result) string {
	var b strings.Builder
	_ = capcmp.WriteSideBySide(&b, "kernel", "model (linux profile)", r.Kernel, r.Model, r.Compare)
	return b.String()
}

// check holds one scenario's outcome against what the lists say.
func check(t *testing.T, name string, sc *scenarios.Scenario, o *outcome) {
	if why, ok := notRealised[name]; ok {
		if len(Unsupported(sc.Config)) == 0 {
			t.Fatalf("listed as not realised (%s), but the runner can run it now: remove it from notRealised", why)
		}
		t.Skipf("not realised on the kernel: %s (%v)", why, Unsupported(sc.Config))
	}
	if o == nil {
		t.Skipf("too long for the suite (%s): go test ./kernel -kernel.all, or tcpsim real %s", tooLong[name], name)
	}
	if o.err != nil {
		t.Fatal(o.err)
	}
	res := o.res
	why, isKnown := known[name]
	switch {
	case res.Agree() && isKnown:
		t.Errorf("agrees now, but is listed as known to disagree (%s): remove it from known", why)
	case !res.Agree() && !isKnown:
		for i, s := range o.tries[:len(o.tries)-1] {
			t.Logf("attempt %d disagreed too:\n%s", i+1, s)
		}
		t.Errorf("disagrees with the kernel:\n%s", sideBySide(res))
	case !res.Agree():
		t.Logf("disagrees, as known: %s", why)
	}
	if name == "linux-close-unread" {
		checkSave(t, name, sc, res)
	}
	if res.Race > 0 {
		t.Logf("agrees with the model in which its race %d went the other way (tolerance.race)", res.Race)
	}
	t.Logf("%d segments, %d gaps compared, %v of real time", len(res.Kernel), res.Compare.Gaps, res.Elapsed.Round(time.Millisecond))
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
