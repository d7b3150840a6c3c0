package replay

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// FuzzReplay feeds arbitrary bytes, and mangled captures, to the reader:
// an error that says what is wrong, or a trace that prints; never a panic.
// The committed corpus (testdata/fuzz/FuzzReplay) holds the real captures,
// pcapng and raw-IP versions, and cut and corrupted copies.
func FuzzReplay(f *testing.F) {
	paths, _ := filepath.Glob("testdata/*.pcap")
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// A hang is a failure too; the fuzzer keeps only inputs that fail.
		var res *Result
		var err error
		done := make(chan struct{})
		go func() {
			defer close(done)
			res, err = Read(bytes.NewReader(data), Options{})
		}()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("Read of %d bytes still running after 5s", len(data))
		}
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an empty error")
			}
			if strings.Contains(err.Error(), "state machine failed") {
				t.Fatalf("fsm panicked: %v", err) // a hole in the engine's table
			}
			return
		}
		if len(res.Frame) == 0 || res.Trace == nil || res.Streams < 1 {
			t.Fatalf("a result with nothing in it: %+v", res)
		}
		if err := res.WriteText(io.Discard); err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := res.WriteJSONL(&b); err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(strings.TrimSpace(b.String()), "\n") {
			if !json.Valid([]byte(line)) {
				t.Fatalf("invalid JSON line %q", line)
			}
		}
		for i := 1; i < res.Streams && i < 4; i++ {
			if _, err := Read(bytes.NewReader(data), Options{Stream: i}); err != nil {
				t.Fatalf("stream %d of %d: %v", i, res.Streams, err)
			}
		}
	})
}
