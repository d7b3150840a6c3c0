package replay

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"

	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/sim/pcap"
)

// noACKs is a real handshake followed by n data segments from the client
// that nothing acknowledges: more than maxOwed unacknowledged segments.
func noACKs(t *testing.T, n int) []byte {
	t.Helper()
	data, cis := frames(t, "testdata/a_normal.pcap")
	var b bytes.Buffer
	w := pcapgo.NewWriterNanos(&b)
	if err := w.WriteFileHeader(65535, layers.LinkTypeEthernet); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		if err := w.WritePacket(cis[i], data[i]); err != nil {
			t.Fatal(err)
		}
	}
	p := gopacket.NewPacket(data[2], layers.LayerTypeEthernet, gopacket.Default) // the client's ACK
	eth := *p.Layer(layers.LayerTypeEthernet).(*layers.Ethernet)
	ip := *p.Layer(layers.LayerTypeIPv4).(*layers.IPv4)
	tcp := *p.Layer(layers.LayerTypeTCP).(*layers.TCP)
	tcp.Options, tcp.Padding = nil, nil
	tcp.PSH = true
	ci := cis[2]
	payload := bytes.Repeat([]byte("x"), 100)
	for i := 0; i < n; i++ {
		seg := tcp
		seg.Seq = tcp.Seq + uint32(i*len(payload))
		if err := seg.SetNetworkLayerForChecksum(&ip); err != nil {
			t.Fatal(err)
		}
		buf := gopacket.NewSerializeBuffer()
		opts := gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true}
		if err := gopacket.SerializeLayers(buf, opts, &eth, &ip, &seg, gopacket.Payload(payload)); err != nil {
			t.Fatal(err)
		}
		ci.Timestamp = ci.Timestamp.Add(1000)
		ci.CaptureLength, ci.Length = len(buf.Bytes()), len(buf.Bytes())
		if err := w.WritePacket(ci, buf.Bytes()); err != nil {
			t.Fatal(err)
		}
	}
	return b.Bytes()
}

// Regression: with more than maxOwed segments owed, Output compacted the
// queue during Arrive and deliver sliced it with a stale length
// ("slice bounds out of range [256:129]").
func TestManyUnacknowledged(t *testing.T) {
	res, err := Read(bytes.NewReader(noACKs(t, 514)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Frames != 3+514 {
		t.Errorf("%d frames", res.Frames)
	}
}

// Regression: tcpsim's own export of a long lossy transfer crashed the
// replay the same way.
func TestReplayLongLossyExport(t *testing.T) {
	sc, err := scenarios.Load("long.yaml", []byte(`
link: {loss: 0.05}
timeline:
  - {at: 0s, b: listen}
  - {at: 0s, a: connect}
  - {when: {a: ESTABLISHED}, a: {send: 16777216}}
  - {when: {b: CLOSE-WAIT}, b: close}
`))
	if err != nil {
		t.Fatal(err)
	}
	tr, stop := sim.RunLimited(sc.Config)
	if stop != nil {
		t.Fatal(stop)
	}
	var b bytes.Buffer
	if err := pcap.Write(&b, tr, pcap.Options{Format: pcap.FormatPcapNG, Tap: pcap.TapA}); err != nil {
		t.Fatal(err)
	}
	res, err := Read(&b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Frames < 11000 {
		t.Errorf("%d frames", res.Frames)
	}
}

// A capture's memory is bounded by the run budget, not by a frame
// count: past it, a clear error naming the limit, with the replay of
// what came before.
func TestCaptureBudget(t *testing.T) {
	data := noACKs(t, 200)
	full, err := Read(bytes.NewReader(data), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		lim  sim.Limits
		want string
	}{
		{sim.Limits{Memory: 50_000}, "the replay reached its memory limit of 50,000 bytes"},
		{sim.Limits{Events: 100}, "the replay reached its trace events limit of 100"},
		{sim.Limits{Events: 20}, "after 5 segments of the connection: the replay reached its trace events limit of 20"},
	} {
		res, err := Read(bytes.NewReader(data), Options{Limits: c.lim})
		var stop *LimitError
		if !errors.As(err, &stop) || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "--max-") {
			t.Fatalf("%+v: %v", c.lim, err)
		}
		if res == nil || res.Stop != stop || len(res.Frame) == 0 || len(res.Frame) >= len(full.Frame) {
			t.Fatalf("%+v: no partial replay: %+v", c.lim, res)
		}
		// What came before the stop is replayed as the whole run did it.
		if got, want := res.Frame, full.Frame[:len(res.Frame)]; !slices.Equal(got, want) {
			t.Errorf("%+v: frames %v, want %v", c.lim, got, want)
		}
		if stop.Frame != res.Frame[len(res.Frame)-1]+1 {
			t.Errorf("%+v: stopped at frame %d after frame %d", c.lim, stop.Frame, res.Frame[len(res.Frame)-1])
		}
	}
}

// docs/pcap.md says gzipped captures work: pcapng too, not only pcap.
func TestGzippedPcapng(t *testing.T) {
	sc, err := scenarios.Lookup("handshake")
	if err != nil {
		t.Fatal(err)
	}
	var raw, gz bytes.Buffer
	if err := pcap.Write(&raw, sim.Run(sc.Config), pcap.Options{Format: pcap.FormatPcapNG, Tap: pcap.TapA}); err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(&gz)
	zw.Write(raw.Bytes())
	zw.Close()
	res, err := Read(&gz, Options{})
	if err != nil || res.Format != "pcapng" || res.Frames != 5 {
		t.Fatalf("%v %+v", err, res)
	}
	if _, err := Read(bytes.NewReader([]byte{0x1f, 0x8b, 8, 0, 1, 2}), Options{}); err == nil || !strings.Contains(err.Error(), "gzip") {
		t.Errorf("broken gzip: %v", err)
	}
}

func TestReplayDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "x.pcap")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(dir, Options{}); err == nil || !strings.Contains(err.Error(), "is a directory, not a capture file") {
		t.Errorf("%v", err)
	}
}
