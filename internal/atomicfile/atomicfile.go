// Package atomicfile writes a file so that readers see either the old
// content or the whole new one: the bytes go to a hidden temporary file in
// the same directory, which is renamed over the target only once complete.
// A failed or interrupted write leaves no partial file under the target's
// name.
package atomicfile

import (
	"os"
	"path/filepath"
)

// WriteFile replaces path with data (mode 0644).
func WriteFile(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	if _, err = f.Write(data); err == nil {
		err = f.Chmod(0o644)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
