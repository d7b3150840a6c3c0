package serve

import (
	"bufio"
	"bytes"
	"crypto/subtle"
	"errors"
	"fmt"
	"os"
	"strings"

	"charm.land/ssh"
	"charm.land/wish/v2"
	gossh "golang.org/x/crypto/ssh"
)

// authOptions: public keys from an authorized_keys file, a shared class
// password (asked by keyboard-interactive, or as an SSH password), both,
// or neither — then the server is open and says so (open is true).
func authOptions(passwordFile, authorizedKeys string) (opts []ssh.Option, open bool, err error) {
	if authorizedKeys != "" {
		keys, err := readAuthorizedKeys(authorizedKeys)
		if err != nil {
			return nil, false, err
		}
		opts = append(opts, wish.WithPublicKeyAuth(func(_ ssh.Context, k ssh.PublicKey) bool {
			for _, a := range keys {
				if ssh.KeysEqual(k, a) {
					return true
				}
			}
			return false
		}))
	}
	if passwordFile != "" {
		pw, err := readPassword(passwordFile)
		if err != nil {
			return nil, false, err
		}
		ok := func(s string) bool { return subtle.ConstantTimeCompare([]byte(s), pw) == 1 }
		opts = append(opts,
			wish.WithKeyboardInteractiveAuth(func(_ ssh.Context, ch gossh.KeyboardInteractiveChallenge) bool {
				ans, err := ch("", "tcpsim: the class password, from your teacher", []string{"Class password: "}, []bool{false})
				return err == nil && len(ans) == 1 && ok(ans[0])
			}),
			wish.WithPasswordAuth(func(_ ssh.Context, p string) bool { return ok(p) }),
		)
	}
	return opts, len(opts) == 0, nil
}

// readPassword takes the first line of the file, which must not be empty.
func readPassword(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--password-file: %w", err)
	}
	line, _, _ := strings.Cut(string(b), "\n")
	line = strings.TrimRight(line, "\r")
	if line == "" {
		return nil, fmt.Errorf("--password-file %s: the first line (the password) is empty", path)
	}
	return []byte(line), nil
}

// readAuthorizedKeys parses an OpenSSH authorized_keys file, naming the
// line of a bad entry.
func readAuthorizedKeys(path string) ([]ssh.PublicKey, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--authorized-keys: %w", err)
	}
	var keys []ssh.PublicKey
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, _, _, _, err := gossh.ParseAuthorizedKey([]byte(line))
		if err != nil {
			return nil, fmt.Errorf("--authorized-keys %s:%d: %w", path, n, err)
		}
		keys = append(keys, k)
	}
	if len(keys) == 0 {
		return nil, errors.New("--authorized-keys " + path + ": no keys in the file")
	}
	return keys, nil
}
