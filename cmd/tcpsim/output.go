package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"syscall"
	"time"

	"github.com/tcpsim/tcpsim/trace"

	"github.com/tcpsim/tcpsim/sim/pcap"
)

func init() {
	// The lab's `e` key gets the same symlink rule and sweep as the verb;
	// the lab restores the terminal on signals itself.
	tuiOptions.Export = func(tr *trace.Trace, path string, tap pcap.Tap) error {
		return writeCaptureFile(path, tr, pcap.Options{Tap: tap})
	}
}

// tempRE is the name pcap.WriteFile gives its temporary file,
// ".NAME.tmpNNNN", next to NAME until the rename.
var tempRE = regexp.MustCompile(`^\..+\.(pcap|pcapng|cap)\.tmp[0-9]+$`)

// staleAfter is how long a temporary file must have been left untouched
// before an export sweeps it: a running export writes to its own every few
// milliseconds.
const staleAfter = 10 * time.Second

// writeCapture writes a capture as the export verb does, and makes sure an
// interruption (SIGINT, SIGTERM, SIGHUP) leaves no temporary file behind:
// it removes the one it created and exits 128+signal.
func writeCapture(ctx context.Context, path string, tr *trace.Trace, opts pcap.Options) error {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigs)
	dir := filepath.Dir(path)
	before := temps(dir)
	done := make(chan error, 1)
	go func() { done <- writeCaptureFile(path, tr, opts) }()
	select {
	case err := <-done:
		return err
	case sig := <-sigs:
		removeNewTemps(dir, before)
		code := 128 + int(sig.(syscall.Signal))
		return &exitError{code: code, err: fmt.Errorf("interrupted by %v; %s was not written", sig, path)}
	}
}

// writeCaptureFile resolves a symbolic link to the file it names (the
// export writes through the link, which stays a link) and sweeps stale
// temporary files of ours from the directory first.
func writeCaptureFile(path string, tr *trace.Trace, opts pcap.Options) error {
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		target, err := resolveLink(path)
		if err != nil {
			return &exitError{code: exitIO, err: fmt.Errorf("cannot write %s: it is a symbolic link %v", path, err)}
		}
		if opts.Format == pcap.FormatAuto {
			// The format is the name the user typed, not the target's.
			f, err := pcap.FormatForPath(path)
			if err != nil {
				return err
			}
			opts.Format = f
		}
		path = target
	}
	sweepTemps(filepath.Dir(path), time.Now())
	if err := pcap.WriteFile(path, tr, opts); err != nil {
		return &exitError{code: exitIO, err: err}
	}
	return nil
}

// resolveLink follows a chain of symbolic links to the file it ends at,
// which need not exist yet (a link made for the capture to come); its
// directory must.
func resolveLink(path string) (string, error) {
	for range 40 { // as the kernel's MAXSYMLINKS
		fi, err := os.Lstat(path)
		if errors.Is(err, fs.ErrNotExist) || (err == nil && fi.Mode()&fs.ModeSymlink == 0) {
			dir := filepath.Dir(path)
			if st, err := os.Stat(dir); err != nil || !st.IsDir() {
				return "", fmt.Errorf("to %s, in a directory that does not exist", path)
			}
			return path, nil
		}
		if err != nil {
			return "", fmt.Errorf("that cannot be read (%v)", unwrapPathErr(err))
		}
		to, err := os.Readlink(path)
		if err != nil {
			return "", fmt.Errorf("that cannot be read (%v)", unwrapPathErr(err))
		}
		if !filepath.IsAbs(to) {
			to = filepath.Join(filepath.Dir(path), to)
		}
		path = to
	}
	return "", errors.New("in a loop of links")
}

// temps lists our temporary files in dir.
func temps(dir string) map[string]bool {
	out := map[string]bool{}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if tempRE.MatchString(e.Name()) {
			out[e.Name()] = true
		}
	}
	return out
}

func removeNewTemps(dir string, before map[string]bool) {
	for name := range temps(dir) {
		if !before[name] {
			os.Remove(filepath.Join(dir, name))
		}
	}
}

// sweepTemps removes temporary files an earlier export left when it was
// killed (SIGKILL cannot be caught), if untouched for staleAfter.
func sweepTemps(dir string, now time.Time) {
	for name := range temps(dir) {
		p := filepath.Join(dir, name)
		fi, err := os.Lstat(p)
		if err == nil && fi.Mode().IsRegular() && now.Sub(fi.ModTime()) > staleAfter {
			os.Remove(p)
		}
	}
}

func unwrapPathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
