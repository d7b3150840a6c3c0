package serve

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"charm.land/ssh"
)

// exports is where students' captures wait to be fetched: a private
// temporary directory (never the teacher's working directory) with one
// subdirectory per lab, named by a random token. The token is the only
// key: `scp -P 2222 host:TOKEN/tcpsim-x.pcapng .` fetches one file,
// and nothing can be listed, globbed, copied recursively or uploaded.
type exports struct {
	dir  string
	root *os.Root

	mu     sync.Mutex
	tokens map[ssh.Session]string
	files  map[string]int // files per token
}

// maxExportFiles bounds one lab's area (a file per scenario exported).
const maxExportFiles = 32

func newExports() (*exports, error) {
	dir, err := os.MkdirTemp("", "tcpsim-serve-")
	if err != nil {
		return nil, fmt.Errorf("serve: export area: %w", err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, fmt.Errorf("serve: export area: %w", err)
	}
	return &exports{dir: dir, root: root, tokens: map[ssh.Session]string{}, files: map[string]int{}}, nil
}

func (e *exports) remove() {
	_ = e.root.Close()
	_ = os.RemoveAll(e.dir)
}

// save writes a capture for the session through write, and returns the
// command that fetches it.
func (e *exports) save(sess ssh.Session, host, name string, write func(path string) error) (string, error) {
	name = safeName(name)
	e.mu.Lock()
	tok, ok := e.tokens[sess]
	if !ok {
		var b [8]byte
		_, _ = rand.Read(b[:])
		tok = hex.EncodeToString(b[:])
		e.tokens[sess] = tok
	}
	if _, err := e.root.Stat(tok + "/" + name); err != nil && e.files[tok] >= maxExportFiles {
		e.mu.Unlock()
		return "", fmt.Errorf("this lab has exported %d files already", maxExportFiles)
	}
	e.mu.Unlock()
	if err := e.root.Mkdir(tok, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return "", err
	}
	_, existed := e.root.Stat(tok + "/" + name)
	if err := write(filepath.Join(e.dir, tok, name)); err != nil {
		return "", err
	}
	if existed != nil {
		e.mu.Lock()
		e.files[tok]++
		e.mu.Unlock()
	}
	return fetchCommand(sess, host, tok+"/"+name), nil
}

// fetchCommand is what a student types on their own machine; both the
// classic SCP protocol and SFTP (OpenSSH 9's scp default) are served.
func fetchCommand(sess ssh.Session, host, path string) string {
	h, port, _ := net.SplitHostPort(sess.LocalAddr().String())
	if host != "" {
		h = host
	}
	if strings.Contains(h, ":") {
		h = "[" + h + "]"
	}
	p := ""
	if port != "22" {
		p = "-P " + port + " "
	}
	return "scp " + p + sess.User() + "@" + h + ":" + path + " ."
}

// safeName keeps a file name to [a-zA-Z0-9._-].
func safeName(s string) string {
	b := []byte(filepath.Base(s))
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			b[i] = '-'
		}
	}
	if len(b) == 0 || b[0] == '.' {
		return "x" + string(b)
	}
	return string(b)
}

// check accepts exactly TOKEN/NAME of an existing export.
func (e *exports) check(p string) (string, error) {
	p = strings.TrimPrefix(p, "/")
	tok, name, ok := strings.Cut(p, "/")
	if !ok || name == "" || strings.Contains(name, "/") || safeName(name) != name || len(tok) != 16 {
		return "", fmt.Errorf("no such export: %q (copy the command the lab showed)", p)
	}
	if _, err := hex.DecodeString(tok); err != nil {
		return "", fmt.Errorf("no such export: %q", p)
	}
	return tok + "/" + name, nil
}

// open opens the export p names (TOKEN/NAME), a regular file or nothing.
func (e *exports) open(p string) (*os.File, fs.FileInfo, error) {
	c, err := e.check(p)
	if err != nil {
		return nil, nil, err
	}
	f, err := e.root.Open(c)
	if err != nil {
		return nil, nil, fmt.Errorf("no such export: %q", p)
	}
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		_ = f.Close()
		return nil, nil, fmt.Errorf("no such export: %q", p)
	}
	return f, info, nil
}
