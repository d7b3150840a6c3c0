//go:build linux

package kernel

import (
	"bytes"
	"fmt"
	"net/netip"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync/atomic"

	"golang.org/x/sys/unix"
)

// Prefix starts the name of every network namespace the runner creates.
// Sweep removes only namespaces with this prefix whose creating process is
// gone, so it never touches anyone else's.
const Prefix = "tcpsim-"

// Interface names inside the namespaces. They are fresh namespaces, so the
// names cannot clash with anything.
const (
	ifA = "tsa"
	ifB = "tsb"
)

var nsCounter atomic.Int64

// lab is one run's pair of namespaces joined by a veth.
type lab struct {
	ns       [2]string // A's and B's namespace
	mid      string    // the relay's namespace, or ""
	addr     [2]netip.Addr
	created  [2]bool
	logSetup []string // the commands that built it, for the README of --save
}

// run runs a command and returns its error with its output. A command
// of the form "ip netns exec NS cmd…" is started from a thread inside NS
// instead (the child inherits the thread's network namespace): the same
// effect without the remount of /sys that costs `ip netns exec` 0.1–0.3 s,
// which matters when a crash must act at once.
func (l *lab) run(args ...string) error {
	return l.runInput("", args...)
}

func (l *lab) runInput(stdin string, args ...string) error {
	l.logSetup = append(l.logSetup, strings.Join(args, " "))
	var out []byte
	var err error
	if len(args) > 4 && args[0] == "ip" && args[1] == "netns" && args[2] == "exec" {
		err = inNS(args[3], func() error {
			cmd := exec.Command(args[4], args[5:]...)
			cmd.Stdin = strings.NewReader(stdin)
			out, err = cmd.CombinedOutput()
			return err
		})
	} else {
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Stdin = strings.NewReader(stdin)
		out, err = cmd.CombinedOutput()
	}
	if err != nil {
		return fmt.Errorf("%s: %v: %s", strings.Join(args, " "), err, bytes.TrimSpace(out))
	}
	return nil
}

// newLab creates the namespaces and the veth between them: offloads off (so
// each segment is captured with its real size, as in the reference
// captures), IPv6 off, static neighbours, each address as a /32 with a route
// to the other. On error it tears down what it made.
func newLab(a, b netip.Addr, middle bool) (l *lab, err error) {
	n := nsCounter.Add(1)
	l = &lab{addr: [2]netip.Addr{a, b}}
	name := func(s string) string { return fmt.Sprintf("%s%d-%d-%s", Prefix, os.Getpid(), n, s) }
	l.ns = [2]string{name("a"), name("b")}
	defer func() {
		if err != nil {
			l.Close()
		}
	}()
	for i := range l.ns {
		if err := l.run("ip", "netns", "add", l.ns[i]); err != nil {
			return l, err
		}
		l.created[i] = true
	}
	mac := [2]string{"02:00:00:00:00:0a", "02:00:00:00:00:0b"}
	steps := [][]string{
		{"ip", "-n", l.ns[0], "link", "add", ifA, "address", mac[0], "type", "veth",
			"peer", "name", ifB, "address", mac[1], "netns", l.ns[1]},
	}
	if middle {
		if err := l.run("ip", "netns", "add", name("m")); err != nil {
			return l, err
		}
		l.mid = name("m")
		steps = [][]string{
			{"ip", "-n", l.ns[0], "link", "add", ifA, "address", mac[0], "type", "veth", "peer", "name", ifMA, "netns", l.mid},
			{"ip", "-n", l.ns[1], "link", "add", ifB, "address", mac[1], "type", "veth", "peer", "name", ifMB, "netns", l.mid},
			{"ip", "-n", l.mid, "link", "set", "dev", ifMA, "up"},
			{"ip", "-n", l.mid, "link", "set", "dev", ifMB, "up"},
			{"ip", "netns", "exec", l.mid, "sh", "-c", "sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.ip_forward=0" +
				" && ethtool -K " + ifMA + " tx off rx off tso off gso off gro off && ethtool -K " + ifMB + " tx off rx off tso off gso off gro off"},
		}
	}
	for i, ifn := range []string{ifA, ifB} {
		ns, peer := l.ns[i], l.addr[1-i].String()
		steps = append(steps,
			[]string{"ip", "-n", ns, "link", "set", "dev", "lo", "up"},
			[]string{"ip", "-n", ns, "link", "set", "dev", ifn, "up"},
			[]string{"ip", "-n", ns, "addr", "add", l.addr[i].String() + "/32", "peer", peer + "/32", "dev", ifn},
			[]string{"ip", "-n", ns, "neigh", "replace", peer, "lladdr", mac[1-i], "dev", ifn, "nud", "permanent"},
		)
	}
	for _, s := range steps {
		if err := l.run(s...); err != nil {
			return l, err
		}
	}
	return l, nil
}

// tune sets kernel settings inside one namespace, turns IPv6 off (no
// router solicitations in the capture) and the veth's offloads off, in one
// `ip netns exec` (each costs a remount of /sys). A setting this kernel
// lacks (tcp_syn_linear_timeouts is new in 6.x) is skipped (-e): the
// comparison then shows what that setting would have changed.
func (l *lab) tune(side int, kv ...string) error {
	ifn := [2]string{ifA, ifB}[side]
	kv = append([]string{"net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1"}, kv...)
	script := "sysctl -q -e -w " + strings.Join(kv, " ") + " && ethtool -K " + ifn + " tx off rx off tso off gso off gro off"
	return l.run("ip", "netns", "exec", l.ns[side], "sh", "-c", script)
}

// nft loads a ruleset into one namespace's own table.
func (l *lab) nft(side int, rules string) error {
	if err := l.runInput(rules, "ip", "netns", "exec", l.ns[side], "nft", "-f", "-"); err != nil {
		return err
	}
	l.logSetup[len(l.logSetup)-1] += " <<EOF\n" + rules + "EOF"
	return nil
}

// Close deletes the namespaces it created; their interfaces, nft tables,
// qdiscs and sockets go with them.
func (l *lab) Close() {
	if l.mid != "" {
		_ = exec.Command("ip", "netns", "del", l.mid).Run()
		l.mid = ""
	}
	for i := range l.ns {
		if l.created[i] {
			_ = exec.Command("ip", "netns", "del", l.ns[i]).Run()
			l.created[i] = false
		}
	}
}

// inNS runs f on an OS thread that has joined the namespace. The thread is
// never handed back to the Go scheduler (the goroutine exits locked, so the
// runtime ends the thread): no other goroutine can ever run in the wrong
// namespace. Sockets created by f stay in the namespace wherever they are
// used later.
func inNS(ns string, f func() error) error {
	errc := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		fd, err := unix.Open("/var/run/netns/"+ns, unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if err != nil {
			errc <- err
			return
		}
		defer unix.Close(fd)
		if err := unix.Setns(fd, unix.CLONE_NEWNET); err != nil {
			errc <- fmt.Errorf("setns %s: %w", ns, err)
			return
		}
		errc <- f()
	}()
	return <-errc
}

// Sweep deletes stale namespaces left by runs whose process is gone (a
// kill -9, a power cut). It looks only at names that start with Prefix and
// carry a process id, so it never removes anything the runner did not make.
func Sweep() []string {
	out, err := exec.Command("ip", "netns", "list").Output()
	if err != nil {
		return nil
	}
	var removed []string
	for _, line := range strings.Split(string(out), "\n") {
		name, _, _ := strings.Cut(strings.TrimSpace(line), " ")
		rest, ok := strings.CutPrefix(name, Prefix)
		if !ok {
			continue
		}
		var pid, n int
		var side string
		if k, _ := fmt.Sscanf(strings.ReplaceAll(rest, "-", " "), "%d %d %s", &pid, &n, &side); k != 3 || (side != "a" && side != "b" && side != "m") {
			continue
		}
		if pid == os.Getpid() || unix.Kill(pid, 0) == nil {
			continue // its run is still going
		}
		if exec.Command("ip", "netns", "del", name).Run() == nil {
			removed = append(removed, name)
		}
	}
	return removed
}

// leftovers lists this process's namespaces that still exist.
func leftovers() []string {
	out, _ := exec.Command("ip", "netns", "list").Output()
	var left []string
	for _, line := range strings.Split(string(out), "\n") {
		name, _, _ := strings.Cut(strings.TrimSpace(line), " ")
		if strings.HasPrefix(name, fmt.Sprintf("%s%d-", Prefix, os.Getpid())) {
			left = append(left, name)
		}
	}
	return left
}
