package kernel

import (
	"errors"
	"os"
	"os/exec"
)

// Available says whether this machine can run scenarios on its kernel:
// root (network namespaces and nftables need CAP_SYS_ADMIN and
// CAP_NET_ADMIN) and the tools ip, nft, tcpdump, ethtool, sysctl.
func Available() error {
	if os.Geteuid() != 0 {
		return errors.New("tcpsim real needs root (it creates network namespaces): run it with sudo")
	}
	var missing []string
	for _, t := range []string{"ip", "nft", "tcpdump", "ethtool", "sysctl"} {
		if _, err := exec.LookPath(t); err != nil {
			missing = append(missing, t)
		}
	}
	if len(missing) > 0 {
		return errors.New("tcpsim real needs these tools: " + join(missing) + " (Debian: apt-get install iproute2 nftables tcpdump ethtool procps)")
	}
	return nil
}

func join(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += ", "
		}
		out += x
	}
	return out
}
