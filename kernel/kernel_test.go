//go:build linux

package kernel

import (
	"context"
	"os"
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

// TestLinuxScenariosAgreeWithKernel runs every bundled linux-* scenario on
// this machine's kernel and holds it against the linux profile.
func TestLinuxScenariosAgreeWithKernel(t *testing.T) {
	needKernel(t)
	start := time.Now()
	for _, name := range scenarios.Names() {
		if !strings.HasPrefix(name, "linux-") {
			continue
		}
		t.Run(name, func(t *testing.T) {
			sc, err := scenarios.Lookup(name)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Run(context.Background(), sc.Config, Options{})
			if err != nil {
				t.Fatal(err)
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
	t.Logf("all linux-* scenarios in %v", time.Since(start).Round(time.Millisecond))
	if left := leftovers(); len(left) > 0 {
		t.Errorf("namespaces left behind: %v", left)
	}
}
