package serve

import (
	"fmt"
	"os"
	"path/filepath"

	"charm.land/ssh"
	"charm.land/wish/v2"
	gossh "golang.org/x/crypto/ssh"
)

// DefaultHostKeyPath is $XDG_STATE_HOME/tcpsim/ssh_host_ed25519_key, or
// ~/.local/state/tcpsim/… when XDG_STATE_HOME is unset: the same key every
// lesson, so students see no changed-key warning.
func DefaultHostKeyPath() (string, error) {
	dir := os.Getenv("XDG_STATE_HOME")
	if dir == "" || !filepath.IsAbs(dir) { // the XDG spec ignores relative paths
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("serve: no state directory for the host key (set XDG_STATE_HOME or --host-key): %w", err)
		}
		dir = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(dir, "tcpsim", "ssh_host_ed25519_key"), nil
}

// hostKeyOption loads the key at path, generating an Ed25519 key there on
// the first start (its directory private to the user).
func hostKeyOption(path string) (ssh.Option, error) {
	if _, err := os.Stat(path); os.IsNotExist(err) {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("serve: host key: %w", err)
		}
	}
	return wish.WithHostKeyPath(path), nil
}

func fingerprint(k ssh.PublicKey) string { return gossh.FingerprintSHA256(k) }
