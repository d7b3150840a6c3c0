package replay

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/gopacket/gopacket/layers"

	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/sim/pcap"
)

// TestWriteCorpus regenerates testdata/fuzz/FuzzReplay when
// TCPSIM_WRITE_CORPUS=1: seeds that reach deep into the reader and the
// replay, not only its first bytes.
func TestWriteCorpus(t *testing.T) {
	if os.Getenv("TCPSIM_WRITE_CORPUS") == "" {
		t.Skip("set TCPSIM_WRITE_CORPUS=1 to rewrite the fuzz corpus")
	}
	var seeds [][]byte
	add := func(b []byte) { seeds = append(seeds, append([]byte(nil), b...)) }
	paths, _ := filepath.Glob("testdata/*.pcap")
	for _, p := range paths {
		data, _ := os.ReadFile(p)
		add(data)
		add(data[:len(data)*2/3]) // cut in a record
		add(data[:40])            // header and a record header
		mangled := append([]byte(nil), data...)
		for i := 24 + 16 + 14; i < len(mangled); i += 37 {
			mangled[i] ^= 0x5a // damage inside IP and TCP headers
		}
		add(mangled)
	}
	none := func([]byte) []byte { return nil }
	add(relink(t, "testdata/c_half_close.pcap", layers.LinkTypeRaw, false, none))
	add(relink(t, "testdata/a_normal.pcap", layers.LinkTypeEthernet, true, func(e []byte) []byte { return append([]byte(nil), e...) }))
	for _, name := range []string{"simultaneous-close", "abort", "data-with-loss", "old-duplicate-syn", "time-wait-new-syn"} {
		sc, err := scenarios.Lookup(name)
		if err != nil {
			continue
		}
		var b bytes.Buffer
		if err := pcap.Write(&b, sim.Run(sc.Config), pcap.Options{Format: pcap.FormatPcapNG, Tap: pcap.TapLink}); err != nil {
			t.Fatal(err)
		}
		add(b.Bytes())
	}
	add([]byte{0x0a, 0x0d, 0x0d, 0x0a, 0x1c, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a})
	dir := filepath.Join("testdata", "fuzz", "FuzzReplay")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, s := range seeds {
		sum := sha256.Sum256(s)
		body := fmt.Sprintf("go test fuzz v1\n[]byte(%s)\n", strconv.Quote(string(s)))
		if err := os.WriteFile(filepath.Join(dir, hex.EncodeToString(sum[:8])), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
