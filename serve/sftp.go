package serve

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"time"

	"charm.land/ssh"
	"github.com/pkg/sftp"
)

// Exports are fetched over SFTP as well as classic SCP: OpenSSH's scp
// speaks SFTP since 9.0, so the plain command the lab shows works with
// any scp, old or new. The SFTP side is read-only and blind: a student
// can stat and read exactly TOKEN/NAME of an existing export, and
// nothing else — no listing, no writes, no renames, no links.

// sftpHandler serves the export area on the "sftp" subsystem.
func (e *exports) sftpHandler(sess ssh.Session) {
	h := sftp.Handlers{FileGet: e, FilePut: denyAll{}, FileCmd: denyAll{}, FileList: e}
	srv := sftp.NewRequestServer(sess, h, sftp.WithStartDirectory("/"))
	code := 0
	if err := srv.Serve(); err != nil && !errors.Is(err, io.EOF) {
		code = 1
	}
	// The exit status before the channel closes: scp in SFTP mode fails
	// without one, even when the file arrived.
	_ = sess.Exit(code)
	_ = srv.Close()
}

// Fileread opens an export for reading; the server closes it.
func (e *exports) Fileread(r *sftp.Request) (io.ReaderAt, error) {
	c, err := e.check(r.Filepath)
	if err != nil {
		return nil, os.ErrNotExist
	}
	f, err := e.root.Open(c)
	if err != nil {
		return nil, os.ErrNotExist
	}
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		_ = f.Close()
		return nil, os.ErrNotExist
	}
	return f, nil
}

// Filelist answers Stat (and Lstat) for an export and for "/", the
// start directory scp resolves first; it never lists a directory.
func (e *exports) Filelist(r *sftp.Request) (sftp.ListerAt, error) {
	if r.Method != "Stat" && r.Method != "Lstat" {
		return nil, os.ErrPermission
	}
	if path.Clean(r.Filepath) == "/" {
		return one{rootInfo{}}, nil
	}
	c, err := e.check(r.Filepath)
	if err != nil {
		return nil, os.ErrNotExist
	}
	info, err := e.root.Stat(c)
	if err != nil || !info.Mode().IsRegular() {
		return nil, os.ErrNotExist
	}
	return one{info}, nil
}

// one is a listing of a single stat result.
type one struct{ fs.FileInfo }

func (o one) ListAt(ls []os.FileInfo, off int64) (int, error) {
	if off > 0 || len(ls) == 0 {
		return 0, io.EOF
	}
	ls[0] = o.FileInfo
	return 1, io.EOF
}

// rootInfo describes "/" without revealing anything under it.
type rootInfo struct{}

func (rootInfo) Name() string       { return "/" }
func (rootInfo) Size() int64        { return 0 }
func (rootInfo) Mode() fs.FileMode  { return fs.ModeDir | 0o111 }
func (rootInfo) ModTime() time.Time { return time.Time{} }
func (rootInfo) IsDir() bool        { return true }
func (rootInfo) Sys() any           { return nil }

// denyAll refuses uploads and every change.
type denyAll struct{}

func (denyAll) Filewrite(*sftp.Request) (io.WriterAt, error) { return nil, os.ErrPermission }
func (denyAll) Filecmd(*sftp.Request) error                  { return os.ErrPermission }
