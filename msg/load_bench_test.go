package msg

import "testing"

// BenchmarkLoad is the catalogue's cost at start-up: every command and
// the lab's first frame pay it once.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		load()
		if bundleErr != nil {
			b.Fatal(bundleErr)
		}
	}
}
